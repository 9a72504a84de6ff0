"""data/figures.yaml: the evidence claims the cost formulas use, and their default assumptions."""

from __future__ import annotations

from pydantic import Field

from deckgen.figures.model import Assumption
from deckgen.load.evidence import Claim, EvidenceItem
from deckgen.load.schema import Strict


class ClaimRef(Strict):
    """One claim of one evidence item, by id."""

    evidence: str = Field(min_length=1, description="The evidence item's id (evidence/<id>.yaml).")
    claim: str = Field(min_length=1, description="The claim's id within that item.")

    def ref(self, end: str = "") -> str:
        """The provenance reference: `item#claim`, or `item#claim.low` for one end of a range."""
        return f"{self.evidence}#{self.claim}" + (f".{end}" if end else "")

    def item(self, library: tuple[EvidenceItem, ...]) -> EvidenceItem | None:
        """The item in `library`, or None (a user's own library may not have it)."""
        return next((item for item in library if item.id == self.evidence), None)

    def find(self, library: tuple[EvidenceItem, ...]) -> Claim | None:
        """The claim, or None when the library has no such item."""
        item = self.item(library)
        return item.claim(self.claim) if item is not None else None


class _Claims(Strict):
    replacement_cost: ClaimRef = Field(
        description="What replacing a leaver costs, a multiple of salary with low and high ends."
    )
    hybrid_quits: ClaimRef = Field(
        description="Percent fewer quits with hybrid work in a randomised trial."
    )


class _AssumptionEntry(Strict):
    value: float = Field(gt=0, description="The value used unless org.yaml sets another.")
    unit: str = Field(min_length=1, description="days, multiple, ...")
    source: str = Field(min_length=1, description="Where the value comes from, for the appendix.")


class _Assumptions(Strict):
    working_days_per_year: _AssumptionEntry = Field(description="Paid working days a year.")
    on_cost_factor: _AssumptionEntry = Field(description="Employer costs on top of salary.")
    on_cost_low: _AssumptionEntry = Field(description="The low end of the on-cost range.")
    on_cost_high: _AssumptionEntry = Field(description="The high end of the on-cost range.")


class _FiguresFile(Strict):
    """data/figures.yaml: the claims the cost formulas use and their default assumptions."""

    claims: _Claims
    assumptions: _Assumptions


def _read() -> _FiguresFile:
    from deckgen.load.datafiles import read_data

    return read_data("figures", _FiguresFile)


def _number(value: float) -> float:
    """Whole numbers stay whole: the appendix and manifest show 228, not 228.0."""
    return int(value) if value.is_integer() else value


_DATA = _read()
REPLACEMENT = _DATA.claims.replacement_cost
HYBRID_RCT = _DATA.claims.hybrid_quits
DEFAULT_ASSUMPTIONS = {
    key: Assumption(key, _number(entry.value), entry.unit, entry.source)
    for key, entry in _DATA.assumptions
}


def assumptions_for(overrides: dict[str, float]) -> dict[str, Assumption]:
    """The defaults, with org.yaml's `assumptions:` in their place."""
    out = dict(DEFAULT_ASSUMPTIONS)
    for key, value in overrides.items():
        base = DEFAULT_ASSUMPTIONS.get(key)
        unit = base.unit if base else "ratio"
        out[key] = Assumption(key, value, unit, "set in org.yaml assumptions")
    return out
