"""The published cost for a comparable population: an evidence-only deck's BIG NUMBER, when the
organisation gives no figures of its own. The same hard fit rules as any slot (a UK cost model
is no evidence for a Swedish employer), then the same preferences."""

from __future__ import annotations

from deckgen.fmt import MONEY_UNIT
from deckgen.load.evidence import EvidenceItem
from deckgen.select import Excluded, Missing, Pick, audience_for
from deckgen.select.fit import Audience, broken_rule
from deckgen.select.prefer import fit_score

COST_ARGUMENTS = ("hidden-cost", "cost-of-turnover")
PURPOSE = "the published cost of doing nothing"
NEEDS = (
    "a published cost in money (a national cost model, a cost per hire or per case) for "
    "employers where we are"
)


def _money_claim(item: EvidenceItem):
    """The item's first claim stated in money (GBP-bn, USD ...), or None."""
    return next((c for c in item.claims if MONEY_UNIT.match(c.unit)), None)


def published_cost(
    library: tuple[EvidenceItem, ...],
    blocker: str,
    who: Audience,
    exclude: frozenset[str] = frozenset(),
) -> tuple[Pick | None, Missing | None]:
    """The best item arguing a hidden cost or the cost of turnover, with a claim in money, that
    breaks no hard rule for `who`; else what was missing and the nearest item a rule kept out."""
    if who.superseded is None:
        who = audience_for(library, who)
    fitting, kept_out = [], None
    for item in library:
        claim = _money_claim(item)
        if item.id in exclude or claim is None or not set(COST_ARGUMENTS) & set(item.argues):
            continue
        score, why = fit_score(item, blocker, who)
        key = (-score, item.id)
        broken = broken_rule(item, who)
        if broken:
            near = (broken[0] == "superseded", *key)
            if kept_out is None or near < kept_out[0]:
                kept_out = (near, Excluded(item.id, *broken))
        else:
            fitting.append((key, item, claim, score, why))
    excluded = kept_out[1] if kept_out else None
    if not fitting:
        return None, Missing(PURPOSE, NEEDS, excluded)
    fitting.sort(key=lambda entry: entry[0])
    _, item, claim, score, why = fitting[0]
    others = tuple(entry[1].id for entry in fitting[1:])
    return Pick(item, claim, score, tuple(why), PURPOSE, excluded, others), None
