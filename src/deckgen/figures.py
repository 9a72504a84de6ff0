"""Pure functions from the organisation's KPIs to auditable money figures: value, range, formula, inputs.

Every figure carries the quantities it was computed from, each with its provenance (an org input
key, an evidence claim, or a stated assumption), so the deck's appendix and manifest can show a
CFO exactly how a number was reached.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from deckgen.kpis import CATALOG
from deckgen.load.evidence import EvidenceItem
from deckgen.models import HistoryPoint, Kpi, Provenance, Quantity
from deckgen.regions import (
    BENCHMARK_NAMES,  # noqa: F401  the planner's names for benchmarks
    REGION_NAMES,
    benchmark_regions,
)

REPLACEMENT_ID = "gallup-replacement-cost"  # 0.5-2x salary per replacement
HYBRID_RCT_ID = "bloom-2024-hybrid-rct"  # one-third fewer quits


@dataclass(frozen=True)
class Assumption:
    """A parameter we chose, with where it comes from and how to override it."""

    key: str
    value: float
    unit: str
    source: str

    def quantity(self) -> Quantity:
        return Quantity(
            self.value, self.unit, Provenance("assumption", f"assumptions.{self.key}", self.source)
        )


DEFAULT_ASSUMPTIONS = {
    "working_days_per_year": Assumption(
        "working_days_per_year",
        228,
        "days",
        "typical full-time working days after weekends, public holidays and leave (CIPD/IES-style "
        "absence calculators); override in org.yaml under assumptions:",
    ),
    "on_cost_factor": Assumption(
        "on_cost_factor",
        1.25,
        "multiple",
        "employer taxes and benefits on top of salary, commonly 1.2-1.35 (absence calculators); "
        "override in org.yaml under assumptions:",
    ),
    "on_cost_low": Assumption("on_cost_low", 1.2, "multiple", "low end of the usual on-cost range"),
    "on_cost_high": Assumption(
        "on_cost_high", 1.35, "multiple", "high end of the usual on-cost range"
    ),
}


@dataclass(frozen=True)
class Figure:
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


def _q(value: float, unit: str, key: str, formula: str) -> Quantity:
    return Quantity(value, unit, Provenance("derived", key, formula))


def _org(kpi: Kpi) -> Quantity:
    return Quantity(kpi.value, kpi.unit, Provenance("org", kpi.source), kpi.period)


def _headcount(headcount: int) -> Quantity:
    return Quantity(headcount, "count", Provenance("org", "org.yaml headcount"))


def _salary(salary: float) -> Quantity:
    return Quantity(salary, "currency", Provenance("org", "org.yaml average_salary"))


def _replacement(value: float, end: str) -> Quantity:
    """One end ("low" or "high") of Gallup's replacement-cost range, as an input."""
    ref = f"{REPLACEMENT_ID}#replacement-range.{end}"
    return Quantity(value, "multiple", Provenance("evidence", ref))


def _claim(library: tuple[EvidenceItem, ...], item_id: str, claim_id: str):
    for item in library:
        if item.id == item_id:
            return item.claim(claim_id)
    return None


def assumptions_for(overrides: dict[str, float]) -> dict[str, Assumption]:
    out = dict(DEFAULT_ASSUMPTIONS)
    for key, value in overrides.items():
        base = DEFAULT_ASSUMPTIONS.get(key)
        unit = base.unit if base else "ratio"
        out[key] = Assumption(key, value, unit, "set in org.yaml assumptions")
    return out


def leavers(headcount: int, attrition: Kpi) -> Figure:
    hc = _headcount(headcount)
    rate = _org(attrition)
    value = headcount * attrition.value / 100
    formula = "headcount × voluntary attrition rate"
    return Figure(
        "leavers",
        "Voluntary leavers per year",
        _q(round(value), "count", "leavers", formula),
        None,
        None,
        formula,
        (("headcount", hc), ("voluntary attrition", rate)),
    )


def turnover_cost(
    headcount: int, salary: float, attrition: Kpi, library: tuple[EvidenceItem, ...]
) -> Figure | None:
    """Leavers × salary × replacement factor; base at the bottom of Gallup's 0.5-2x range."""
    claim = _claim(library, REPLACEMENT_ID, "replacement-range")
    if claim is None or claim.low is None or claim.high is None:
        return None
    n = leavers(headcount, attrition)
    formula = "voluntary leavers × average salary × replacement cost factor"
    low = n.base.value * salary * claim.low
    high = n.base.value * salary * claim.high
    return Figure(
        "turnover_cost",
        "Annual cost of voluntary turnover",
        _q(low, "currency", "turnover_cost", formula),
        _q(low, "currency", "turnover_cost.low", formula),
        _q(high, "currency", "turnover_cost.high", formula),
        formula,
        (
            ("voluntary leavers", n.base),
            ("headcount", n.inputs[0][1]),
            ("voluntary attrition", n.inputs[1][1]),
            ("average salary", _salary(salary)),
            ("replacement factor, low", _replacement(claim.low, "low")),
            ("replacement factor, high", _replacement(claim.high, "high")),
        ),
        why_base="the base uses the bottom of Gallup's range (half a salary per leaver): the most "
        "conservative figure, and the one finance can least dispute",
    )


def recruiting_cost(headcount: int, attrition: Kpi, cost_per_hire: Kpi) -> Figure:
    """The cash part alone: leavers × the organisation's own cost per hire."""
    n = leavers(headcount, attrition)
    cph = _org(cost_per_hire)
    formula = "voluntary leavers × cost per hire"
    value = n.base.value * cost_per_hire.value
    return Figure(
        "recruiting_cost",
        "Recruiting cost of replacing leavers",
        _q(value, "currency", "recruiting_cost", formula),
        None,
        None,
        formula,
        (("voluntary leavers", n.base), ("cost per hire", cph)),
    )


def absence_cost(
    headcount: int, salary: float, absence: Kpi, assumptions: dict[str, Assumption]
) -> Figure:
    """Days lost × daily pay × on-cost factor (range from the usual on-cost range)."""
    days_year = assumptions["working_days_per_year"]
    on_cost = assumptions["on_cost_factor"]
    low_f, high_f = assumptions["on_cost_low"], assumptions["on_cost_high"]
    daily = salary / days_year.value
    lost = absence.value * headcount
    formula = (
        "absence days per FTE × headcount × (average salary ÷ working days per year) × "
        "on-cost factor"
    )
    daily_q = _q(round(daily, 2), "currency", "daily_pay", "average salary ÷ working days per year")
    days_q = _q(round(lost), "days", "days_lost", "absence days per FTE × headcount")
    return Figure(
        "absence_cost",
        "Annual cost of sickness absence",
        _q(lost * daily * on_cost.value, "currency", "absence_cost", formula),
        _q(lost * daily * min(low_f.value, on_cost.value), "currency", "absence_cost.low", formula),
        _q(
            lost * daily * max(high_f.value, on_cost.value),
            "currency",
            "absence_cost.high",
            formula,
        ),
        formula,
        (
            ("absence days per FTE", _org(absence)),
            ("headcount", _headcount(headcount)),
            ("days lost", days_q),
            ("average salary", _salary(salary)),
            ("working days per year", days_year.quantity()),
            ("daily pay", daily_q),
            ("on-cost factor", on_cost.quantity()),
            ("on-cost factor, low", low_f.quantity()),
            ("on-cost factor, high", high_f.quantity()),
        ),
        why_base=f"the base applies an on-cost factor of {on_cost.value:g} (a stated assumption); "
        "cover, overtime and management time are not included, so it understates",
    )


def break_even_leavers(
    ask_cost: float, salary: float, library: tuple[EvidenceItem, ...]
) -> Figure | None:
    """How many fewer leavers pay for the ask, at the conservative half-salary replacement cost."""
    claim = _claim(library, REPLACEMENT_ID, "replacement-range")
    if claim is None or claim.low is None or salary <= 0:
        return None
    per = salary * claim.low
    n = math.ceil(ask_cost / per)
    formula = "ask cost ÷ (average salary × low replacement factor), rounded up"
    return Figure(
        "break_even_leavers",
        "Leavers the ask must prevent to pay for itself",
        _q(n, "count", "break_even_leavers", formula),
        None,
        None,
        formula,
        (
            (
                "ask cost",
                Quantity(ask_cost, "currency", Provenance("audience", "audience.yaml ask.cost")),
            ),
            ("average salary", _salary(salary)),
            ("replacement factor, low", _replacement(claim.low, "low")),
            (
                "cost of one leaver, low",
                _q(
                    per,
                    "currency",
                    "cost_per_leaver_low",
                    "average salary × low replacement factor",
                ),
            ),
        ),
    )


def improvement(
    headcount: int,
    salary: float,
    attrition: Kpi,
    remote_share: Kpi | None,
    assumptions: dict[str, Assumption],
    library: tuple[EvidenceItem, ...],
    ask_cost: float | None,
) -> Figure | None:
    """Value of fewer quits: the hybrid-work RCT's one-third, applied only where it applies.

    Default: one-third fewer quits among remote-eligible roles (Bloom et al. 2024). Override with
    `improvement_attrition_reduction` (share of all leavers avoided, 0-1) in org.yaml assumptions.
    """
    replacement = _claim(library, REPLACEMENT_ID, "replacement-range")
    if replacement is None or replacement.low is None or replacement.high is None:
        return None
    n = leavers(headcount, attrition)
    inputs: list[tuple[str, Quantity]] = [("voluntary leavers", n.base)]
    override = assumptions.get("improvement_attrition_reduction")
    if override is not None:
        share = override.value
        inputs.append(("share of leavers avoided", override.quantity()))
        how = "share of leavers avoided (org.yaml assumption)"
    else:
        rct = _claim(library, HYBRID_RCT_ID, "quits")
        if rct is None or remote_share is None:
            return None
        effect = rct.value / 100
        share = effect * remote_share.value / 100
        inputs += [
            (
                "fewer quits in the hybrid-work trial",
                Quantity(rct.value, "percent", Provenance("evidence", f"{HYBRID_RCT_ID}#quits")),
            ),
            ("remote-eligible roles", _org(remote_share)),
        ]
        how = "trial effect × share of roles where it applies"
    avoided = n.base.value * share
    formula = f"voluntary leavers × {how} × average salary × replacement factor"
    inputs += [
        (
            "leavers avoided",
            _q(round(avoided, 1), "count", "leavers_avoided", f"voluntary leavers × {how}"),
        ),
        ("average salary", _salary(salary)),
        ("replacement factor, low", _replacement(replacement.low, "low")),
        ("replacement factor, high", _replacement(replacement.high, "high")),
    ]
    low = avoided * salary * replacement.low
    high = avoided * salary * replacement.high
    notes = []
    if ask_cost:
        months = ask_cost / (low / 12) if low else math.inf
        inputs.append(
            (
                "ask cost",
                Quantity(ask_cost, "currency", Provenance("audience", "audience.yaml ask.cost")),
            )
        )
        inputs.append(
            (
                "payback months, conservative",
                _q(
                    round(months, 1),
                    "count",
                    "payback_months",
                    "ask cost ÷ (annual value, low ÷ 12)",
                ),
            )
        )
        inputs.append(
            (
                "return multiple, low",
                _q(round(low / ask_cost, 1), "multiple", "roi_low", "annual value, low ÷ ask cost"),
            )
        )
        inputs.append(
            (
                "return multiple, high",
                _q(
                    round(high / ask_cost, 1),
                    "multiple",
                    "roi_high",
                    "annual value, high ÷ ask cost",
                ),
            )
        )
        notes.append("payback compares one year's value at scale with the cost of the ask")
    return Figure(
        "improvement_value",
        "Annual value of fewer quits",
        _q(low, "currency", "improvement_value", formula),
        _q(low, "currency", "improvement_value.low", formula),
        _q(high, "currency", "improvement_value.high", formula),
        formula,
        tuple(inputs),
        why_base="the base uses the bottom of Gallup's replacement range",
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class Trend:
    kpi: str
    first: HistoryPoint
    last: HistoryPoint
    change: float  # last - first, in the KPI's unit
    per_year: float | None  # when periods are years
    direction: str  # "worsening" | "improving" | "flat"


def trend(name: str, points: list[HistoryPoint]) -> Trend | None:
    if len(points) < 2:
        return None
    first, last = points[0], points[-1]
    change = last.value - first.value
    span = last.ends - first.ends  # periods are read as time when loaded (2024-25, Q3 2024 ...)
    years = span if span > 0 else None
    spec = CATALOG[name]
    if abs(change) < 1e-9 or spec.direction == "neutral":
        direction = "flat" if abs(change) < 1e-9 else "changing"
    else:
        worse = change > 0 if spec.direction == "lower-is-better" else change < 0
        direction = "worsening" if worse else "improving"
    return Trend(name, first, last, change, change / years if years else None, direction)


@dataclass(frozen=True)
class Gap:
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


def benchmark_gap(
    kpi: Kpi,
    library: tuple[EvidenceItem, ...],
    region: str | None,
    industry: str | None,
    currency: str,
) -> Gap | None:
    """The best matching benchmark claim (same unit, nearest region, newest), or None."""
    spec = CATALOG[kpi.name]
    want_unit = currency if spec.unit == "currency" else spec.unit
    regions = benchmark_regions(region)
    candidates = []
    for item in library:
        if item.kind != "benchmark":
            continue
        for claim in item.claims:
            if claim.kpi != kpi.name or claim.unit != want_unit:
                continue
            rank = regions.index(claim.region) if claim.region in regions else len(regions)
            candidates.append((rank, -item.year, item.id, item, claim))
    if not candidates:
        return None
    _, _, _, item, claim = min(candidates, key=lambda t: t[:3])
    ours = _org(kpi)
    bench = Quantity(claim.value, kpi.unit, Provenance("evidence", f"{item.id}#{claim.id}"))
    delta = kpi.value - claim.value
    gap_unit = "pp" if kpi.unit == "percent" else kpi.unit
    gap = _q(round(delta, 2), gap_unit, f"gap.{kpi.name}", f"our {kpi.name} minus the benchmark")
    if abs(delta) < 1e-9 or spec.direction == "neutral":
        direction = "level"
    else:
        worse = delta > 0 if spec.direction == "lower-is-better" else delta < 0
        direction = "worse" if worse else "better"
    differences = []
    if claim.region and region and claim.region != region:
        differences.append(
            f"the benchmark covers {REGION_NAMES.get(claim.region, claim.region)}"
            f", we are in {REGION_NAMES.get(region, region)}"
        )
    specific = [i for i in item.industries if i != "all"]
    if industry and specific and industry.lower() not in [i.lower() for i in specific]:
        differences.append(f"the benchmark covers {', '.join(specific)}, we are in {industry}")
    elif industry and not specific:
        differences.append(f"the benchmark covers all sectors, we are in {industry}")
    if kpi.period and str(item.year) not in kpi.period:
        differences.append(f"the benchmark is from {item.year}, our figure from {kpi.period}")
    return Gap(
        kpi.name,
        ours,
        bench,
        gap,
        direction,
        item,
        claim.population or item.geography,
        tuple(differences),
        claim.region,
    )


@dataclass(frozen=True)
class OrgFigures:
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
            )
            if f is not None
        ]


def _sum(key: str, label: str, parts: list[Figure]) -> Figure:
    formula = " + ".join(p.label.lower() for p in parts)

    def total(attr: str) -> float:
        return sum((getattr(p, attr) or p.base).value for p in parts)

    return Figure(
        key,
        label,
        _q(total("base"), "currency", key, formula),
        _q(total("low"), "currency", f"{key}.low", formula),
        _q(total("high"), "currency", f"{key}.high", formula),
        formula,
        tuple((p.label, p.base) for p in parts),
    )


def compute_figures(
    headcount: int,
    salary: float,
    kpis: dict[str, Kpi],
    history: dict[str, list[HistoryPoint]],
    library: tuple[EvidenceItem, ...],
    overrides: dict[str, float],
    ask_cost: float | None,
    region: str | None,
    industry: str | None,
    currency: str,
) -> OrgFigures:
    assumptions = assumptions_for(overrides)
    attrition = kpis.get("voluntary_attrition")
    absence = kpis.get("absence_days_per_fte")
    turnover = turnover_cost(headcount, salary, attrition, library) if attrition else None
    recruiting = (
        recruiting_cost(headcount, attrition, kpis["cost_per_hire"])
        if attrition and "cost_per_hire" in kpis
        else None
    )
    absent = absence_cost(headcount, salary, absence, assumptions) if absence else None
    parts = [f for f in (turnover, absent) if f is not None]
    total = (
        _sum("cost_of_inaction", "Annual cost of turnover and absence", parts) if parts else None
    )
    better = (
        improvement(
            headcount,
            salary,
            attrition,
            kpis.get("remote_eligible_share"),
            assumptions,
            library,
            ask_cost,
        )
        if attrition
        else None
    )
    even = break_even_leavers(ask_cost, salary, library) if ask_cost else None
    gaps = tuple(
        g
        for g in (benchmark_gap(k, library, region, industry, currency) for k in kpis.values())
        if g is not None
    )
    trends = tuple(t for t in (trend(name, pts) for name, pts in history.items()) if t)
    return OrgFigures(turnover, recruiting, absent, total, better, even, gaps, trends, assumptions)
