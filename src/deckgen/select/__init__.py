"""Choose evidence for a deck's slots: hard fit rules first (select/fit.py), then what the slot
asks for, then soft fit and strength (select/prefer.py). Deterministic, and says why: every pick
records its reasons and the best item a rule kept out; a slot nothing fits is reported missing."""

from __future__ import annotations

from msgspec import Struct, field
from msgspec.structs import replace

from deckgen.load.evidence import Claim, EvidenceItem
from deckgen.select.fit import Audience, broken_rule, superseded_by
from deckgen.select.prefer import argues_for, fit_score, want_score


class Excluded(Struct, frozen=True):
    """The best item a hard rule kept out of a slot."""

    item_id: str
    rule: str
    why: str


class Pick(Struct, frozen=True):
    item: EvidenceItem
    claim: Claim
    score: float
    reasons: tuple[str, ...]
    purpose: str = ""
    excluded: Excluded | None = None
    others: tuple[str, ...] = ()  # other items that fit this slot, best first (for a swap)
    chosen: bool = False  # named by the executive's `evidence.use`: kept whatever its score


class Missing(Struct, frozen=True):
    """A slot no evidence fits: what it needed, and the best item a rule kept out."""

    purpose: str
    needs: str
    excluded: Excluded | None = None


class Selection(Struct, frozen=True):
    picks: list[Pick] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    # (evidence id, why): items the executive's `evidence.use` names that no slot took
    unused: list[tuple[str, str]] = field(default_factory=list)


def audience_for(library: tuple[EvidenceItem, ...], who: Audience) -> Audience:
    """`who` with the library's superseded editions filled in."""
    return replace(who, superseded=superseded_by(library))


def select_for_slots(
    library: tuple[EvidenceItem, ...],
    blocker: str,
    wants: list,
    who: Audience,
    exclude: frozenset[str] = frozenset(),
    prefer: tuple[str, ...] = (),
) -> Selection:
    """One pick per evidence slot, in slot order, never the same item twice. A slot's `want`
    (load/storyline.py) names the arguments, kinds, grades or chart it needs; a slot without one
    takes the best remaining item for the deck's blocker. `exclude` is never used (items already
    in the deck, an executive's `evidence.avoid`); an item in `prefer` (their `evidence.use`)
    takes the first slot it fits, if no hard rule keeps it out."""
    if who.superseded is None:
        who = audience_for(library, who)
    used = set(exclude)
    out = Selection()
    for want in wants:
        target = (want.blocker if want and want.blocker else None) or blocker
        pick, excluded = _best(library, target, want, who, used, prefer)
        if pick is None:
            out.missing.append(
                Missing(want.purpose if want else "", _needs(want, target), excluded)
            )
            continue
        out.picks.append(pick)
        used.add(pick.item.id)
    out.unused.extend(_unused(library, prefer, used, who, blocker))
    return out


MAX_OTHERS = 8  # alternatives a pick lists for a swap


def ranked(items, who: Audience, scored) -> tuple[list[tuple], Excluded | None]:
    """The items no hard rule keeps out for `who`, best first, as (item, score, why); and the
    nearest item a rule kept out (an old edition is the least telling). `scored(item)` gives
    (score, why, first): `first` sorts before the score (an item the executive chose)."""
    fitting: list[tuple] = []
    kept_out: tuple | None = None
    for item in items:
        score, why, first = scored(item)
        key = (-score, item.id)
        broken = broken_rule(item, who)
        if broken:
            near = (broken[0] == "superseded", *key)
            if kept_out is None or near < kept_out[0]:
                kept_out = (near, Excluded(item.id, *broken))
        else:
            fitting.append(((*first, *key), item, score, why))
    fitting.sort(key=lambda entry: entry[0])
    return [entry[1:] for entry in fitting], kept_out[1] if kept_out else None


def _best(library, target: str, want, who: Audience, used: set[str], prefer: tuple[str, ...]):
    def scored(item):
        score, why = fit_score(item, target, who)
        if want is not None:
            bonus, more = want_score(item, want)
            score, why = score + bonus, more + why
        return score, why, (item.id not in prefer,)

    # a slot needs evidence for its blocker that makes its argument
    candidates = (
        item
        for item in library
        if item.id not in used and target in item.blockers and argues_for(item, want)
    )
    fitting, excluded = ranked(candidates, who, scored)
    if not fitting:
        return None, excluded
    item, score, why = fitting[0]
    if item.id in prefer:
        why = ["chosen for this executive (evidence.use in audience.yaml)", *why]
    others = tuple(entry[0].id for entry in fitting[1 : MAX_OTHERS + 1])
    purpose = want.purpose if want else ""
    pick = Pick(
        item, item.claims[0], score, tuple(why), purpose, excluded, others, item.id in prefer
    )
    return pick, excluded


def _unused(library, prefer: tuple[str, ...], used: set[str], who: Audience, blocker: str):
    """Why each preferred item that no slot took is not in the deck."""
    items = {item.id: item for item in library}
    for item_id in prefer:
        if item_id in used or item_id not in items:
            continue
        broken = broken_rule(items[item_id], who)
        if broken:
            yield item_id, f"rule {broken[0]}: {broken[1]}"
        else:
            yield item_id, f"it fits none of this deck's evidence slots (blocker {blocker})"


def _needs(want, blocker: str) -> str:
    """What a slot needed, in words for the presenter."""
    from deckgen.load.evidence import arguments

    if want is not None and want.argues:
        meant = arguments()
        return "; or ".join(meant.get(a, a) for a in want.argues)
    kinds = f" ({', '.join(want.kinds)})" if want is not None and want.kinds else ""
    return f"evidence that answers {blocker}{kinds}"
