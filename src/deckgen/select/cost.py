"""The published cost for a comparable population: an evidence-only deck's BIG NUMBER, when the
organisation gives no figures of its own. The same hard fit rules as any slot (a UK cost model
is no evidence for a Swedish employer), then the same preferences."""

from __future__ import annotations

from deckgen.fmt import MONEY_UNIT
from deckgen.load.evidence import EvidenceItem
from deckgen.select import Missing, Pick, audience_for, ranked
from deckgen.select.fit import Audience
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
    candidates = [
        item
        for item in library
        if item.id not in exclude
        and _money_claim(item) is not None
        and set(COST_ARGUMENTS) & set(item.argues)
    ]
    fitting, excluded = ranked(candidates, who, lambda item: (*fit_score(item, blocker, who), ()))
    if not fitting:
        return None, Missing(PURPOSE, NEEDS, excluded)
    item, score, why = fitting[0]
    claim = _money_claim(item)
    others = tuple(entry[0].id for entry in fitting[1:])
    return Pick(item, claim, score, tuple(why), PURPOSE, excluded, others), None
