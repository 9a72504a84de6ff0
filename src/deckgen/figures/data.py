"""The evidence claims the cost formulas use, and the assumptions they make unless org.yaml says."""

from __future__ import annotations

from deckgen.figures.model import Assumption
from deckgen.load.evidence import Claim, EvidenceItem

REPLACEMENT_ID = "gallup-replacement-cost"  # 0.5-2x salary per replacement
HYBRID_RCT_ID = "bloom-2024-hybrid-rct"  # one-third fewer quits
DEFAULT_ASSUMPTIONS = {
    "working_days_per_year": Assumption(
        "working_days_per_year",
        228,
        "days",
        "typical full-time working days after weekends, public holidays and leave (CIPD/IES-style "
        "absence calculators); override in org.yaml under assumptions:",
    ),
    "on_cost_factor": Assumption(
        "on_cost_factor",
        1.25,
        "multiple",
        "employer taxes and benefits on top of salary, commonly 1.2-1.35 (absence calculators); "
        "override in org.yaml under assumptions:",
    ),
    "on_cost_low": Assumption("on_cost_low", 1.2, "multiple", "low end of the usual on-cost range"),
    "on_cost_high": Assumption(
        "on_cost_high", 1.35, "multiple", "high end of the usual on-cost range"
    ),
}


def claim_in(library: tuple[EvidenceItem, ...], item_id: str, claim_id: str) -> Claim | None:
    for item in library:
        if item.id == item_id:
            return item.claim(claim_id)
    return None


def assumptions_for(overrides: dict[str, float]) -> dict[str, Assumption]:
    """The defaults, with org.yaml's `assumptions:` in their place."""
    out = dict(DEFAULT_ASSUMPTIONS)
    for key, value in overrides.items():
        base = DEFAULT_ASSUMPTIONS.get(key)
        unit = base.unit if base else "ratio"
        out[key] = Assumption(key, value, unit, "set in org.yaml assumptions")
    return out
