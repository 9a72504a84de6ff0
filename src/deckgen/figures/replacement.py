"""The replacement-cost factor: what one leaver costs, as a share of salary, low, base and high.

By role (Gallup 2024: frontline 40%, technical 80%, leaders 200% of salary) the rule is:
- low: the frontline factor for every leaver (the cheapest role to replace);
- base: the org.yaml role mix weighted (`workforce.roles`), else the frontline factor;
- high: the role mix with frontline roles priced at the technical factor (no mix: the technical
  factor for every leaver; the leaders factor is never applied to a share nobody gave).
A range claim (Gallup 2019, 0.5-2x salary) gives low = base = its low end, high = its high end.
"""

from __future__ import annotations

from msgspec import Struct

from deckgen.figures.data import REPLACEMENT, ROLES, ReplacementSource
from deckgen.figures.model import derived
from deckgen.load.evidence import EvidenceItem
from deckgen.models import Provenance, Quantity


class Factors(Struct, frozen=True):
    """The replacement factor's three cases as fractions of salary, with their inputs."""

    low: float
    base: float
    high: float
    low_q: Quantity  # each case as the input it is (an evidence claim, or derived from them)
    base_q: Quantity
    high_q: Quantity
    inputs: tuple[tuple[str, Quantity], ...]  # every factor and share the cases rest on
    why_base: str
    notes: tuple[str, ...] = ()

    def case_inputs(self) -> list[tuple[str, Quantity]]:
        """The inputs a figure over these factors lists: what they rest on, then low/base/high."""
        cases = [("replacement factor, low", self.low_q)]
        if self.base_q is not self.low_q:
            cases.append(("replacement factor, base", self.base_q))
        cases.append(("replacement factor, high", self.high_q))
        return [*self.inputs, *cases]


def replacement_factors(
    library: tuple[EvidenceItem, ...], roles: dict[str, float] | None = None
) -> Factors | None:
    """The factors from the first source in data/figures.yaml the library has, or None."""
    source = REPLACEMENT.pick(library)
    if source is None:
        return None
    return (
        _by_role(source, library, roles) if source.by_role else _from_range(source, library, roles)
    )


def _by_role(
    source: ReplacementSource, library: tuple[EvidenceItem, ...], roles: dict[str, float] | None
) -> Factors:
    claims = source.role_claims(library) or {}
    pct = {role: claims[role].value for role in ROLES}
    factor_q = {
        role: Quantity(pct[role], "percent", Provenance("evidence", source.ref(role)))
        for role in ROLES
    }
    if not roles or sum(roles.values()) <= 0:
        return _without_mix(pct, factor_q)
    total = sum(roles.values())
    share = {role: roles.get(role, 0) / total for role in ROLES}
    base_pct = sum(share[r] * pct[r] for r in ROLES)
    high_pct = share["frontline"] * pct["technical"] + sum(
        share[r] * pct[r] for r in ("technical", "leaders")
    )
    mix = " + ".join(f"{r} share × {r} factor" for r in ROLES)
    high_how = (
        "frontline share × technical factor + technical share × technical factor + "
        "leaders share × leaders factor"
    )
    shares = (
        (
            f"{r} share of roles",
            Quantity(
                roles.get(r, 0), "percent", Provenance("org", f"org.yaml workforce.roles.{r}")
            ),
        )
        for r in ROLES
    )
    return Factors(
        pct["frontline"] / 100,
        base_pct / 100,
        high_pct / 100,
        factor_q["frontline"],
        derived(round(base_pct, 1), "percent", "replacement_factor.base", mix),
        derived(round(high_pct, 1), "percent", "replacement_factor.high", high_how),
        (*shares, *((f"replacement factor, {r}", factor_q[r]) for r in ROLES)),
        why_base="the base weights Gallup's factors by role (frontline, technical, leaders) by "
        "our role mix; the low end prices every leaver at the frontline factor, the "
        "high end prices frontline roles at the technical factor",
        notes=(
            "leavers are taken to come from each group in proportion to its share of roles and to "
            "earn the average salary; frontline roles usually turn over faster, so where they do "
            "the low end is the safer headline",
        ),
    )


def _without_mix(pct: dict[str, float], factor_q: dict[str, Quantity]) -> Factors:
    """No role mix: every leaver at the frontline factor (low and base), the technical (high)."""
    return Factors(
        pct["frontline"] / 100,
        pct["frontline"] / 100,
        pct["technical"] / 100,
        factor_q["frontline"],
        factor_q["frontline"],
        factor_q["technical"],
        (),
        why_base="the base prices every leaver at Gallup's frontline factor, the cheapest role "
        "to replace, as we gave no role mix; the high end prices every "
        "leaver at the technical factor; the leaders factor is not used without a mix, so the "
        "high end understates where many leaders leave",
    )


def _from_range(
    source: ReplacementSource, library: tuple[EvidenceItem, ...], roles: dict[str, float] | None
) -> Factors:
    claim = source.range_claim(library)
    assert claim is not None and claim.low is not None and claim.high is not None  # pick() checked
    low_q = Quantity(claim.low, claim.unit, Provenance("evidence", source.ref("low")))
    high_q = Quantity(claim.high, claim.unit, Provenance("evidence", source.ref("high")))
    scale = 100 if claim.unit == "percent" else 1
    notes = ("the replacement cost range has no factors by role, so the role mix is not used",)
    return Factors(
        claim.low / scale,
        claim.low / scale,
        claim.high / scale,
        low_q,
        low_q,
        high_q,
        (),
        why_base="the base uses the bottom of the replacement cost range: the most "
        "conservative figure, and the one finance can least dispute",
        notes=notes if roles else (),
    )
