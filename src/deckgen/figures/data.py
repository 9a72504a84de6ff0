"""data/figures.yaml: the evidence claims the cost formulas use, and their default assumptions."""

from __future__ import annotations

from pydantic import Field, model_validator

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
        """The claim, or None when the library has no such item (or the item no such claim)."""
        item = self.item(library)
        return _claim(item, self.claim) if item is not None else None


def _claim(item: EvidenceItem, claim_id: str) -> Claim | None:
    return next((c for c in item.claims if c.id == claim_id), None)


ROLES = ("frontline", "technical", "leaders")


class ReplacementSource(Strict):
    """One source of the replacement-cost factor: a range claim (`claim`, a multiple of salary
    with low and high ends), or one claim per role (`frontline`, `technical`, `leaders`, each a
    percent of salary)."""

    evidence: str = Field(min_length=1, description="The evidence item's id (evidence/<id>.yaml).")
    claim: str | None = Field(None, description="A range claim: low and high multiples of salary.")
    frontline: str | None = Field(None, description="The claim for frontline employees.")
    technical: str | None = Field(None, description="The claim for technical professionals.")
    leaders: str | None = Field(None, description="The claim for leaders and managers.")

    @model_validator(mode="after")
    def _one_shape(self) -> ReplacementSource:
        roles = [getattr(self, r) for r in ROLES]
        if self.claim is not None and any(roles):
            raise ValueError("give either `claim` (a range) or the role claims, not both")
        if self.claim is None and not all(roles):
            missing = ", ".join(r for r in ROLES if not getattr(self, r))
            raise ValueError(
                f"expected `claim` (a range) or all three role claims; missing {missing}"
            )
        return self

    @property
    def by_role(self) -> bool:
        return self.claim is None

    def ref(self, which: str) -> str:
        """`item#claim` for a role, or `item#claim.low` / `.high` for one end of the range."""
        if self.by_role:
            return f"{self.evidence}#{getattr(self, which)}"
        return f"{self.evidence}#{self.claim}.{which}"

    def item(self, library: tuple[EvidenceItem, ...]) -> EvidenceItem | None:
        return next((item for item in library if item.id == self.evidence), None)

    def range_claim(self, library: tuple[EvidenceItem, ...]) -> Claim | None:
        """The range claim, if this is a range source the library has with both ends."""
        item = self.item(library)
        if self.by_role or item is None:
            return None
        claim = _claim(item, self.claim or "")
        return claim if claim is not None and None not in (claim.low, claim.high) else None

    def role_claims(self, library: tuple[EvidenceItem, ...]) -> dict[str, Claim] | None:
        """{role: claim}, if this is a by-role source the library has all three (in percent)."""
        item = self.item(library)
        if not self.by_role or item is None:
            return None
        found = {role: _claim(item, getattr(self, role)) for role in ROLES}
        if any(c is None or c.unit != "percent" for c in found.values()):
            return None
        return {role: c for role, c in found.items() if c is not None}


class ReplacementSources:
    """data/figures.yaml `replacement_cost`: the sources of the replacement-cost factor, tried in
    order; the first the library has is used (a user library may hold only the older range)."""

    def __init__(self, sources: list[ReplacementSource]) -> None:
        self.sources = tuple(sources)

    def pick(self, library: tuple[EvidenceItem, ...]) -> ReplacementSource | None:
        return next(
            (s for s in self.sources if s.role_claims(library) or s.range_claim(library)), None
        )

    def item(self, library: tuple[EvidenceItem, ...]) -> EvidenceItem | None:
        """The evidence item the figures use (cited on the cost slide), or None."""
        source = self.pick(library)
        return source.item(library) if source is not None else None


class _Claims(Strict):
    replacement_cost: list[ReplacementSource] = Field(
        min_length=1,
        description="What replacing a leaver costs: by role (percent of salary) or a range "
        "(multiple of salary with low and high ends); the first the library has is used.",
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
    hours_per_day: _AssumptionEntry = Field(description="Paid hours in a working day.")
    overtime_premium: _AssumptionEntry = Field(
        description="Pay for an overtime hour, as a multiple of an ordinary hour: the base."
    )
    overtime_premium_high: _AssumptionEntry = Field(
        description="The high end of the overtime-premium range."
    )


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
REPLACEMENT = ReplacementSources(_DATA.claims.replacement_cost)
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
