"""Rank evidence for one executive's blocker and organisation; deterministic, and says why."""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.load.evidence import Claim, EvidenceItem
from deckgen.regions import geographies


@dataclass(frozen=True)
class Pick:
    item: EvidenceItem
    claim: Claim
    score: float
    reasons: tuple[str, ...]
    purpose: str = ""


def _score(
    item: EvidenceItem, blocker: str, kpis: set[str], region: str | None, industry: str | None
) -> tuple[float, list[str]]:
    score, why = 0.0, []
    if blocker in item.blockers:
        score += 10
        why.append(f"answers {blocker}")
    overlap = sorted(kpis & set(item.kpis))
    if overlap:
        score += min(len(overlap), 2)
        why.append(f"speaks to our {', '.join(overlap)}")
    score += {"A": 3, "B": 1.5, "C": 0}[item.grade]
    why.append(f"grade {item.grade}")
    if item.verification == "primary":
        score += 1
        why.append("primary source")
    if item.year >= 2022:
        score += 1
        why.append(f"recent ({item.year})")
    geo = item.geography.lower()
    if region and any(g in geo for g in geographies(region)):
        score += 0.5
        why.append(f"geography fits ({item.geography})")
    specific = [i for i in item.fit.industries if i != "all"]
    if industry and any(industry.lower() in i.lower() for i in specific):
        score += 0.5
        why.append(f"industry fits ({industry})")
    elif specific:
        score -= 1.5  # findings tied to another industry persuade less, and can jar
        why.append(f"other industries ({', '.join(specific)})")
    return score, why


def _latest_in_series(library: tuple[EvidenceItem, ...]) -> dict[str, int]:
    latest: dict[str, int] = {}
    for item in library:
        if item.series:
            latest[item.series] = max(latest.get(item.series, 0), item.year)
    return latest


def select_evidence(
    library: tuple[EvidenceItem, ...],
    blocker: str,
    kpis: set[str],
    region: str | None,
    industry: str | None,
    count: int,
    exclude: frozenset[str] = frozenset(),
) -> list[Pick]:
    """The `count` best items for this blocker (one claim each, no item twice), best first."""
    ranked = []
    latest = _latest_in_series(library)
    for item in library:
        if item.id in exclude:
            continue
        score, why = _score(item, blocker, kpis, region, industry)
        if item.series and item.year < latest[item.series]:
            score -= 2
            why.append("superseded by a later edition")
        ranked.append((-score, item.id, Pick(item, item.claims[0], score, tuple(why))))
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [pick for _, _, pick in ranked[:count]]


def _want_bonus(item: EvidenceItem, want) -> tuple[float, list[str]]:
    score, why = 0.0, []
    if item.id in want.prefer:
        score += 20 - want.prefer.index(item.id)
        why.append("the storyline asks for it")
    if want.kinds and item.kind not in want.kinds:
        score -= 6
    elif want.kinds:
        why.append(f"a {item.kind}, as this slot wants")
    if want.grades and item.grade not in want.grades:
        score -= 6
    if want.chart and item.chart:
        score += 3
        why.append("has data for a comparison chart")
    return score, why


def select_for_slots(
    library: tuple[EvidenceItem, ...],
    blocker: str,
    wants: list,
    kpis: set[str],
    region: str | None,
    industry: str | None,
    exclude: frozenset[str] = frozenset(),
) -> list[Pick]:
    """One pick per evidence slot, in slot order, never the same item twice.

    A slot's `want` (see load/storyline.py) adds preferred ids, kinds, grades or a chart to the
    general ranking; a slot without one takes the best remaining item for the deck's blocker.
    """
    used = set(exclude)
    latest = _latest_in_series(library)
    picks: list[Pick] = []
    for want in wants:
        target = (want.blocker if want and want.blocker else None) or blocker
        best = None
        for item in library:
            if item.id in used:
                continue
            score, why = _score(item, target, kpis, region, industry)
            if item.series and item.year < latest[item.series]:
                score -= 2
                why.append("superseded by a later edition")
            if want is not None:
                bonus, more = _want_bonus(item, want)
                score += bonus
                why = more + why
            key = (-score, item.id)
            if best is None or key < best[0]:
                best = (
                    key,
                    Pick(item, item.claims[0], score, tuple(why), want.purpose if want else ""),
                )
        if best is None:
            break
        picks.append(best[1])
        used.add(best[1].item.id)
    return picks
