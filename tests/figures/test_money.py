"""The money figures (figures/money.py), each on small numbers checked by hand, and when
compute_figures makes them."""

from __future__ import annotations

import pytest
from msgspec import structs

from deckgen import figures as F
from deckgen.figures import FigureInputs, compute_figures
from tests.figures import LIB, kpi

ASSUME = F.assumptions_for({})
REMOTE = kpi("remote_eligible_share", 30, "percent")

SMALL = FigureInputs(
    headcount=100,
    salary=22800,  # 100 a day over 228 working days; 13.333 an hour at 7.5 hours
    kpis={
        "voluntary_attrition": kpi("voluntary_attrition", 20, "percent"),  # 20 leavers
        "absence_days_per_fte": kpi("absence_days_per_fte", 10, "days"),
    },
    history={},
    library=LIB,
    overrides={},
    ask_cost=None,
    region="europe",
    industry=None,
    currency="EUR",
)


def test_break_even_days_by_hand():
    # daily pay 22,800 / 228 = 100; × on-cost low 1.2 = 120 a day; 6,000 / 120 = 50 days
    fig = F.break_even_days(6000, 22800, ASSUME)
    assert fig.base.value == 50
    assert fig.base.unit == "days"
    inputs = dict(fig.inputs)
    assert inputs["cost of one absence day, low"].value == 120
    assert inputs["on-cost factor, low"].provenance.ref == "assumptions.on_cost_low"
    assert F.break_even_days(6001, 22800, ASSUME).base.value == 51  # rounded up


def test_payback_by_hand():
    # improvement: 20 leavers × 10% avoided = 2 × 22,800 × 40% = 18,240 a year (high × 80%: 36,480)
    given = structs.replace(
        SMALL, overrides={"improvement_attrition_reduction": 0.1}, ask_cost=3040
    )
    better = F.improvement(given, F.assumptions_for(given.overrides))
    assert better.base.value == pytest.approx(18240)
    fig = F.payback(3040, better)
    # 3,040 / (18,240 / 12 = 1,520) = 2 months; at the high value 3,040 / 3,040 = 1 month
    assert (fig.low.value, fig.base.value, fig.high.value) == (1.0, 2.0, 2.0)
    assert fig.base.unit == "months"
    names = [n for n, _ in fig.inputs]
    assert names == [
        "ask cost",
        "annual value of fewer quits, low",
        "annual value of fewer quits, high",
    ]


def test_no_payback_without_an_improvement():
    assert F.payback(60000, None) is None
    given = structs.replace(SMALL, ask_cost=60000)  # no assumption, no remote share
    figs = compute_figures(given)
    assert figs.improvement is None and figs.payback is None
    assert figs.break_even is not None and figs.break_even_days is not None  # these still are


def test_the_hybrid_trial_never_feeds_a_frontline_organisation():
    kpis = {**SMALL.kpis, "remote_eligible_share": REMOTE}
    mixed = compute_figures(structs.replace(SMALL, kpis=kpis, ask_cost=6000, setting="mixed"))
    assert mixed.improvement is not None and mixed.payback is not None
    refs = {q.provenance.ref for _, q in mixed.improvement.inputs}
    assert "bloom-2024-hybrid-rct#quits" in refs
    frontline = compute_figures(
        structs.replace(SMALL, kpis=kpis, ask_cost=6000, setting="frontline")
    )
    assert frontline.improvement is None and frontline.payback is None
    for fig in frontline.all():
        assert all("bloom" not in q.provenance.ref for _, q in fig.inputs), fig.key
    # the organisation's own expected improvement still applies on site
    own = structs.replace(
        SMALL,
        kpis=kpis,
        ask_cost=6000,
        setting="frontline",
        overrides={"improvement_attrition_reduction": 0.1},
    )
    assert compute_figures(own).payback is not None


def test_value_of_one_leaver_and_one_point_by_hand():
    # one leaver: 22,800 × 40% = 9,120 (high 80%: 18,240); one point: 100 / 100 = 1 leaver
    one = F.value_one_leaver(22800, F.replacement_factors(LIB))
    assert (one.low.value, one.base.value, one.high.value) == pytest.approx((9120, 9120, 18240))
    point = F.value_one_point(2400, one)
    assert point.base.value == pytest.approx(24 * 9120)
    assert point.high.value == pytest.approx(24 * 18240)
    assert dict(point.inputs)["leavers per point of attrition"].value == 24


def test_one_leaver_and_one_point_only_without_an_ask_cost():
    figs = compute_figures(SMALL)
    assert figs.value_one_leaver is not None and figs.value_one_point is not None
    asked = compute_figures(structs.replace(SMALL, ask_cost=6000))
    assert asked.value_one_leaver is None and asked.value_one_point is None


def test_payroll_share_and_per_employee_by_hand():
    figs = compute_figures(SMALL)
    # turnover 20 × 22,800 × 40% = 182,400; absence 1,000 days × 100 × 1.25 = 125,000
    # total 307,400 over payroll 100 × 22,800 = 2,280,000 = 13.48...% -> 13.5%
    assert figs.total.base.value == pytest.approx(307_400)
    share = figs.payroll_share
    assert share.base.value == 13.5
    assert share.low.value == round((182_400 + 120_000) / 2_280_000 * 100, 1)
    assert "headcount × average salary" in share.formula
    assert figs.per_employee.base.value == 3074
    # the organisation's own payroll total, where given, replaces headcount × salary
    kpis = {**SMALL.kpis, "payroll_total": kpi("payroll_total", 3_074_000, "currency")}
    own = compute_figures(structs.replace(SMALL, kpis=kpis)).payroll_share
    assert own.base.value == 10.0
    assert "payroll total (your KPI)" in own.formula
    assert dict(own.inputs)["payroll total"].provenance.kind == "org"


def test_posts_empty_and_vacancy_cost_by_hand():
    fill = kpi("time_to_fill_days", 73, "days")
    # 20 leavers × 73 days / 365 = 4 posts empty on an average day
    posts = F.posts_empty(100, SMALL.kpis["voluntary_attrition"], fill)
    assert posts.base.value == 4.0 and posts.base.unit == "posts"
    # × 22,800 salary × 0.5 premium = 45,600
    cost = F.vacancy_cost(posts, 22800, 0.5)
    assert cost.base.value == pytest.approx(45_600)
    assert dict(cost.inputs)["cover premium"].provenance.ref == "org.yaml assumptions.cover_premium"
    kpis = {**SMALL.kpis, "time_to_fill_days": fill}
    without = compute_figures(structs.replace(SMALL, kpis=kpis))
    assert without.posts_empty is not None and without.vacancy_cost is None  # no premium given
    given = structs.replace(SMALL, kpis=kpis, overrides={"cover_premium": 0.5})
    assert compute_figures(given).vacancy_cost.base.value == pytest.approx(45_600)


def test_overtime_cost_by_hand():
    # hourly pay 22,800 / (228 × 7.5) = 13.333; 10 hours × 100 people = 1,000 hours = 13,333.33
    fig = F.overtime_cost(100, 22800, kpi("overtime_hours_per_fte", 10, "hours"), ASSUME)
    assert fig.base.value == pytest.approx(1000 * 22800 / (228 * 7.5))
    assert fig.low.value == fig.base.value  # straight time: the conservative case
    assert fig.high.value == pytest.approx(fig.base.value * 1.5)
    inputs = dict(fig.inputs)
    assert inputs["hours per day"].provenance.ref == "assumptions.hours_per_day"
    assert "straight time" in fig.why_base
    paid = F.overtime_cost(
        100,
        22800,
        kpi("overtime_hours_per_fte", 10, "hours"),
        F.assumptions_for({"overtime_premium": 2.0}),
    )
    assert paid.base.value == paid.high.value == pytest.approx(fig.base.value * 2)


def test_every_new_figure_lists_its_inputs():
    kpis = {
        **SMALL.kpis,
        "time_to_fill_days": kpi("time_to_fill_days", 73, "days"),
        "overtime_hours_per_fte": kpi("overtime_hours_per_fte", 10, "hours"),
    }
    figs = compute_figures(structs.replace(SMALL, kpis=kpis, overrides={"cover_premium": 0.5}))
    for fig in figs.all():
        assert fig.formula and fig.inputs, fig.key
        assert all(q.provenance.ref for _, q in fig.inputs), fig.key


def test_money_context_gives_each_figure_as_a_traced_quantity():
    from deckgen.fmt import Formatter
    from deckgen.plan import figures as pf
    from deckgen.text import Renderer

    kpis = {
        **SMALL.kpis,
        "remote_eligible_share": REMOTE,
        "time_to_fill_days": kpi("time_to_fill_days", 73, "days"),
        "overtime_hours_per_fte": kpi("overtime_hours_per_fte", 10, "hours"),
    }
    given = structs.replace(
        SMALL, kpis=kpis, ask_cost=6000, setting="mixed", overrides={"cover_premium": 0.5}
    )
    money = pf.money_context(compute_figures(given))
    assert set(money) == set(pf.MONEY_KEYS)
    assert money["value_one_leaver"] is None and money["value_one_point"] is None  # an ask cost
    assert money["break_even_days"].value == 50
    assert money["posts_empty"].value == 4.0
    assert money["vacancy_cost"].value == pytest.approx(45_600)
    assert money["replacement_factor"].value == 40
    r = Renderer(Formatter("en-GB", "EUR"))
    text = " ".join(
        r.show(q) for q in money.values() if q is not None
    )  # every number shown is recorded with where it came from
    assert "50 days" in text and "4 posts" in text
    refs = {n.provenance.ref.split(".")[0] for n in r.take()}
    assert {"payback_months", "break_even_days", "posts_empty", "vacancy_cost"} <= refs
    assert pf.money_context(None) == dict.fromkeys(pf.MONEY_KEYS)
