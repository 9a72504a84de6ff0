"""The cost figures: turnover, recruiting, absence, the value of fewer quits and break-even."""

from __future__ import annotations

import math

from deckgen.figures.data import HYBRID_RCT, REPLACEMENT
from deckgen.figures.model import Assumption, Figure, derived, from_org
from deckgen.load.evidence import EvidenceItem
from deckgen.models import Kpi, Provenance, Quantity


def _headcount(headcount: int) -> Quantity:
    return Quantity(headcount, "count", Provenance("org", "org.yaml headcount"))


def _salary(salary: float) -> Quantity:
    return Quantity(salary, "currency", Provenance("org", "org.yaml average_salary"))


def _ask(ask_cost: float) -> Quantity:
    return Quantity(ask_cost, "currency", Provenance("audience", "audience.yaml ask.cost"))


def _replacement(value: float, end: str) -> Quantity:
    """One end ("low" or "high") of the replacement-cost range, as an input."""
    return Quantity(value, "multiple", Provenance("evidence", REPLACEMENT.ref(end)))


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
    headcount: int, salary: float, attrition: Kpi, library: tuple[EvidenceItem, ...]
) -> Figure | None:
    """Leavers × salary × replacement factor; base at the bottom of Gallup's 0.5-2x range."""
    claim = REPLACEMENT.find(library)
    if claim is None or claim.low is None or claim.high is None:
        return None
    n = leavers(headcount, attrition)
    formula = "voluntary leavers × average salary × replacement cost factor"
    low = n.base.value * salary * claim.low
    high = n.base.value * salary * claim.high
    return Figure(
        "turnover_cost",
        "Annual cost of voluntary turnover",
        derived(low, "currency", "turnover_cost", formula),
        derived(low, "currency", "turnover_cost.low", formula),
        derived(high, "currency", "turnover_cost.high", formula),
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
    ask_cost: float, salary: float, library: tuple[EvidenceItem, ...]
) -> Figure | None:
    """How many fewer leavers pay for the ask, at the conservative half-salary replacement cost."""
    claim = REPLACEMENT.find(library)
    if claim is None or claim.low is None or salary <= 0:
        return None
    per = salary * claim.low
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
            ("replacement factor, low", _replacement(claim.low, "low")),
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
    replacement = REPLACEMENT.find(library)
    if replacement is None or replacement.low is None or replacement.high is None:
        return None
    avoidable = _share_avoided(assumptions, remote_share, library)
    if avoidable is None:
        return None
    share, share_inputs, how = avoidable
    n = leavers(headcount, attrition)
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
        ("replacement factor, low", _replacement(replacement.low, "low")),
        ("replacement factor, high", _replacement(replacement.high, "high")),
    ]
    low = avoided * salary * replacement.low
    high = avoided * salary * replacement.high
    notes = []
    if ask_cost:
        inputs += _payback(ask_cost, low, high)
        notes.append("payback compares one year's value at scale with the cost of the ask")
    return Figure(
        "improvement_value",
        "Annual value of fewer quits",
        derived(low, "currency", "improvement_value", formula),
        derived(low, "currency", "improvement_value.low", formula),
        derived(high, "currency", "improvement_value.high", formula),
        formula,
        tuple(inputs),
        why_base="the base uses the bottom of Gallup's replacement range",
        notes=tuple(notes),
    )


def _share_avoided(
    assumptions: dict[str, Assumption],
    remote_share: Kpi | None,
    library: tuple[EvidenceItem, ...],
) -> tuple[float, list[tuple[str, Quantity]], str] | None:
    """The share of all leavers a change would avoid, its inputs and how it was reached: org.yaml's
    assumption, else the trial's effect on the remote-eligible roles (None without either)."""
    override = assumptions.get("improvement_attrition_reduction")
    if override is not None:
        inputs = [("share of leavers avoided", override.quantity())]
        return override.value, inputs, "share of leavers avoided (org.yaml assumption)"
    rct = HYBRID_RCT.find(library)
    if rct is None or remote_share is None:
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


def _payback(ask_cost: float, low: float, high: float) -> list[tuple[str, Quantity]]:
    """The ask against a year's value: payback months (conservative) and the return multiples."""
    months = ask_cost / (low / 12) if low else math.inf
    return [
        ("ask cost", _ask(ask_cost)),
        (
            "payback months, conservative",
            derived(
                round(months, 1), "count", "payback_months", "ask cost ÷ (annual value, low ÷ 12)"
            ),
        ),
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
