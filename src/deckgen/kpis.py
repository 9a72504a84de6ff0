"""The KPI catalog: every organisational measure deckgen understands, its unit, range and direction."""

from __future__ import annotations

import re
from typing import Literal

from msgspec import Struct
from pydantic import Field, model_validator

from deckgen.load.schema import Strict
from deckgen.models import Scale

Direction = Literal["lower-is-better", "higher-is-better", "neutral"]


class KpiSpec(Struct, frozen=True):
    name: str
    label: str
    unit: str  # percent | days | hours | score | currency
    low: float
    high: float
    direction: Direction
    description: str
    measure: str = ""  # the definition an organisation's own figure is taken to have
    measures: dict[str, str] | None = None  # every definition a value can have: slug -> words


class _KpiEntry(Strict):
    label: str = Field(min_length=1, max_length=40, description="Name shown on slides.")
    unit: Literal["percent", "days", "hours", "score", "currency"]
    low: float = Field(description="Lowest valid value.")
    high: float = Field(description="Highest valid value.")
    direction: Direction
    description: str = Field(min_length=10, description="What the measure counts, for people.")
    measure: str = Field(
        description="The definition an organisation's own figure is taken to have."
    )
    measures: dict[str, str] = Field(min_length=1, description="Definitions: slug -> description.")

    @model_validator(mode="after")
    def _default_is_listed(self) -> _KpiEntry:
        if self.measure not in self.measures:
            raise ValueError(f"measure '{self.measure}' is not one of its measures")
        return self


class _KpiFile(Strict):
    kpis: dict[str, _KpiEntry] = Field(min_length=1)
    units: dict[str, Literal["percent", "days", "hours", "score", "currency"]]


def _catalog() -> tuple[dict[str, KpiSpec], dict[str, str]]:
    from deckgen.load.datafiles import read_data

    data = read_data("kpis", _KpiFile)
    catalog = {name: KpiSpec(name, **entry.model_dump()) for name, entry in data.kpis.items()}
    return catalog, dict(data.units)


# data/kpis.yaml: the catalog (name -> spec) and the unit spellings HR exports use.
CATALOG, UNIT_ALIASES = _catalog()


def normalise_unit(unit: str, currency: str) -> str | None:
    """The catalog unit for a user's spelling, or None if unknown. The org's currency code means money."""
    text = unit.strip().lower()
    if text == currency.lower():
        return "currency"
    return UNIT_ALIASES.get(text)


SCALE_FORMS = "'1-5', '1–5', '1 to 5', 5, 'out of 5' or '/5'"


def parse_scale(raw: object) -> Scale:
    """A survey scale as people write it: '1-5', '1–5', '1 to 5', or one number N ('5', 'out
    of 5', '/5') meaning 1 to N (100 means 0 to 100). Raises ValueError naming the forms."""
    text = str(raw).strip().lower().replace("\u2013", "-").replace("\u2014", "-")
    if m := re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(?:-|to|\.\.)\s*(-?\d+(?:\.\d+)?)", text):
        low, high = float(m[1]), float(m[2])
        if low < high:
            return Scale(low, high)
    elif m := re.fullmatch(r"(?:out of|of|/)?\s*(\d+(?:\.\d+)?)", text):
        high = float(m[1])
        if high == 100:
            return Scale(0, 100)
        if high > 1:
            return Scale(1, high)
    raise ValueError(f"expected a scale like {SCALE_FORMS}, got '{raw}'")
