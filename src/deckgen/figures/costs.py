"""The cost figures: turnover, recruiting, absence, the value of fewer quits and break-even."""

from __future__ import annotations

import math

from deckgen.figures.data import HYBRID_RCT
from deckgen.figures.model import Assumption, Figure, FigureInputs, derived, from_org
from deckgen.figures.replacement import replacement_factors
from deckgen.load.evidence import EvidenceItem
from deckgen.models import Kpi, Provenance, Quantity


def _headcount(headcount: int) -> Quantity:
    return Quantity(headcount, "count", Provenance("org", "org.yaml headcount"))


def _salary(salary: float) -> Quantity:
    return Quantity(salary, "currency", Provenance("org", "org.yaml average_salary"))


def _ask(ask_cost: float) -> Quantity:
    return Quantity(ask_cost, "currency", Provenance("audience", "audience.yaml ask.cost"))


def leavers(headcount: int, attrition: Kpi) -> Figure:
    hc = _headcount(headcount)
    rate = from_org(attrition)
    value = headcount * attrition.value / 100
    formula = "headcount × voluntary attrition rate"
    return Figure(
        "leavers",
        "Voluntary leavers per year",
        derived(round(value), "count", "leavers", formula),
        None,
        None,
        formula,
        (("headcount", hc), ("voluntary attrition", rate)),
    )


def turnover_cost(
    headcount: int,
    salary: float,
    attrition: Kpi,
    library: tuple[EvidenceItem, ...],
    roles: dict[str, float] | None = None,
) -> Figure | None:
    """Leavers × salary × replacement factor (figures/replacement.py says low, base and high)."""
    factors = replacement_factors(library, roles)
    if factors is None:
        return None
    n = leavers(headcount, attrition)
    formula = "voluntary leavers × average salary × replacement cost factor"
    per = n.base.value * salary
    return Figure(
        "turnover_cost",
        "Annual cost of voluntary turnover",
        derived(per * factors.base, "currency", "turnover_cost", formula),
        derived(per * factors.low, "currency", "turnover_cost.low", formula),
        derived(per * factors.high, "currency", "turnover_cost.high", formula),
        formula,
        (
            ("voluntary leavers", n.base),
            ("headcount", n.inputs[0][1]),
            ("voluntary attrition", n.inputs[1][1]),
            ("average salary", _salary(salary)),
            *factors.case_inputs(),
        ),
        why_base=factors.why_base,
        notes=factors.notes,
    )


def recruiting_cost(headcount: int, attrition: Kpi, cost_per_hire: Kpi) -> Figure:
    """The cash part alone: leavers × the organisation's own cost per hire."""
    n = leavers(headcount, attrition)
    cph = from_org(cost_per_hire)
    formula = "voluntary leavers × cost per hire"
    value = n.base.value * cost_per_hire.value
    return Figure(
        "recruiting_cost",
        "Recruiting cost of replacing leavers",
        derived(value, "currency", "recruiting_cost", formula),
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
    daily_q = derived(
        round(daily, 2), "currency", "daily_pay", "average salary ÷ working days per year"
    )
    days_q = derived(round(lost), "days", "days_lost", "absence days per FTE × headcount")
    return Figure(
        "absence_cost",
        "Annual cost of sickness absence",
        derived(lost * daily * on_cost.value, "currency", "absence_cost", formula),
        derived(
            lost * daily * min(low_f.value, on_cost.value), "currency", "absence_cost.low", formula
        ),
        derived(
            lost * daily * max(high_f.value, on_cost.value),
            "currency",
            "absence_cost.high",
            formula,
        ),
        formula,
        (
            ("absence days per FTE", from_org(absence)),
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
    ask_cost: float,
    salary: float,
    library: tuple[EvidenceItem, ...],
    roles: dict[str, float] | None = None,
) -> Figure | None:
    """How many fewer leavers pay for the ask, at the low (frontline) replacement factor."""
    factors = replacement_factors(library, roles)
    if factors is None or salary <= 0 or factors.low <= 0:
        return None
    per = salary * factors.low
    n = math.ceil(ask_cost / per)
    formula = "ask cost ÷ (average salary × low replacement factor), rounded up"
    return Figure(
        "break_even_leavers",
        "Leavers the ask must prevent to pay for itself",
        derived(n, "count", "break_even_leavers", formula),
        None,
        None,
        formula,
        (
            ("ask cost", _ask(ask_cost)),
            ("average salary", _salary(salary)),
            ("replacement factor, low", factors.low_q),
            (
                "cost of one leaver, low",
                derived(
                    per,
                    "currency",
                    "cost_per_leaver_low",
                    "average salary × low replacement factor",
                ),
            ),
        ),
        why_base="the low (frontline) replacement factor values each leaver at its cheapest, so "
        "the count is the highest, most conservative one",
    )


def improvement(given: FigureInputs, assumptions: dict[str, Assumption]) -> Figure | None:
    """Value of fewer quits: the hybrid-work RCT's one-third, applied only where it applies.

    Default: one-third fewer quits among remote-eligible roles (Bloom et al. 2024), never for a
    frontline (on-site) organisation. Override with `improvement_attrition_reduction` (share of
    all leavers avoided, 0-1) in org.yaml assumptions.
    """
    attrition = given.kpis.get("voluntary_attrition")
    factors = replacement_factors(given.library, given.roles)
    if factors is None or attrition is None:
        return None
    remote_share = given.kpis.get("remote_eligible_share")
    avoidable = _share_avoided(assumptions, remote_share, given.library, given.setting)
    if avoidable is None:
        return None
    share, share_inputs, how = avoidable
    salary, ask_cost = given.salary, given.ask_cost
    n = leavers(given.headcount, attrition)
    avoided = n.base.value * share
    formula = f"voluntary leavers × {how} × average salary × replacement factor"
    inputs: list[tuple[str, Quantity]] = [
        ("voluntary leavers", n.base),
        *share_inputs,
        (
            "leavers avoided",
            derived(round(avoided, 1), "count", "leavers_avoided", f"voluntary leavers × {how}"),
        ),
        ("average salary", _salary(salary)),
        *factors.case_inputs(),
    ]
    low = avoided * salary * factors.low
    high = avoided * salary * factors.high
    notes = list(factors.notes)
    if ask_cost:
        inputs += _returns(ask_cost, low, high)
        notes.append("the return compares one year's value at scale with the cost of the ask")
    return Figure(
        "improvement_value",
        "Annual value of fewer quits",
        derived(avoided * salary * factors.base, "currency", "improvement_value", formula),
        derived(low, "currency", "improvement_value.low", formula),
        derived(high, "currency", "improvement_value.high", formula),
        formula,
        tuple(inputs),
        why_base=factors.why_base,
        notes=tuple(notes),
    )


def _share_avoided(
    assumptions: dict[str, Assumption],
    remote_share: Kpi | None,
    library: tuple[EvidenceItem, ...],
    setting: str | None = None,
) -> tuple[float, list[tuple[str, Quantity]], str] | None:
    """The share of all leavers a change would avoid, its inputs and how it was reached: org.yaml's
    assumption, else the trial's effect on the remote-eligible roles (None without either, and
    None for a frontline organisation: a work-from-home trial says nothing about on-site work)."""
    override = assumptions.get("improvement_attrition_reduction")
    if override is not None:
        inputs = [("share of leavers avoided", override.quantity())]
        return override.value, inputs, "share of leavers avoided (org.yaml assumption)"
    rct = HYBRID_RCT.find(library)
    if rct is None or remote_share is None or setting == "frontline":
        return None
    effect = rct.value / 100
    inputs = [
        (
            "fewer quits in the hybrid-work trial",
            Quantity(rct.value, "percent", Provenance("evidence", HYBRID_RCT.ref())),
        ),
        ("remote-eligible roles", from_org(remote_share)),
    ]
    share = effect * remote_share.value / 100
    return share, inputs, "trial effect × share of roles where it applies"


def _returns(ask_cost: float, low: float, high: float) -> list[tuple[str, Quantity]]:
    """The ask against a year's value: the return multiples (payback is its own figure)."""
    return [
        ("ask cost", _ask(ask_cost)),
        (
            "return multiple, low",
            derived(
                round(low / ask_cost, 1), "multiple", "roi_low", "annual value, low ÷ ask cost"
            ),
        ),
        (
            "return multiple, high",
            derived(
                round(high / ask_cost, 1), "multiple", "roi_high", "annual value, high ÷ ask cost"
            ),
        ),
    ]


def total_of(key: str, label: str, parts: list[Figure]) -> Figure:
    """The sum of `parts`, low to low and high to high (a part without a range adds its base)."""
    formula = " + ".join(p.label.lower() for p in parts)

    def total(attr: str) -> float:
        return sum((getattr(p, attr) or p.base).value for p in parts)

    return Figure(
        key,
        label,
        derived(total("base"), "currency", key, formula),
        derived(total("low"), "currency", f"{key}.low", formula),
        derived(total("high"), "currency", f"{key}.high", formula),
        formula,
        tuple((p.label, p.base) for p in parts),
    )
