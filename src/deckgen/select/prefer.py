"""Soft preferences among evidence that breaks no hard rule: what the slot asks for, then fit
(same industry, same country, same setting), then strength (design, grade, a primary source,
recency). Each term says why, for --explain."""

from __future__ import annotations

from deckgen.load.evidence import EvidenceItem
from deckgen.select.fit import RULE_KINDS, Audience, fits_place, near

_GRADE = {"A": 3.0, "B": 1.5, "C": 0.0}
_PLACE = {"country": 2.0, "region": 1.0, "global": 0.5}
_SAME_SETTING = {"frontline": ("frontline",), "office": ("office", "remote-capable")}


def fit_score(item: EvidenceItem, blocker: str, who: Audience) -> tuple[float, list[str]]:
    """How well `item` answers `blocker` for this audience, and why."""
    score, why = 0.0, []
    if blocker in item.blockers:
        score += 10
        why.append(f"answers {blocker}")
    overlap = sorted(who.kpis & set(item.kpis))
    if overlap:
        score += min(len(overlap), 2)
        why.append(f"speaks to our {', '.join(overlap)}")
    s, w = _industry(item, who)
    score, why = score + s, why + w
    s, w = _place(item, who)
    score, why = score + s, why + w
    if item.kind in RULE_KINDS and fits_place([item.fit.jurisdiction or "international"], who) in (
        "country",
        "region",
    ):
        score += 3  # our own law or regulator says more to a board than international guidance
        why.append(f"applies where we are ({item.fit.jurisdiction})")
    if item.fit.setting in _SAME_SETTING.get(who.setting or "", ()):
        score += 1
        why.append(f"studied people who work as ours do ({item.fit.setting})")
    score += _GRADE[item.grade]
    why.append(f"grade {item.grade}")
    if item.verification == "primary":
        score += 1
        why.append("primary source")
    if item.year >= 2022:
        score += 1
        why.append(f"recent ({item.year})")
    elif item.year >= 2018:
        score += 0.5
    if item.owner:  # said, never weighed: the same rules choose it as any other item
        why.append(item.label())
    return score, why


def _industry(item: EvidenceItem, who: Audience) -> tuple[float, list[str]]:
    specific = [i for i in item.fit.industries if i != "all"]
    if not specific:
        return 0.0, []
    if who.industry and who.industry in specific:
        bonus = 8.0 if who.same_industry_first else 3.0  # "firms our size", "our sector"
        return bonus, [f"same industry ({who.industry})"]
    if not who.industry:  # a figure that holds for one industry says little to one we don't know
        return -4.0, [f"studied in one industry ({', '.join(specific)}); ours is not known"]
    related = _related(who.industry)
    if related & set(specific):
        return 1.5, [f"a related industry ({', '.join(sorted(related & set(specific)))})"]
    # findings tied to another industry persuade less, and can jar
    return -2.0, [f"other industries ({', '.join(specific)})"]


def _related(industry: str | None) -> set[str]:
    from deckgen.load.places import industries

    entry = industries().get(industry or "")
    return set(entry.related) if entry else set()


def _place(item: EvidenceItem, who: Audience) -> tuple[float, list[str]]:
    fit = fits_place(item.fit.countries, who)
    if fit:
        return _PLACE[fit], [f"{'population' if fit == 'global' else fit} fits ({item.geography})"]
    if near(item.fit.countries, who):
        return 0.5, [f"a neighbouring country ({item.geography})"]
    if who.country or who.region:
        return -1.0, [f"from elsewhere ({item.geography})"]
    return 0.0, []


def want_score(item: EvidenceItem, want) -> tuple[float, list[str]]:
    """What the storyline slot asks for: the argument first, then kind, grade and chart data."""
    score, why = 0.0, []
    if want.argues:
        matched = [a for a in want.argues if a in item.argues]
        score += 6 - min(want.argues.index(matched[0]), 3)
        why.append(f"argues {matched[0]}, as this slot needs")
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


def argues_for(item: EvidenceItem, want) -> bool:
    """The item can make the slot's argument (any, when the slot names none)."""
    return want is None or not want.argues or any(a in item.argues for a in want.argues)
