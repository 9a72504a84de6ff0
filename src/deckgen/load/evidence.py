"""Load the evidence library: one YAML file per item under evidence/, validated against the schema."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from deckgen.blockers import BLOCKERS
from deckgen.errors import InputError, Problem
from deckgen.fmt import MONEY_UNIT, Formatter
from deckgen.kpis import CATALOG
from deckgen.load.kinds import CLIENT, NEEDS_OWNER, Kind, owner_label
from deckgen.load.schema import Strict, problems_from
from deckgen.load.yamlfile import YamlDoc, load_yaml
from deckgen.models import Provenance, Quantity, SourceRef

CLAIM_UNITS = {"percent", "pp", "multiple", "days", "hours", "years", "count", "score", "ratio"}
PLACEHOLDER = re.compile(r"\{(value|low|high)\}")


class Claim(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Unique within the item.")
    statement: str = Field(min_length=10, description="Our own words; numbers as {value} etc.")
    headline: str | None = Field(
        None, max_length=90, description="Short action-title version of the statement."
    )
    value: float = Field(description="The headline figure.")
    unit: str = Field(description="percent, pp, multiple, days, count, USD-bn, GBP ...")
    low: float | None = Field(None, description="Lower end of a range, if the source gives one.")
    high: float | None = Field(None, description="Upper end of a range, if the source gives one.")
    population: str | None = Field(None, description="Who the figure describes.")
    comparison: str | None = Field(None, description="What it is compared against.")
    kpi: str | None = Field(None, description="For benchmarks: the catalog KPI this measures.")
    measure: str | None = Field(
        None, description="For benchmarks: which of the KPI's definitions (data/kpis.yaml)."
    )
    country: str | None = Field(None, description="For benchmarks: the ISO code it covers.")
    region: str | None = Field(
        None, description="For benchmarks: global, europe, uk, north-america, asia-pacific ..."
    )

    @field_validator("unit")
    @classmethod
    def _unit(cls, unit: str) -> str:
        if unit not in CLAIM_UNITS and not MONEY_UNIT.match(unit):
            raise ValueError(
                f"expected one of {', '.join(sorted(CLAIM_UNITS))} or a currency like USD-bn, "
                f"got '{unit}'"
            )
        return unit

    @field_validator("kpi")
    @classmethod
    def _kpi(cls, kpi: str | None) -> str | None:
        if kpi is not None and kpi not in CATALOG:
            raise ValueError(f"unknown KPI '{kpi}'")
        return kpi

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        from deckgen.load.places import resolve_country

        return None if value is None else resolve_country(value).code

    @model_validator(mode="after")
    def _benchmark(self) -> Claim:
        if self.kpi is None:
            return self
        measures = CATALOG[self.kpi].measures or {}
        if self.measure not in measures:
            raise ValueError(
                f"a benchmark of {self.kpi} names its measure, one of: {', '.join(measures)}"
            )
        if self.country is None and self.region is None:
            raise ValueError("a benchmark says whom it covers: `country:` (ISO code) or `region:`")
        return self

    @model_validator(mode="after")
    def _placeholders(self) -> Claim:
        used = set(PLACEHOLDER.findall(self.statement))
        if not used:
            raise ValueError(
                "statement must show its figure as {value} (or {low}/{high}), never typed in"
            )
        for name in ("low", "high"):
            if name in used and getattr(self, name) is None:
                raise ValueError(f"statement uses {{{name}}} but the claim has no `{name}`")
        return self


_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "del", "la", "le"}


def surname(name: str) -> str:
    """The family name, keeping particles: 'Jan-Emmanuel De Neve' -> 'De Neve'."""
    parts = name.split()
    keep = [parts[-1]]
    for part in reversed(parts[:-1]):
        if part.lower() not in _PARTICLES:
            break
        keep.insert(0, part)
    return " ".join(keep)


class ChartSpec(Strict):
    """A perception-gap chart: the `left` claim against the `right` one."""

    type: Literal["perception-gap"] = "perception-gap"
    left: str = Field(description="Claim id drawn first (e.g. what leaders believe).")
    right: str = Field(description="Claim id drawn second, highlighted (e.g. what staff report).")
    left_label: str | None = Field(None, max_length=60)
    right_label: str | None = Field(None, max_length=60)


Setting = Literal["office", "remote-capable", "frontline", "clinical", "mixed", "any"]
Funder = Literal[
    "independent", "academic", "government", "industry-body", "consultancy", "vendor", "company"
]
# Who ran or paid for the work, as an executive who doubts sponsored research sees it.
SPONSORED: tuple[str, ...] = ("consultancy", "vendor", "company")


class Fit(Strict):
    """Whom and what the evidence is about, so it is used only where it fits (../shared/tailoring.md
    section 3)."""

    countries: list[str] = Field(
        min_length=1,
        description="Where the population was: ISO 3166 codes (US, GB, SE), a region (europe, "
        "north-america ...) or global.",
    )
    industries: list[str] = Field(
        min_length=1, description="data/industries.yaml slugs of the population, or all."
    )
    setting: Setting = Field(description="Where the population worked.")
    remote_work: bool = Field(
        False, description="The finding is about working remotely or hybrid (a hard fit rule)."
    )
    org_size: str | None = Field(
        None, description="The organisations' size, as the source states it."
    )
    funder: Funder = Field(description="Who ran or paid for the work.")
    measure: str | None = Field(
        None, description="Benchmarks: the exact definition of what was measured."
    )
    jurisdiction: str | None = Field(
        None,
        description="Laws, guidelines, standards: where they apply (ISO code, region or "
        "international).",
    )

    @field_validator("countries")
    @classmethod
    def _places(cls, places: list[str]) -> list[str]:
        from deckgen.load.places import REGIONS, countries

        known = countries()
        out = []
        for place in places:
            if isinstance(place, bool):  # NO (Norway) read by YAML as false
                raise ValueError('a country code was read as true or false; quote it ("NO")')
            key = str(place)
            if key.upper() in known:
                out.append(key.upper())
            elif key.lower() in REGIONS:
                out.append(key.lower())
            else:
                raise ValueError(
                    f"unknown country or region '{key}' (ISO codes like US, or a region)"
                )
        return out

    @field_validator("industries")
    @classmethod
    def _industries(cls, slugs: list[str]) -> list[str]:
        from deckgen.load.places import industries

        unknown = [i for i in slugs if i != "all" and i not in industries()]
        if unknown:
            raise ValueError(
                f"unknown industry '{unknown[0]}'; use one of data/industries.yaml or all"
            )
        return slugs

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction(cls, value: str | None) -> str | None:
        if value is None or value == "international":
            return value
        return cls._places([value])[0]


@cache
def arguments() -> dict[str, str]:
    """data/arguments.yaml: what evidence can argue, by name."""
    from deckgen.load.datafiles import read_data

    return dict(read_data("arguments", _ArgumentFile).arguments)


class _ArgumentFile(Strict):
    arguments: dict[str, str] = Field(min_length=1)


class EvidenceItem(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Unique id = file name.")
    kind: Kind
    owner: str | None = Field(
        None,
        min_length=2,
        max_length=60,
        description="Whose evidence this is, for items outside the bundled library: `client` "
        "(the organisation's own) or the firm's name; labelled so wherever it is cited.",
    )
    title: str = Field(min_length=3)
    publisher: str = Field(min_length=2)
    authors: list[str] = Field(default_factory=list)
    year: int = Field(ge=1950, le=2100)
    edition: str | None = Field(None, description="Which edition, where editions differ.")
    series: str | None = Field(
        None, description="Report series whose editions differ (each item must name its edition)."
    )
    url: str = Field(pattern=r"^https?://")
    secondary_urls: list[str] = Field(default_factory=list)
    verification: Literal["primary", "secondary"]
    as_of: date = Field(description="Date the figures were last checked.")
    method: str
    sample: str | None = None
    geography: str = Field(description="Where the population was, in words for slides.")
    fit: Fit
    argues: list[str] = Field(min_length=1, description="What it can argue (data/arguments.yaml).")
    grade: Literal["A", "B", "C"]
    claims: list[Claim] = Field(min_length=1)
    caveats: list[str] = Field(default_factory=list)
    blockers: list[str] = Field(min_length=1)
    kpis: list[str] = Field(default_factory=list)
    chart: ChartSpec | None = Field(None, description="Two claims to draw side by side.")

    @field_validator("blockers")
    @classmethod
    def _blockers(cls, slugs: list[str]) -> list[str]:
        unknown = [s for s in slugs if s not in BLOCKERS or s == "none"]
        if unknown:
            raise ValueError(f"unknown blocker(s): {', '.join(unknown)}")
        return slugs

    @field_validator("owner")
    @classmethod
    def _owner(cls, owner: str | None) -> str | None:
        return CLIENT if owner is not None and owner.casefold() == CLIENT else owner

    @field_validator("argues")
    @classmethod
    def _argues(cls, names: list[str]) -> list[str]:
        unknown = [n for n in names if n not in arguments()]
        if unknown:
            hint = difflib.get_close_matches(unknown[0], list(arguments()), n=1, cutoff=0.6)
            tail = f"; did you mean '{hint[0]}'?" if hint else ""
            raise ValueError(f"unknown argument '{unknown[0]}' (see data/arguments.yaml){tail}")
        return names

    @field_validator("kpis")
    @classmethod
    def _kpis(cls, names: list[str]) -> list[str]:
        unknown = [n for n in names if n not in CATALOG]
        if unknown:
            raise ValueError(f"unknown KPI(s): {', '.join(unknown)}")
        return names

    @model_validator(mode="after")
    def _caveats_needed(self) -> EvidenceItem:
        needs = (
            self.grade in ("B", "C")
            or self.verification == "secondary"
            or (self.kind == "modelling")
        )
        if needs and not self.caveats:
            raise ValueError("caveats are required for grade B/C, modelled or secondary items")
        ids = [c.id for c in self.claims]
        if len(set(ids)) != len(ids):
            raise ValueError("claim ids must be unique within the item")
        benchmark = self.kind == "benchmark" or any(c.kpi for c in self.claims)
        if benchmark and not self.fit.measure:
            raise ValueError(
                "fit.measure is required for benchmarks: the exact definition measured"
            )
        if self.kind in ("law", "guideline", "standard") and not self.fit.jurisdiction:
            raise ValueError(f"fit.jurisdiction is required for a {self.kind}: where it applies")
        if self.chart is not None:
            missing = [c for c in (self.chart.left, self.chart.right) if c not in ids]
            if missing:
                raise ValueError(
                    f"chart names claim '{missing[0]}', which the item does not have "
                    f"(its claims: {', '.join(ids)})"
                )
        return self

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)

    def short_citation(self) -> str:
        """`Bloom, Han & Liang (2024)` / `Krekel, Ward & De Neve (2019)` / `Gallup (2024)`."""
        surnames = [surname(a) for a in self.authors]
        if not surnames:
            who = self.publisher
        elif len(surnames) == 1:
            who = surnames[0]
        elif len(surnames) <= 3:
            who = ", ".join(surnames[:-1]) + " & " + surnames[-1]
        else:
            who = f"{surnames[0]} et al."
        return f"{who} ({self.year})"

    def label(self) -> str:
        """Whose evidence it is, said wherever it is cited ('Client case study'); '' for the
        bundled library's own."""
        return owner_label(self.owner, self.kind) if self.owner else ""

    def source_ref(self) -> SourceRef:
        edition = f", {self.edition}" if self.edition else ""
        label = self.label()
        full = f"{self.short_citation()}. {self.title}{edition}. {self.publisher}. {self.url}"
        if self.verification == "secondary":
            full += " (figures seen in secondary coverage)"
        short = self.short_citation()
        if self.authors:
            short += f", {self.publisher}"
        if label:  # never cited without saying whose it is
            full = f"{label}: {full}"
            own = f"{self.owner} ({self.year})"  # a firm citing itself names itself once
            short = f"{label} ({self.year})" if short == own else f"{label}, {short}"
        return SourceRef(self.id, short, full, self.grade, self.verification, label)


def claim_quantities(item: EvidenceItem, claim: Claim) -> dict[str, Quantity]:
    ref = f"{item.id}#{claim.id}"
    out = {"value": Quantity(claim.value, claim.unit, Provenance("evidence", ref))}
    for name in ("low", "high"):
        number = getattr(claim, name)
        if number is not None:
            out[name] = Quantity(number, claim.unit, Provenance("evidence", f"{ref}.{name}"))
    return out


def render_statement(
    item: EvidenceItem, claim: Claim, show: Callable[[Quantity], str], text: str | None = None
) -> str:
    """The claim's statement (or `text`, e.g. its headline) with numbers from the structured values."""
    quantities = claim_quantities(item, claim)
    template = claim.statement if text is None else text
    return PLACEHOLDER.sub(lambda m: show(quantities[m.group(1)]), template)


def claim_headline(item: EvidenceItem, claim: Claim, show: Callable[[Quantity], str]) -> str:
    """The claim as a slide title: its `headline`, else its statement if short enough, else the
    statement's first clause. The library's lint holds the result to TITLE_MAX characters."""
    from deckgen.words import TITLE_MAX

    if claim.headline:
        return render_statement(item, claim, show, claim.headline).rstrip(".")
    statement = render_statement(item, claim, show)
    headline = statement if len(statement) <= TITLE_MAX else statement.split(",")[0]
    return headline.rstrip(".")


def statement_with(fmt: Formatter) -> Callable[[Quantity], str]:
    """A `show` function that only formats (for listings outside a slide)."""
    return lambda q: fmt.quantity(q.value, q.unit)


def load_item(path: Path, display: str | None = None) -> tuple[EvidenceItem, YamlDoc]:
    """One evidence file, validated; raises InputError naming the file, line and key."""
    from pydantic import ValidationError

    display = display or f"evidence/{path.name}"
    doc = load_yaml(path, display)
    if not isinstance(doc.data, dict):
        raise InputError(Problem(display, "expected a mapping with id, title, claims ..."))
    try:
        item = EvidenceItem.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, EvidenceItem, doc)) from None
    if item.id != path.stem:
        raise InputError(
            doc.problem(("id",), f"id '{item.id}' must match the file name '{path.stem}'")
        )
    return item, doc


def read_library(
    folder: Path, shown: str | None = None, owned: bool = False
) -> tuple[list[tuple[EvidenceItem, YamlDoc]], list[Problem]]:
    """Every loadable item and every problem, without stopping at the first bad file. `shown`
    is the folder as messages name it (files read `evidence/<name>` without it); `owned` folders
    are merged with a library, so every item in one names its `owner`."""
    loaded: list[tuple[EvidenceItem, YamlDoc]] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return [], [Problem(shown or str(folder), "evidence folder not found")]
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        display = f"{shown}/{path.name}" if shown else None
        if path.suffix != ".yaml":  # never skipped without a word
            problems.append(Problem(display or str(path), "expected a .yaml file; rename it"))
            continue
        try:
            item, doc = load_item(path, display)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if owned and item.owner is None:
            problems.append(Problem(doc.file, NEEDS_OWNER, "owner", doc.line_of(("id",))))
            continue
        loaded.append((item, doc))
    if not loaded and not problems:
        problems.append(Problem(shown or str(folder), "no evidence items found (*.yaml)"))
    return loaded, problems
