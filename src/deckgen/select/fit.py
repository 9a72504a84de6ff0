"""Who the deck is for, as evidence is fitted to it, and the hard rules: evidence that breaks one
is never used, however strong (../shared/tailoring.md section 3). Adding a rule is adding one
function to RULES."""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct

from deckgen.load.evidence import SPONSORED, EvidenceItem

# Kinds that bind or guide only where they apply, and kinds that describe one population.
RULE_KINDS = ("law", "guideline", "standard")
EVERYWHERE = ("global", "international")
_CLINICAL_INDUSTRIES = ("healthcare", "social-care")
_SETTING_WORDS = {"frontline": "on site", "mixed": "partly on site", "office": "in offices"}


class Audience(Struct, frozen=True):
    """The organisation and executive evidence must fit."""

    country: str | None  # ISO 3166 alpha-2
    region: str | None
    industry: str | None
    setting: str | None  # frontline | mixed | office
    kpis: frozenset[str] = frozenset()
    distrusts_sponsored: bool = False
    superseded: dict[str, str] | None = None  # item id -> the later edition's id
    same_industry_first: bool = False  # the executive doubts evidence from elsewhere applies


def superseded_by(library: tuple[EvidenceItem, ...]) -> dict[str, str]:
    """Items of a series with a later edition in the library -> that edition's id."""
    latest: dict[str, EvidenceItem] = {}
    for item in library:
        if item.series and (item.series not in latest or item.year > latest[item.series].year):
            latest[item.series] = item
    return {
        item.id: latest[item.series].id
        for item in library
        if item.series and latest[item.series].year > item.year
    }


def place_of(code: str) -> str | None:
    """The region of an ISO code, or the region itself, or None for global."""
    from deckgen.load.places import countries

    known = countries()
    if code in EVERYWHERE:
        return None
    return known[code].region if code in known else code


def fits_place(places: list[str] | tuple[str, ...], who: Audience) -> str | None:
    """How well a population's places fit the organisation: 'country', 'region', 'global' or
    None (somewhere else, or the organisation's place is unknown)."""
    if any(p in EVERYWHERE for p in places):
        return "global"
    if who.country and who.country in places:
        return "country"
    from deckgen.load.places import in_region

    if any(in_region(p, who.country, who.region) for p in places):  # europe, nordics ...
        return "region"
    return None


def near(places: list[str] | tuple[str, ...], who: Audience) -> bool:
    """Another country in the organisation's region."""
    return bool(who.region) and any(place_of(p) == who.region for p in places)


Rule = Callable[[EvidenceItem, Audience], str | None]
RULES: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn

    return register


@rule("superseded")
def _superseded(item: EvidenceItem, who: Audience) -> str | None:
    later = (who.superseded or {}).get(item.id)
    return f"superseded by a later edition ({later})" if later else None


@rule("remote-work-on-site")
def _remote_on_site(item: EvidenceItem, who: Audience) -> str | None:
    if item.fit.remote_work and who.setting == "frontline":
        return "about working from home or hybrid, and our people work on site"
    return None


@rule("own-jurisdiction")
def _jurisdiction(item: EvidenceItem, who: Audience) -> str | None:
    if item.kind not in RULE_KINDS:
        return None
    where = item.fit.jurisdiction or "international"
    if where in EVERYWHERE or fits_place([where], who):
        return None
    return f"a {item.kind} for {_where_words(where)}, not where we are"


@rule("own-population")
def _population(item: EvidenceItem, who: Audience) -> str | None:
    """Benchmarks, national statistics and national cost models describe one population: used
    only for our own (a UK cost model in pounds is no evidence for a German firm)."""
    national = item.kind in ("benchmark", "modelling") or (
        item.fit.funder == "government" and item.kind == "survey"
    )
    if not national or fits_place(item.fit.countries, who):
        return None
    return f"figures for {_where_words(*item.fit.countries)}, not where we are"


@rule("sponsored")
def _sponsored(item: EvidenceItem, who: Audience) -> str | None:
    if who.distrusts_sponsored and item.fit.funder in SPONSORED:
        return f"run or paid for by a {item.fit.funder}, and the executive distrusts sponsored research"
    return None


@rule("other-setting")
def _setting(item: EvidenceItem, who: Audience) -> str | None:
    """Clinical findings outside care, office findings from one industry for on-site staff."""
    if item.fit.setting == "clinical" and who.industry not in _CLINICAL_INDUSTRIES:
        return "studied clinical staff, and we are not a care provider"
    specific = [i for i in item.fit.industries if i != "all"]
    if (
        who.setting == "frontline"
        and item.fit.setting in ("office", "remote-capable")
        and specific
        and who.industry not in specific
    ):
        return f"studied office staff in {', '.join(specific)}; our people work on site"
    return None


def broken_rule(item: EvidenceItem, who: Audience) -> tuple[str, str] | None:
    """(rule, why in words) for the first hard rule `item` breaks, or None if it may be used."""
    for name, check in RULES.items():
        why = check(item, who)
        if why:
            return name, why
    return None


def _where_words(*places: str) -> str:
    from deckgen.load.places import countries
    from deckgen.regions import REGION_NAMES

    known = countries()
    words = [known[p].name if p in known else REGION_NAMES.get(p, p) for p in places]
    return ", ".join(words[:3]) + (" ..." if len(words) > 3 else "")


def setting_words(setting: str | None) -> str:
    return _SETTING_WORDS.get(setting or "", "")
