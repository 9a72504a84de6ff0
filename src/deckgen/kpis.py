"""The KPI catalog: every organisational measure deckgen understands, its unit, range and direction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from deckgen.models import Scale

Direction = Literal["lower-is-better", "higher-is-better", "neutral"]


@dataclass(frozen=True)
class KpiSpec:
    name: str
    label: str
    unit: str  # percent | days | hours | score | currency
    low: float
    high: float
    direction: Direction
    description: str


CATALOG: dict[str, KpiSpec] = {
    k.name: k
    for k in (
        KpiSpec(
            "voluntary_attrition",
            "Voluntary attrition",
            "percent",
            0,
            100,
            "lower-is-better",
            "Voluntary leavers in the period as a percent of average headcount, per year.",
        ),
        KpiSpec(
            "regretted_attrition",
            "Regretted attrition",
            "percent",
            0,
            100,
            "lower-is-better",
            "Leavers the organisation wanted to keep, as a percent of headcount, per year.",
        ),
        KpiSpec(
            "absence_days_per_fte",
            "Sickness absence",
            "days",
            0,
            260,
            "lower-is-better",
            "Sickness absence days per full-time equivalent employee per year.",
        ),
        KpiSpec(
            "engagement",
            "Engagement",
            "percent",
            0,
            100,
            "higher-is-better",
            "Percent of employees engaged in the organisation's engagement survey.",
        ),
        KpiSpec(
            "enps",
            "Employee Net Promoter Score",
            "score",
            -100,
            100,
            "higher-is-better",
            "Percent promoters (9-10) minus percent detractors (0-6), from -100 to +100.",
        ),
        KpiSpec(
            "burnout",
            "Burnout",
            "percent",
            0,
            100,
            "lower-is-better",
            "Percent of employees reporting burnout often or always.",
        ),
        KpiSpec(
            "psychological_safety",
            "Psychological safety",
            "score",
            0,
            100,
            "higher-is-better",
            "Team psychological-safety score on the survey's own scale (give `scale`).",
        ),
        KpiSpec(
            "time_to_fill_days",
            "Time to fill",
            "days",
            0,
            730,
            "lower-is-better",
            "Calendar days from requisition approval to offer accepted.",
        ),
        KpiSpec(
            "cost_per_hire",
            "Cost per hire",
            "currency",
            0,
            1_000_000,
            "lower-is-better",
            "External and internal recruiting cost divided by hires, in the org currency.",
        ),
        KpiSpec(
            "overtime_hours_per_fte",
            "Overtime",
            "hours",
            0,
            2000,
            "lower-is-better",
            "Paid or recorded overtime hours per full-time equivalent per year.",
        ),
        KpiSpec(
            "wellbeing_programme_uptake",
            "Wellbeing programme uptake",
            "percent",
            0,
            100,
            "higher-is-better",
            "Percent of employees who used the wellbeing programme or EAP in the year.",
        ),
        KpiSpec(
            "remote_eligible_share",
            "Remote-eligible roles",
            "percent",
            0,
            100,
            "neutral",
            "Percent of roles that can be done remotely at least part of the week.",
        ),
    )
}

# Unit spellings HR exports use, mapped to the catalog's unit names.
UNIT_ALIASES: dict[str, str] = {
    "%": "percent",
    "percent": "percent",
    "pct": "percent",
    "percentage": "percent",
    "days": "days",
    "day": "days",
    "d": "days",
    "hours": "hours",
    "hour": "hours",
    "h": "hours",
    "hrs": "hours",
    "score": "score",
    "points": "score",
    "pts": "score",
    "index": "score",
    "currency": "currency",
}


def normalise_unit(unit: str, currency: str) -> str | None:
    """The catalog unit for a user's spelling, or None if unknown. The org's currency code means money."""
    text = unit.strip().lower()
    if text == currency.lower():
        return "currency"
    return UNIT_ALIASES.get(text)


SCALE_FORMS = "'1-5', '1–5', '1 to 5', 5, 'out of 5' or '/5'"


def parse_scale(raw: object) -> Scale:
    """A survey scale as people write it: '1-5', '1–5', '1 to 5', or one number N ('5', 'out
    of 5', '/5') meaning 1 to N (100 means 0 to 100). Raises ValueError naming the forms."""
    text = str(raw).strip().lower().replace("\u2013", "-").replace("\u2014", "-")
    if m := re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(?:-|to|\.\.)\s*(-?\d+(?:\.\d+)?)", text):
        low, high = float(m[1]), float(m[2])
        if low < high:
            return Scale(low, high)
    elif m := re.fullmatch(r"(?:out of|of|/)?\s*(\d+(?:\.\d+)?)", text):
        high = float(m[1])
        if high == 100:
            return Scale(0, 100)
        if high > 1:
            return Scale(1, high)
    raise ValueError(f"expected a scale like {SCALE_FORMS}, got '{raw}'")
