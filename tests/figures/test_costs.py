"""The cost formulas, pinned on hand-computed cases, plus properties that must hold for any input."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec import structs

from deckgen import figures as F
from tests.figures import ATTRITION, LIB, kpi


def test_turnover_cost_by_hand():
    # 2,400 × 17.5% = 420 leavers; × 46,000 × 40% (frontline) = 7,728,000; × 80% = 15,456,000
    fig = F.turnover_cost(2400, 46000, ATTRITION, LIB)
    assert fig.base.value == pytest.approx(7_728_000)
    assert fig.low.value == pytest.approx(7_728_000)
    assert fig.high.value == pytest.approx(15_456_000)
    inputs = dict(fig.inputs)
    assert inputs["voluntary leavers"].value == 420
    assert (
        inputs["replacement factor, low"].provenance.ref
        == "gallup-turnover-preventable-2024#cost-frontline"
    )
    assert (
        inputs["replacement factor, high"].provenance.ref
        == "gallup-turnover-preventable-2024#cost-technical"
    )
    assert inputs["average salary"].provenance.ref == "org.yaml average_salary"
    assert "frontline factor" in fig.why_base and "no role mix" in fig.why_base


def test_absence_cost_by_hand():
    # 11.2 days × 2,400 = 26,880 days × (46,000 / 228) × 1.25 = 6,778,947.37
    fig = F.absence_cost(
        2400, 46000, kpi("absence_days_per_fte", 11.2, "days"), F.assumptions_for({})
    )
    assert fig.base.value == pytest.approx(26880 * 46000 / 228 * 1.25)
    assert fig.low.value == pytest.approx(26880 * 46000 / 228 * 1.2)
    assert fig.high.value == pytest.approx(26880 * 46000 / 228 * 1.35)
    assert dict(fig.inputs)["on-cost factor"].provenance.kind == "assumption"


def test_absence_assumptions_can_be_overridden():
    fig = F.absence_cost(
        100,
        40000,
        kpi("absence_days_per_fte", 10, "days"),
        F.assumptions_for({"working_days_per_year": 200, "on_cost_factor": 1.3}),
    )
    assert fig.base.value == pytest.approx(1000 * 200 * 1.3)
    assert (
        dict(fig.inputs)["working days per year"].provenance.note == "set in org.yaml assumptions"
    )


def test_recruiting_cost_by_hand():
    fig = F.recruiting_cost(2400, ATTRITION, kpi("cost_per_hire", 5200, "currency"))
    assert fig.base.value == 420 * 5200


def test_break_even_by_hand():
    # 60,000 / (46,000 × 40% = 18,400) = 3.26 -> 4 leavers
    assert F.break_even_leavers(60000, 46000, LIB).base.value == 4
    assert F.break_even_leavers(18400, 46000, LIB).base.value == 1
    # a role mix does not move it: break-even uses the low (frontline) factor
    mix = {"frontline": 50, "technical": 30, "leaders": 20}
    assert F.break_even_leavers(60000, 46000, LIB, mix).base.value == 4


def northwind(kpis: dict | None = None, ask_cost: float | None = 60000, **more) -> F.FigureInputs:
    """Northwind's numbers as FigureInputs; `kpis` replaces the attrition-only set."""
    return F.FigureInputs(
        headcount=2400,
        salary=46000,
        kpis={"voluntary_attrition": ATTRITION, **(kpis or {})},
        history={},
        library=LIB,
        overrides={},
        ask_cost=ask_cost,
        region="europe",
        industry="logistics",
        currency="EUR",
        **more,
    )


REMOTE = {"remote_eligible_share": kpi("remote_eligible_share", 31, "percent")}


def test_improvement_default_applies_the_trial_only_where_it_applies():
    # 420 leavers × 33% fewer quits × 31% remote-eligible = 42.966 avoided × 46,000 × 40%
    fig = F.improvement(northwind(REMOTE, setting="mixed"), F.assumptions_for({}))
    avoided = 420 * 0.33 * 0.31
    assert fig.low.value == pytest.approx(avoided * 46000 * 0.4)
    assert fig.high.value == pytest.approx(avoided * 46000 * 0.8)
    inputs = dict(fig.inputs)
    assert (
        inputs["fewer quits in the hybrid-work trial"].provenance.ref
        == "bloom-2024-hybrid-rct#quits"
    )
    assert inputs["return multiple, low"].value == pytest.approx(
        round(avoided * 46000 * 0.4 / 60000, 1)
    )


def test_improvement_without_remote_share_needs_an_explicit_assumption():
    assert F.improvement(northwind(ask_cost=None), F.assumptions_for({})) is None
    fig = F.improvement(
        northwind(ask_cost=None), F.assumptions_for({"improvement_attrition_reduction": 0.1})
    )
    assert fig.low.value == pytest.approx(42 * 46000 * 0.4)


salaries = st.floats(min_value=1_000, max_value=500_000, allow_nan=False)
rates = st.floats(min_value=0, max_value=100, allow_nan=False)
heads = st.integers(min_value=1, max_value=500_000)


@settings(max_examples=200, deadline=None)
@given(heads, heads, salaries, rates)
def test_turnover_cost_is_monotone_in_headcount(a, b, salary, rate):
    small, large = sorted((a, b))
    attrition = kpi("voluntary_attrition", rate, "percent")
    assert (
        F.turnover_cost(small, salary, attrition, LIB).base.value
        <= F.turnover_cost(large, salary, attrition, LIB).base.value + 1e-6
    )


@settings(max_examples=200, deadline=None)
@given(heads, salaries)
def test_zero_attrition_costs_nothing(headcount, salary):
    fig = F.turnover_cost(headcount, salary, kpi("voluntary_attrition", 0, "percent"), LIB)
    assert fig.base.value == fig.low.value == fig.high.value == 0


@settings(max_examples=200, deadline=None)
@given(
    heads,
    salaries,
    rates,
    st.floats(min_value=0, max_value=260, allow_nan=False),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)
def test_low_base_high_are_ordered(headcount, salary, rate, days, remote):
    attrition = kpi("voluntary_attrition", rate, "percent")
    figs = [
        F.turnover_cost(headcount, salary, attrition, LIB),
        F.absence_cost(
            headcount, salary, kpi("absence_days_per_fte", days, "days"), F.assumptions_for({})
        ),
        F.improvement(
            structs.replace(
                northwind(
                    {"remote_eligible_share": kpi("remote_eligible_share", remote, "percent")}
                ),
                headcount=headcount,
                salary=salary,
                kpis={
                    "voluntary_attrition": attrition,
                    "remote_eligible_share": kpi("remote_eligible_share", remote, "percent"),
                },
            ),
            F.assumptions_for({}),
        ),
    ]
    for fig in figs:
        assert fig.low.value <= fig.base.value + 1e-6 <= fig.high.value + 2e-6
        assert all(math.isfinite(q.value) for _, q in fig.inputs if q.value != math.inf)
