"""The money figures a finance or operations reader asks for: break-even in absence days, payback,
the value of one leaver and of one point of attrition, cost against payroll and per employee,
posts empty while being refilled and their cover, and the overtime bill."""

from __future__ import annotations

import math

from deckgen.figures.model import Assumption, Figure, derived, from_org
from deckgen.figures.replacement import Factors
from deckgen.models import Kpi, Provenance, Quantity


def _org(value: float, unit: str, ref: str) -> Quantity:
    return Quantity(value, unit, Provenance("org", ref))


def _ask(ask_cost: float) -> Quantity:
    return Quantity(ask_cost, "currency", Provenance("audience", "audience.yaml ask.cost"))


def _salary(salary: float) -> Quantity:
    return _org(salary, "currency", "org.yaml average_salary")


def _headcount(headcount: int) -> Quantity:
    return _org(headcount, "count", "org.yaml headcount")


def _three(
    key: str, unit: str, formula: str, values: tuple[float, float, float]
) -> tuple[Quantity, Quantity, Quantity]:
    """Base, low and high of one figure, as derived quantities."""
    base, low, high = values
    return (
        derived(base, unit, key, formula),
        derived(low, unit, f"{key}.low", formula),
        derived(high, unit, f"{key}.high", formula),
    )


def _ranged(fig: Figure, name: str) -> list[tuple[str, Quantity]]:
    """Another figure as inputs: its low and high (and its base where that differs from both)."""
    assert fig.low is not None and fig.high is not None
    out = [(f"{name}, low", fig.low)]
    if fig.base.value not in (fig.low.value, fig.high.value):
        out.append((f"{name}, base", fig.base))
    return [*out, (f"{name}, high", fig.high)]


def break_even_days(
    ask_cost: float, salary: float, assumptions: dict[str, Assumption]
) -> Figure | None:
    """Absence days the ask must prevent to pay for itself, at the low on-cost factor."""
    days_year = assumptions["working_days_per_year"]
    on_cost = assumptions["on_cost_factor"]
    low_f = assumptions["on_cost_low"]
    factor = min(low_f.value, on_cost.value)
    if salary <= 0 or factor <= 0:
        return None
    daily = salary / days_year.value
    per_day = daily * factor
    formula = (
        "ask cost ÷ (average salary ÷ working days per year × on-cost factor, low), rounded up"
    )
    return Figure(
        "break_even_days",
        "Absence days the ask must prevent to pay for itself",
        derived(math.ceil(ask_cost / per_day), "days", "break_even_days", formula),
        None,
        None,
        formula,
        (
            ("ask cost", _ask(ask_cost)),
            ("average salary", _salary(salary)),
            ("working days per year", days_year.quantity()),
            (
                "daily pay",
                derived(
                    round(daily, 2),
                    "currency",
                    "daily_pay",
                    "average salary ÷ working days per year",
                ),
            ),
            (
                "on-cost factor, low",
                (low_f if low_f.value <= on_cost.value else on_cost).quantity(),
            ),
            (
                "cost of one absence day, low",
                derived(
                    round(per_day, 2),
                    "currency",
                    "cost_per_absence_day_low",
                    "daily pay × on-cost factor, low",
                ),
            ),
        ),
        why_base="the low on-cost factor values each day at its cheapest, so the count is the "
        "highest, most conservative one; cover, overtime and management time would lower it",
    )


def payback(ask_cost: float, improvement: Figure | None) -> Figure | None:
    """Months for the expected improvement's value to repay the ask; None without one."""
    if improvement is None or improvement.low is None or improvement.high is None:
        return None
    if min(improvement.low.value, improvement.base.value) <= 0:
        return None

    def months(annual: float) -> float:
        return round(ask_cost / (annual / 12), 1)

    formula = "ask cost ÷ monthly value of fewer quits (the annual value ÷ twelve)"
    base, low, high = _three(
        "payback_months",
        "months",
        formula,
        (
            months(improvement.base.value),
            months(improvement.high.value),  # the most value repays the soonest
            months(improvement.low.value),
        ),
    )
    return Figure(
        "payback_months",
        "Payback period of the ask",
        base,
        low,
        high,
        formula,
        (("ask cost", _ask(ask_cost)), *_ranged(improvement, "annual value of fewer quits")),
        why_base="the base divides by the base value of fewer quits; the longest payback (the "
        "high end) is the low value's",
        notes=(
            "payback sets one year's value at scale (every role the improvement applies to) "
            "against the cost of the ask; a pilot reaches only part of that",
        ),
    )


def value_one_leaver(salary: float, factors: Factors) -> Figure:
    """What one leaver prevented is worth: a salary times the replacement factor."""
    formula = "average salary × replacement cost factor"
    base, low, high = _three(
        "value_one_leaver",
        "currency",
        formula,
        (salary * factors.base, salary * factors.low, salary * factors.high),
    )
    return Figure(
        "value_one_leaver",
        "Value of one leaver prevented",
        base,
        low,
        high,
        formula,
        (("average salary", _salary(salary)), *factors.case_inputs()),
        why_base=factors.why_base,
        notes=factors.notes,
    )


def value_one_point(headcount: int, one: Figure) -> Figure:
    """What one percentage point less voluntary attrition is worth a year."""
    per_point = headcount / 100
    formula = (
        "leavers per point of attrition (one percent of headcount) × value of one leaver prevented"
    )
    assert one.low is not None and one.high is not None
    base, low, high = _three(
        "value_one_point",
        "currency",
        formula,
        (per_point * one.base.value, per_point * one.low.value, per_point * one.high.value),
    )
    return Figure(
        "value_one_point",
        "Value of one point less voluntary attrition",
        base,
        low,
        high,
        formula,
        (
            ("headcount", _headcount(headcount)),
            (
                "leavers per point of attrition",
                derived(
                    round(per_point, 1), "count", "leavers_per_point", "one percent of headcount"
                ),
            ),
            *_ranged(one, "value of one leaver prevented"),
        ),
        why_base="the base uses the base value of one leaver prevented",
    )


def payroll_share(
    total: Figure, headcount: int, salary: float, payroll_total: Kpi | None
) -> Figure | None:
    """The cost of inaction as a percent of payroll: the org's payroll_total, else headcount ×
    average salary."""
    if total.low is None or total.high is None:
        return None
    if payroll_total is not None and payroll_total.value > 0:
        payroll = payroll_total.value
        payroll_q = from_org(payroll_total)
        formula = "annual cost of turnover and absence as a percent of payroll total (your KPI)"
        inputs = [("payroll total", payroll_q)]
    else:
        payroll = headcount * salary
        formula = "annual cost of turnover and absence as a percent of payroll (headcount × average salary)"
        inputs = [
            ("headcount", _headcount(headcount)),
            ("average salary", _salary(salary)),
            (
                "payroll (headcount × average salary)",
                derived(payroll, "currency", "payroll", "headcount × average salary"),
            ),
        ]
    if payroll <= 0:
        return None

    def pct(cost: float) -> float:
        return round(cost / payroll * 100, 1)

    base, low, high = _three(
        "payroll_share",
        "percent",
        formula,
        (pct(total.base.value), pct(total.low.value), pct(total.high.value)),
    )
    return Figure(
        "payroll_share",
        "Cost of inaction as a share of payroll",
        base,
        low,
        high,
        formula,
        (*_ranged(total, "annual cost of turnover and absence"), *inputs),
        why_base="the base uses the base cost of turnover and absence",
    )


def cost_per_employee(total: Figure, headcount: int) -> Figure | None:
    """The cost of inaction per employee (headcount as org.yaml gives it: heads or FTE)."""
    if total.low is None or total.high is None or headcount <= 0:
        return None
    formula = "annual cost of turnover and absence ÷ headcount"
    base, low, high = _three(
        "cost_per_employee",
        "currency",
        formula,
        tuple(round(v / headcount) for v in (total.base.value, total.low.value, total.high.value)),
    )
    return Figure(
        "cost_per_employee",
        "Cost of inaction per employee",
        base,
        low,
        high,
        formula,
        (
            *_ranged(total, "annual cost of turnover and absence"),
            ("headcount", _headcount(headcount)),
        ),
        why_base="the base uses the base cost of turnover and absence",
    )


def posts_empty(headcount: int, attrition: Kpi, time_to_fill: Kpi) -> Figure:
    """Posts empty on an average day while leavers are replaced: leavers × days to fill ÷ 365."""
    n = headcount * attrition.value / 100
    value = n * time_to_fill.value / 365
    shown = round(value) if value >= 10 else round(value, 1)
    formula = "voluntary leavers × time to fill (days) ÷ days in a year"
    return Figure(
        "posts_empty",
        "Posts empty on an average day",
        derived(shown, "posts", "posts_empty", formula),
        None,
        None,
        formula,
        (
            (
                "voluntary leavers",
                derived(round(n), "count", "leavers", "headcount × voluntary attrition rate"),
            ),
            ("headcount", _headcount(headcount)),
            ("voluntary attrition", from_org(attrition)),
            ("time to fill", from_org(time_to_fill)),
        ),
        notes=(
            "time to fill runs from requisition to offer accepted; a post is empty from the "
            "leaver's last day to the new starter's first, which notice periods lengthen and "
            "requisitions raised during notice shorten",
            "voluntary leavers only; posts left empty on purpose are not vacancies",
        ),
    )


def vacancy_cost(posts: Figure, salary: float, cover_premium: float) -> Figure:
    """The premium paid to cover the empty posts: posts × salary × the org's cover premium."""
    formula = "posts empty on an average day × average salary × cover premium"
    value = posts.base.value * salary * cover_premium
    return Figure(
        "vacancy_cost",
        "Annual cost of covering empty posts",
        derived(value, "currency", "vacancy_cost", formula),
        None,
        None,
        formula,
        (
            ("posts empty on an average day", posts.base),
            ("average salary", _salary(salary)),
            (
                "cover premium",
                Quantity(
                    cover_premium,
                    "multiple",
                    Provenance(
                        "org",
                        "org.yaml assumptions.cover_premium",
                        "what covering a day of an empty post costs on top of its daily pay",
                    ),
                ),
            ),
        ),
        why_base="every input is the organisation's own; a year of a post's daily pay is its "
        "salary, so this is the premium paid on every working day an empty post is covered",
        notes=("assumes every empty post is covered (overtime, agency or temporary staff)",),
    )


def overtime_cost(
    headcount: int, salary: float, overtime: Kpi, assumptions: dict[str, Assumption]
) -> Figure | None:
    """The recorded overtime bill: hours × hourly pay × overtime premium."""
    days_year = assumptions["working_days_per_year"]
    hours_day = assumptions["hours_per_day"]
    premium = assumptions["overtime_premium"]
    premium_high = assumptions["overtime_premium_high"]
    if days_year.value <= 0 or hours_day.value <= 0:
        return None
    hourly = salary / (days_year.value * hours_day.value)
    hours = overtime.value * headcount
    formula = (
        "overtime hours per FTE × headcount × average salary ÷ (working days per year × hours "
        "per day) × overtime premium"
    )
    high_premium = premium_high if premium_high.value >= premium.value else premium
    at = hours * hourly
    base, low, high = _three(
        "overtime_cost",
        "currency",
        formula,
        (at * premium.value, at * premium.value, at * high_premium.value),
    )
    return Figure(
        "overtime_cost",
        "Annual cost of recorded overtime",
        base,
        low,
        high,
        formula,
        (
            ("overtime hours per FTE", from_org(overtime)),
            ("headcount", _headcount(headcount)),
            (
                "overtime hours a year",
                derived(
                    round(hours), "hours", "overtime_hours", "overtime hours per FTE × headcount"
                ),
            ),
            *_hourly_pay(salary, hourly, days_year, hours_day),
            ("overtime premium, low", premium.quantity()),
            ("overtime premium, high", high_premium.quantity()),
        ),
        why_base=(
            "the base pays each overtime hour at straight time, the conservative case"
            if premium.value == 1
            else "the base pays each overtime hour at the premium we set"
        )
        + "; employer on-costs are left out, so it understates",
        notes=(
            "the whole recorded overtime bill, not only the part absence and vacancies cause; it "
            "is the budget line cover comes out of, and is not added to the cost of inaction",
        ),
    )


def _hourly_pay(
    salary: float, hourly: float, days_year: Assumption, hours_day: Assumption
) -> list[tuple[str, Quantity]]:
    return [
        ("average salary", _salary(salary)),
        ("working days per year", days_year.quantity()),
        ("hours per day", hours_day.quantity()),
        (
            "hourly pay",
            derived(
                round(hourly, 2),
                "currency",
                "hourly_pay",
                "average salary ÷ (working days per year × hours per day)",
            ),
        ),
    ]
