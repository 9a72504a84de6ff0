"""The figures' types, from FigureInputs to OrgFigures, and the quantities they carry."""

from __future__ import annotations

from msgspec import Struct, field

from deckgen.load.evidence import EvidenceItem
from deckgen.models import HistoryPoint, Kpi, Provenance, Quantity


class FigureInputs(Struct, frozen=True, kw_only=True):
    """What the organisation's figures are computed from, all validated already."""

    headcount: int
    salary: float  # average salary, in the organisation's currency
    kpis: dict[str, Kpi]
    history: dict[str, list[HistoryPoint]]
    library: tuple[EvidenceItem, ...]
    overrides: dict[str, float]  # org.yaml `assumptions:`
    ask_cost: float | None  # audience.yaml `ask.cost`
    region: str | None
    industry: str | None
    currency: str  # ISO 4217 code: a benchmark in money must be in it
    country: str | None = None  # ISO 3166 alpha-2: a benchmark must cover it (or its region)
    setting: str | None = None  # frontline | mixed | office (inputs._setting): work-from-home
    # evidence never feeds a frontline organisation's figures
    roles: dict[str, float] | None = None  # org.yaml workforce.roles: percent of roles by group


class Assumption(Struct, frozen=True):
    """A parameter we chose, with where it comes from and how to override it."""

    key: str
    value: float
    unit: str
    source: str

    def quantity(self) -> Quantity:
        return Quantity(
            self.value, self.unit, Provenance("assumption", f"assumptions.{self.key}", self.source)
        )


class Figure(Struct, frozen=True):
    """A derived number with its range, formula and every input that went into it."""

    key: str
    label: str
    base: Quantity
    low: Quantity | None
    high: Quantity | None
    formula: str
    inputs: tuple[tuple[str, Quantity], ...]
    why_base: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


class Trend(Struct, frozen=True):
    kpi: str
    first: HistoryPoint
    last: HistoryPoint
    change: float  # last - first, in the KPI's unit
    per_year: float | None  # when periods are years
    direction: str  # "worsening" | "improving" | "flat"


class Gap(Struct, frozen=True):
    """Our KPI against a cited benchmark of the same unit, with the population differences said."""

    kpi: str
    ours: Quantity
    benchmark: Quantity
    gap: Quantity
    direction: str  # "worse" | "better" | "level"
    item: EvidenceItem
    population: str
    differences: tuple[str, ...]
    region: str | None = None  # the benchmark's region, e.g. "europe"


class OrgFigures(Struct, frozen=True):
    """Everything derived from the organisation's numbers, computed once per build."""

    turnover: Figure | None
    recruiting: Figure | None
    absence: Figure | None
    total: Figure | None
    improvement: Figure | None
    break_even: Figure | None
    gaps: tuple[Gap, ...]
    trends: tuple[Trend, ...]
    assumptions: dict[str, Assumption]
    break_even_days: Figure | None = None
    payback: Figure | None = None
    value_one_leaver: Figure | None = None  # without an ask cost
    value_one_point: Figure | None = None  # without an ask cost
    payroll_share: Figure | None = None
    per_employee: Figure | None = None
    posts_empty: Figure | None = None
    vacancy_cost: Figure | None = None
    overtime_cost: Figure | None = None

    def all(self) -> list[Figure]:
        return [
            f
            for f in (
                self.turnover,
                self.recruiting,
                self.absence,
                self.total,
                self.improvement,
                self.break_even,
                self.break_even_days,
                self.payback,
                self.value_one_leaver,
                self.value_one_point,
                self.payroll_share,
                self.per_employee,
                self.posts_empty,
                self.vacancy_cost,
                self.overtime_cost,
            )
            if f is not None
        ]


def derived(value: float, unit: str, key: str, formula: str) -> Quantity:
    """A quantity computed here, by `formula`."""
    return Quantity(value, unit, Provenance("derived", key, formula))


def from_org(kpi: Kpi) -> Quantity:
    """One of the organisation's KPIs, as an input."""
    return Quantity(kpi.value, kpi.unit, Provenance("org", kpi.source), kpi.period)
