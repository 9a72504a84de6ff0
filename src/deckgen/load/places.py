"""Where and in what an organisation works: its country (ISO 3166), the region evidence is matched
by, its industry from deckgen's vocabulary, and where its people work (frontline, mixed, office).
Read from data/countries.yaml and data/industries.yaml."""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Literal

from msgspec import Struct
from pydantic import Field

from deckgen.load.datafiles import read_data
from deckgen.load.schema import Strict

Region = Literal[
    "north-america", "uk", "europe", "latin-america", "asia-pacific", "middle-east-africa", "global"
]
REGIONS: tuple[str, ...] = Region.__args__
Setting = Literal["frontline", "mixed", "office"]


class _CountryEntry(Strict):
    name: str
    alpha3: str = Field(pattern=r"^[A-Z]{3}$")
    region: Region
    nordic: bool = False


class _CountryFile(Strict):
    countries: dict[str, _CountryEntry]
    aliases: dict[str, str] = Field(default_factory=dict)


class _IndustryEntry(Strict):
    name: str
    setting: Setting
    aliases: list[str] = Field(default_factory=list)
    related: list[str] = Field(
        default_factory=list,
        description="Industries whose evidence transfers best here (ranked after our own).",
    )


class _IndustryFile(Strict):
    industries: dict[str, _IndustryEntry]


class Country(Struct, frozen=True):
    code: str  # ISO 3166-1 alpha-2
    name: str
    region: str
    nordic: bool = False


@cache
def countries() -> dict[str, Country]:
    data = read_data("countries", _CountryFile)
    return {c: Country(c, e.name, e.region, e.nordic) for c, e in data.countries.items()}


def in_region(region: str | None, country: str | None, org_region: str | None) -> bool:
    """An organisation (its country, its region) is in `region`: its own region, or a group of
    countries it belongs to (a Nordic figure covers a Swedish organisation)."""
    if region is None:
        return False
    if region == "nordics":
        return bool(country) and countries()[country].nordic
    return region == org_region


@cache
def _country_names() -> dict[str, str]:
    """Every way of naming a country deckgen accepts, lower case -> its code."""
    data = read_data("countries", _CountryFile)
    names = {}
    for code, entry in data.countries.items():
        names[code.lower()] = code
        names[entry.alpha3.lower()] = code
        names[entry.name.lower()] = code
    names |= {alias.lower(): code for alias, code in data.aliases.items()}
    return names


def resolve_country(text: str) -> Country:
    """A country from its ISO code (GB, GBR), its name or a common alias (UK); ValueError with a
    'did you mean' otherwise."""
    names = _country_names()
    code = names.get(text.strip().lower())
    if code is None:
        hint = difflib.get_close_matches(text.strip().lower(), list(names), n=1, cutoff=0.7)
        tail = (
            f"; did you mean '{countries()[names[hint[0]]].code}' ({countries()[names[hint[0]]].name})?"
            if hint
            else ""
        )
        raise ValueError(f"expected an ISO 3166 country code like GB, SE or US, got '{text}'{tail}")
    return countries()[code]


@cache
def industries() -> dict[str, _IndustryEntry]:
    return dict(read_data("industries", _IndustryFile).industries)


def resolve_industry(text: str) -> str:
    """An industry slug from a slug, a name or free text whose words name one industry only
    ("NHS foundation trust" -> healthcare); ValueError naming the choices otherwise."""
    table = industries()
    key = text.strip().lower()
    for slug, entry in table.items():
        if key in (slug, entry.name.lower()):
            return slug
    found: list[tuple[int, int, str]] = []  # (start, end, slug) of every alias in the text
    for slug, entry in table.items():
        for alias in (slug.replace("-", " "), entry.name.lower(), *entry.aliases):
            for m in re.finditer(rf"(?<![a-z]){re.escape(alias.lower())}(?![a-z])", key):
                found.append((m.start(), m.end(), slug))
    # A match inside a longer one ('agency' in 'public agency') is the longer one's.
    kept = {
        slug
        for start, end, slug in found
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in found)
    }
    if len(kept) == 1:
        return kept.pop()
    choices = ", ".join(table)
    if kept:
        named = " or ".join(sorted(kept))
        raise ValueError(f"'{text}' could be {named}; give one of: {choices}")
    hint = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
    tail = f"; did you mean '{hint[0]}'?" if hint else ""
    raise ValueError(f"unknown industry '{text}'{tail}; give one of: {choices}")


def industry_setting(slug: str | None) -> str | None:
    return industries()[slug].setting if slug in industries() else None


FRONTLINE_BELOW = 15  # percent remote-eligible under which a workforce is frontline
OFFICE_FROM = 60  # percent remote-eligible from which it is office-based


def setting_of(
    on_site: float | None, remote_eligible: float | None, industry: str | None
) -> tuple[str | None, str]:
    """(frontline | mixed | office, where that came from): the shares the organisation gave,
    else its industry's usual setting, else unknown."""
    if remote_eligible is None and on_site is not None:
        remote_eligible = 100 - on_site
    if remote_eligible is not None:
        if remote_eligible < FRONTLINE_BELOW:
            return "frontline", "workforce"
        return ("office" if remote_eligible >= OFFICE_FROM else "mixed"), "workforce"
    setting = industry_setting(industry)
    return (setting, "industry") if setting else (None, "")
