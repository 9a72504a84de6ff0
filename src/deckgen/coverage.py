"""What the evidence library covers against data/coverage.yaml: items per industry, benchmarks
per measure and place, the share verified at the publisher's own page (`deckgen evidence
coverage`). Plain data out; the CLI prints it."""

from __future__ import annotations

from msgspec import Struct, field
from pydantic import Field

from deckgen.load.evidence import EvidenceItem
from deckgen.load.schema import Strict


class _IndustryTarget(Strict):
    min: int = Field(ge=0)
    label: str | None = None
    any_of: list[str] = Field(default_factory=list)
    without_publishers: list[str] = Field(default_factory=list)


class _Measure(Strict):
    label: str
    kpis: list[str] = Field(min_length=1)


class _Place(Strict):
    label: str
    countries: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    nordic: bool = False
    min_countries: int = Field(1, ge=1)


class _Benchmarks(Strict):
    measures: dict[str, _Measure]
    places: dict[str, _Place]


class _Verification(Strict):
    primary_share: float = Field(ge=0, le=100)


class _CoverageFile(Strict):
    industries: dict[str, _IndustryTarget]
    benchmarks: _Benchmarks
    verification: _Verification
    not_found: dict[str, str] = Field(
        default_factory=dict, description="'measure/place' -> why no benchmark was found."
    )


class Cell(Struct, frozen=True):
    """One target: what was counted, against what minimum, and the items that count."""

    key: str
    label: str
    count: int
    minimum: int
    items: tuple[str, ...]
    note: str = ""

    @property
    def met(self) -> bool:
        return self.count >= self.minimum

    @property
    def settled(self) -> bool:
        """Met, or empty with the search that found nothing written down (data/coverage.yaml)."""
        return self.met or bool(self.note)


class Coverage(Struct, frozen=True):
    total: int
    primary: int
    primary_target: float
    series_superseded: tuple[str, ...]  # older editions, marked by series and year
    industries: list[Cell] = field(default_factory=list)
    benchmarks: list[Cell] = field(default_factory=list)

    @property
    def primary_share(self) -> float:
        return 100 * self.primary / self.total if self.total else 0.0

    @property
    def met(self) -> bool:
        return (
            self.primary_share >= self.primary_target
            and all(c.met for c in self.industries)
            and all(c.settled for c in self.benchmarks)
        )


def coverage(library: tuple[EvidenceItem, ...]) -> Coverage:
    from deckgen.load.datafiles import read_data
    from deckgen.select.fit import superseded_by

    spec = read_data("coverage", _CoverageFile)
    return Coverage(
        total=len(library),
        primary=sum(1 for i in library if i.verification == "primary"),
        primary_target=spec.verification.primary_share,
        series_superseded=tuple(sorted(superseded_by(library))),
        industries=[_industry(library, k, t) for k, t in spec.industries.items()],
        benchmarks=[
            _benchmark(library, m_key, m, p_key, p, spec.not_found)
            for m_key, m in spec.benchmarks.measures.items()
            for p_key, p in spec.benchmarks.places.items()
        ],
    )


def _industry(library, key: str, target: _IndustryTarget) -> Cell:
    wanted = set(target.any_of or [key])
    banned = [p.lower() for p in target.without_publishers]
    items = tuple(
        i.id
        for i in library
        if wanted & set(i.fit.industries) and not any(b in i.publisher.lower() for b in banned)
    )
    return Cell(key, target.label or key, len(items), target.min, items)


def _benchmark(library, m_key, measure: _Measure, p_key, place: _Place, notes) -> Cell:
    from deckgen.load.places import countries

    known = countries()
    items: list[str] = []
    where: set[str] = set()
    for item in library:
        for claim in item.claims:
            if claim.kpi not in measure.kpis:
                continue
            code = claim.country or (
                item.fit.countries[0] if len(item.fit.countries) == 1 else None
            )
            region = claim.region
            if place.nordic:
                hit = (code in known and known[code].nordic) or region == "nordics"
            else:
                hit = code in place.countries or (region in place.regions if region else False)
            if hit:
                where.add(code or region or "")
                if item.id not in items:
                    items.append(item.id)
    count = len(where) if place.nordic else len(items)
    key = f"{m_key}/{p_key}"
    label = f"{measure.label}: {place.label}"
    return Cell(key, label, count, place.min_countries, tuple(items), notes.get(key, ""))
