"""The schema of org.yaml: the organisation's profile, its KPIs and history as written, where its
people work, and overrides for the cost model's assumptions."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator, model_validator

from deckgen.kpis import SCALE_FORMS
from deckgen.load.places import REGIONS, countries, resolve_country, resolve_industry
from deckgen.load.schema import Amount, Strict


def _to_text(value: Any) -> Any:
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Text = Annotated[str, BeforeValidator(_to_text)]


class KpiEntry(Strict):
    value: float | str = Field(description="The measured value, in the KPI's catalog unit.")
    unit: str | None = Field(
        None, description="Unit as exported (percent, %, days, £...); checked."
    )
    period: Text | None = Field(None, description="Period the value covers, e.g. 2025 or FY25.")
    scale: Text | None = Field(None, description=f"Survey scale for scores: {SCALE_FORMS}.")
    measure: str | None = Field(
        None, description="Which definition the value has (data/kpis.yaml); default the usual one."
    )
    n: int | str | None = Field(
        None, description="People behind the value: a count, or '<5' for too few to show."
    )


ROLE_MIX_TOLERANCE = 1  # percentage points the role shares may miss 100 by (rounding)


class RoleMix(Strict):
    """Percent of roles in each group Gallup prices replacement for (data/figures.yaml)."""

    frontline: float = Field(0, ge=0, le=100, description="Frontline employees, percent of roles.")
    technical: float = Field(
        0, ge=0, le=100, description="Technical and professional roles, percent of roles."
    )
    leaders: float = Field(0, ge=0, le=100, description="Leaders and managers, percent of roles.")

    @model_validator(mode="after")
    def _sums_to_100(self) -> RoleMix:
        total = self.frontline + self.technical + self.leaders
        if abs(total - 100) > ROLE_MIX_TOLERANCE:
            raise ValueError(
                f"expected shares of roles summing to 100 (±{ROLE_MIX_TOLERANCE}), got "
                f"{total:g} (frontline {self.frontline:g} + technical {self.technical:g} + "
                f"leaders {self.leaders:g})"
            )
        return self

    def as_dict(self) -> dict[str, float]:
        return {"frontline": self.frontline, "technical": self.technical, "leaders": self.leaders}


class Workforce(Strict):
    on_site: float | None = Field(
        None, ge=0, le=100, description="Percent of roles done on site or in person (frontline)."
    )
    remote_eligible: float | None = Field(
        None,
        ge=0,
        le=100,
        description="Percent of roles that can be done remotely some of the week.",
    )
    roles: RoleMix | None = Field(
        None,
        description="Percent of roles by group (frontline, technical, leaders), summing to 100: "
        "weights the replacement cost of a leaver.",
    )


class AssumptionOverrides(Strict):
    working_days_per_year: float | None = Field(
        None, gt=100, le=366, description="Working days per FTE per year (default 228)."
    )
    on_cost_factor: float | None = Field(
        None, ge=1, le=2, description="Employer on-costs on salary (default 1.25)."
    )
    improvement_attrition_reduction: float | None = Field(
        None, gt=0, le=1, description="Share of voluntary leavers a change would avoid (0-1)."
    )
    hours_per_day: float | None = Field(
        None, gt=0, le=24, description="Paid hours in a working day (default 7.5)."
    )
    overtime_premium: float | None = Field(
        None, ge=1, le=4, description="Overtime pay as a multiple of an ordinary hour (default 1)."
    )
    cover_premium: float | None = Field(
        None,
        gt=0,
        le=5,
        description="What covering a day of an empty post costs on top of its daily pay, as a "
        "multiple of it (0.5 when agency cover costs 1.5× pay); no default.",
    )

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class OrgFile(Strict):
    name: str = Field(
        min_length=1, max_length=150, description="Organisation name as it should appear on slides."
    )
    country: str | None = Field(
        None, description="ISO 3166 code (GB, SE, US) or name; the region is derived from it."
    )
    industry: str | None = Field(
        None, description="From data/industries.yaml (healthcare, retail ...); free text mapped."
    )
    region: str | None = Field(
        None, description="north-america, uk, europe, asia-pacific ... (when no country is given)."
    )
    workforce: Workforce | None = Field(
        None, description="Where people work; without it, inferred from the industry."
    )
    currency: str = Field(description="ISO 4217 code; amounts are formatted in it.")
    locale: str = Field("en-GB", description="Number and date formatting, e.g. en-GB, de-DE.")
    headcount: int = Field(gt=0, le=10_000_000, description="Employees (heads or FTE).")
    average_salary: Amount = Field(
        gt=0, le=1e10, description="Average annual salary in `currency`."
    )
    kpis: dict[str, KpiEntry] = Field(default_factory=dict, description="KPI name -> value.")
    history: dict[str, dict[Text, float | str]] = Field(
        default_factory=dict, description="KPI name -> {period: value}."
    )
    assumptions: AssumptionOverrides = Field(
        default_factory=lambda: AssumptionOverrides(),
        description="Overrides for the cost model's assumptions (see README).",
    )

    @field_validator("currency")
    @classmethod
    def _iso_code(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z]{3}", value):
            raise ValueError(f"expected a 3-letter ISO 4217 code like EUR, got '{value}'")
        return value.upper()

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return None if value is None else resolve_country(value).code

    @field_validator("industry")
    @classmethod
    def _industry(cls, value: str | None) -> str | None:
        return None if value is None else resolve_industry(value)

    @field_validator("region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        if value is None:
            return None
        key = value.strip().lower().replace(" ", "-")
        if key not in REGIONS:
            hint = difflib.get_close_matches(key, REGIONS, n=1, cutoff=0.6)
            tail = f"; did you mean '{hint[0]}'?" if hint else ""
            raise ValueError(f"unknown region '{value}'{tail}; give one of: {', '.join(REGIONS)}")
        return key

    @model_validator(mode="after")
    def _region_fits_country(self) -> OrgFile:
        if self.country and self.region:
            derived = countries()[self.country].region
            if derived != self.region:
                raise ValueError(
                    f"region '{self.region}' does not fit country {self.country} (which deckgen "
                    f"places in {derived}); leave `region` out, it follows from the country"
                )
        return self

    @property
    def where(self) -> str | None:
        """The region evidence is matched by: the country's, else the one given."""
        return countries()[self.country].region if self.country else self.region

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z]{2}([-_][A-Za-z]{2})?", value):
            raise ValueError(f"expected a locale like en-GB or de-DE, got '{value}'")
        lang, _, region = value.replace("_", "-").partition("-")
        return f"{lang}-{region.upper()}" if region else lang
