"""Pure functions from the organisation's KPIs to auditable money figures: value, range, formula, inputs.

Every figure carries the quantities it was computed from, each with its provenance (an org input
key, an evidence claim, or a stated assumption), so the deck's appendix and manifest can show a
CFO exactly how a number was reached.
"""

from __future__ import annotations

from deckgen.figures.benchmarks import Place, benchmark_gap
from deckgen.figures.costs import (
    absence_cost,
    break_even_leavers,
    improvement,
    leavers,
    recruiting_cost,
    total_of,
    turnover_cost,
)
from deckgen.figures.data import DEFAULT_ASSUMPTIONS, HYBRID_RCT, REPLACEMENT, assumptions_for
from deckgen.figures.model import Assumption, Figure, FigureInputs, Gap, OrgFigures, Trend
from deckgen.figures.money import (
    break_even_days,
    cost_per_employee,
    overtime_cost,
    payback,
    payroll_share,
    posts_empty,
    vacancy_cost,
    value_one_leaver,
    value_one_point,
)
from deckgen.figures.replacement import Factors, replacement_factors
from deckgen.figures.trends import trend
from deckgen.regions import BENCHMARK_NAMES, REGION_NAMES

__all__ = [
    "BENCHMARK_NAMES",
    "DEFAULT_ASSUMPTIONS",
    "HYBRID_RCT",
    "REGION_NAMES",
    "REPLACEMENT",
    "Assumption",
    "Factors",
    "Figure",
    "FigureInputs",
    "Gap",
    "OrgFigures",
    "Place",
    "Trend",
    "absence_cost",
    "assumptions_for",
    "benchmark_gap",
    "break_even_days",
    "break_even_leavers",
    "compute_figures",
    "cost_per_employee",
    "improvement",
    "leavers",
    "overtime_cost",
    "payback",
    "payroll_share",
    "posts_empty",
    "recruiting_cost",
    "replacement_factors",
    "trend",
    "turnover_cost",
    "vacancy_cost",
    "value_one_leaver",
    "value_one_point",
]


def compute_figures(given: FigureInputs) -> OrgFigures:
    """Every figure the organisation's numbers allow; a figure whose inputs are missing is None."""
    assumptions = assumptions_for(given.overrides)
    kpis, library, roles = given.kpis, given.library, given.roles
    attrition = kpis.get("voluntary_attrition")
    absence = kpis.get("absence_days_per_fte")
    turnover = (
        turnover_cost(given.headcount, given.salary, attrition, library, roles)
        if attrition
        else None
    )
    recruiting = (
        recruiting_cost(given.headcount, attrition, kpis["cost_per_hire"])
        if attrition and "cost_per_hire" in kpis
        else None
    )
    absent = absence_cost(given.headcount, given.salary, absence, assumptions) if absence else None
    parts = [f for f in (turnover, absent) if f is not None]
    total = (
        total_of("cost_of_inaction", "Annual cost of turnover and absence", parts)
        if parts
        else None
    )
    better = improvement(given, assumptions)
    ask = given.ask_cost
    even = break_even_leavers(ask, given.salary, library, roles) if ask else None
    gaps = tuple(
        g
        for g in (
            benchmark_gap(
                k, library, Place(given.country, given.region), given.industry, given.currency
            )
            for k in kpis.values()
        )
        if g is not None
    )
    trends = tuple(t for t in (trend(name, pts) for name, pts in given.history.items()) if t)
    return OrgFigures(
        turnover,
        recruiting,
        absent,
        total,
        better,
        even,
        gaps,
        trends,
        assumptions,
        **_money(given, assumptions, total, better),
    )


def _money(
    given: FigureInputs,
    assumptions: dict[str, Assumption],
    total: Figure | None,
    better: Figure | None,
) -> dict[str, Figure | None]:
    """The money figures (figures/money.py) the inputs allow, by OrgFigures field."""
    kpis, ask = given.kpis, given.ask_cost
    attrition, fill = kpis.get("voluntary_attrition"), kpis.get("time_to_fill_days")
    factors = replacement_factors(given.library, given.roles)
    one = value_one_leaver(given.salary, factors) if factors and attrition and not ask else None
    posts = posts_empty(given.headcount, attrition, fill) if attrition and fill else None
    premium = given.overrides.get("cover_premium")
    overtime = kpis.get("overtime_hours_per_fte")
    return {
        "break_even_days": break_even_days(ask, given.salary, assumptions) if ask else None,
        "payback": payback(ask, better) if ask else None,
        "value_one_leaver": one,
        "value_one_point": value_one_point(given.headcount, one) if one else None,
        "payroll_share": (
            payroll_share(total, given.headcount, given.salary, kpis.get("payroll_total"))
            if total
            else None
        ),
        "per_employee": cost_per_employee(total, given.headcount) if total else None,
        "posts_empty": posts,
        "vacancy_cost": vacancy_cost(posts, given.salary, premium) if posts and premium else None,
        "overtime_cost": (
            overtime_cost(given.headcount, given.salary, overtime, assumptions)
            if overtime
            else None
        ),
    }
