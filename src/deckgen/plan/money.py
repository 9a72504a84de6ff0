"""The money figures as a storyline's context: `money_context(figs)`, re-exported by
plan/figures.py (so `pf.money_context`)."""

from __future__ import annotations

from typing import Any

from deckgen.figures import Figure, OrgFigures
from deckgen.models import Quantity


def money_context(figs: OrgFigures | None) -> dict[str, Any]:
    """The money figures for a storyline, each a Quantity the Renderer shows with its provenance
    (None where not computed; every one has its appendix slide). Keys:
    payback_months      months for the value of fewer quits to repay the ask, the conservative
                        (longest) case; only where an improvement applies (figures/money.py)
    break_even_leavers  fewer leavers that pay for the ask (low replacement factor)
    break_even_days     fewer absence days that pay for the ask (low on-cost factor)
    value_one_leaver    what one leaver prevented is worth, base (low ... high in the appendix);
                        only without an ask cost
    value_one_point     what one point less voluntary attrition is worth a year, base; only
                        without an ask cost
    payroll_share       the cost of turnover and absence as a percent of payroll, low case
    per_fte             that cost per employee (headcount), low case
    posts_empty         posts empty on an average day while leavers are replaced
    vacancy_cost        the premium paid covering them a year (needs assumptions.cover_premium)
    overtime_cost       the recorded overtime bill a year, base (straight time)
    replacement_factor  the replacement factor the turnover cost's base uses (e.g. 40%)
    payback_basis       what the payback's expected effect rests on: "assumption" (org.yaml's
                        improvement_attrition_reduction, agreed by the organisation) or "trial"
                        (the hybrid-work trial's effect on remote-eligible roles); story slides
                        quote a payback only on the organisation's own assumption"""
    if figs is None:
        return dict.fromkeys(MONEY_KEYS)

    def base(fig: Figure | None) -> Quantity | None:
        return fig.base if fig else None

    def low(fig: Figure | None) -> Quantity | None:
        return (fig.low or fig.base) if fig else None

    factor = None
    if figs.turnover:
        names = dict(figs.turnover.inputs)
        factor = names.get("replacement factor, base") or names.get("replacement factor, low")
    return {
        "payback_months": figs.payback.high if figs.payback else None,
        "break_even_leavers": base(figs.break_even),
        "break_even_days": base(figs.break_even_days),
        "value_one_leaver": base(figs.value_one_leaver),
        "value_one_point": base(figs.value_one_point),
        "payroll_share": low(figs.payroll_share),
        "per_fte": low(figs.per_employee),
        "posts_empty": base(figs.posts_empty),
        "vacancy_cost": base(figs.vacancy_cost),
        "overtime_cost": base(figs.overtime_cost),
        "replacement_factor": factor,
        "payback_basis": _payback_basis(figs),
    }


def _payback_basis(figs: OrgFigures) -> str | None:
    if not figs.payback or not figs.improvement:
        return None
    names = dict(figs.improvement.inputs)
    return "trial" if "fewer quits in the hybrid-work trial" in names else "assumption"


MONEY_KEYS = (
    "payback_months",
    "break_even_leavers",
    "break_even_days",
    "value_one_leaver",
    "value_one_point",
    "payroll_share",
    "per_fte",
    "posts_empty",
    "vacancy_cost",
    "overtime_cost",
    "replacement_factor",
    "payback_basis",
)
