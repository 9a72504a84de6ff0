"""compute_figures: every figure the inputs allow, from one FigureInputs."""

from __future__ import annotations

import pytest
from msgspec import structs

from deckgen.figures import FigureInputs, compute_figures
from deckgen.models import HistoryPoint
from tests.figures import ATTRITION, LIB, kpi

GIVEN = FigureInputs(
    headcount=2400,
    salary=46000,
    kpis={
        "voluntary_attrition": ATTRITION,
        "absence_days_per_fte": kpi("absence_days_per_fte", 11.2, "days"),
        "cost_per_hire": kpi("cost_per_hire", 5200, "currency"),
        "remote_eligible_share": kpi("remote_eligible_share", 31, "percent"),
    },
    history={
        "voluntary_attrition": [
            HistoryPoint("2022", 13.1, "a", 2022.0),
            HistoryPoint("2025", 17.5, "b", 2025.0),
        ]
    },
    library=LIB,
    overrides={},
    ask_cost=60000,
    region="uk",
    industry="logistics",
    currency="GBP",
    country="GB",
)


def test_every_figure_the_inputs_allow():
    figures = compute_figures(GIVEN)
    assert [f.key for f in figures.all()] == [
        "turnover_cost",
        "recruiting_cost",
        "absence_cost",
        "cost_of_inaction",
        "improvement_value",
        "break_even_leavers",
        "break_even_days",
        "payback_months",
        "payroll_share",
        "cost_per_employee",
    ]
    assert figures.total.base.value == pytest.approx(
        figures.turnover.base.value + figures.absence.base.value
    )
    assert {g.kpi for g in figures.gaps} == {"absence_days_per_fte"}  # a UK benchmark, in the UK
    assert [t.kpi for t in figures.trends] == ["voluntary_attrition"]
    assert figures.assumptions["working_days_per_year"].value == 228


def test_without_attrition_or_an_ask_those_figures_are_missing():
    kpis = {"absence_days_per_fte": GIVEN.kpis["absence_days_per_fte"]}
    figures = compute_figures(structs.replace(GIVEN, kpis=kpis, ask_cost=None))
    assert [f.key for f in figures.all()] == [
        "absence_cost",
        "cost_of_inaction",
        "payroll_share",
        "cost_per_employee",
    ]
    assert figures.turnover is None and figures.improvement is None and figures.break_even is None
