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
from deckgen.figures.trends import trend
from deckgen.regions import BENCHMARK_NAMES, REGION_NAMES

__all__ = [
    "BENCHMARK_NAMES",
    "DEFAULT_ASSUMPTIONS",
    "HYBRID_RCT",
    "REGION_NAMES",
    "REPLACEMENT",
    "Assumption",
    "Figure",
    "FigureInputs",
    "Gap",
    "OrgFigures",
    "Place",
    "Trend",
    "absence_cost",
    "assumptions_for",
    "benchmark_gap",
    "break_even_leavers",
    "compute_figures",
    "improvement",
    "leavers",
    "recruiting_cost",
    "trend",
    "turnover_cost",
]


def compute_figures(given: FigureInputs) -> OrgFigures:
    """Every figure the organisation's numbers allow; a figure whose inputs are missing is None."""
    assumptions = assumptions_for(given.overrides)
    kpis, library = given.kpis, given.library
    attrition = kpis.get("voluntary_attrition")
    absence = kpis.get("absence_days_per_fte")
    turnover = (
        turnover_cost(given.headcount, given.salary, attrition, library) if attrition else None
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
    better = (
        improvement(
            given.headcount,
            given.salary,
            attrition,
            kpis.get("remote_eligible_share"),
            assumptions,
            library,
            given.ask_cost,
        )
        if attrition
        else None
    )
    even = break_even_leavers(given.ask_cost, given.salary, library) if given.ask_cost else None
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
    return OrgFigures(turnover, recruiting, absent, total, better, even, gaps, trends, assumptions)
