"""Where an organisation works: country codes and names, industries from free text, settings."""

from __future__ import annotations

import pytest

from deckgen.load.places import resolve_country, resolve_industry, setting_of


@pytest.mark.parametrize(
    ("text", "code", "region"),
    [
        ("GB", "GB", "uk"),
        ("gbr", "GB", "uk"),
        ("United Kingdom", "GB", "uk"),
        ("UK", "GB", "uk"),
        ("se", "SE", "europe"),
        ("Germany", "DE", "europe"),
        ("US", "US", "north-america"),
        ("Canada", "CA", "north-america"),
        ("AU", "AU", "asia-pacific"),
        ("Brazil", "BR", "latin-america"),
    ],
)
def test_countries(text, code, region):
    country = resolve_country(text)
    assert (country.code, country.region) == (code, region)


def test_nordic_countries_are_marked():
    assert all(resolve_country(c).nordic for c in ("SE", "NO", "DK", "FI", "IS"))
    assert not resolve_country("DE").nordic


def test_an_unknown_country_suggests_one():
    with pytest.raises(ValueError) as err:
        resolve_country("Germny")
    assert str(err.value) == (
        "expected an ISO 3166 country code like GB, SE or US, got 'Germny'; did you mean 'DE' "
        "(Germany)?"
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("logistics", "logistics"),
        ("Logistics and warehousing", "logistics"),
        ("NHS foundation trust", "healthcare"),
        ("a care home operator", "social-care"),
        ("B2B software", "technology"),
        ("US federal agency", "public-sector"),
        ("Pharmaceutical manufacturing", "manufacturing"),
        ("Financial services", "financial-services"),
    ],
)
def test_free_text_industries_map_when_unambiguous(text, slug):
    assert resolve_industry(text) == slug


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("services", "unknown industry 'services'; did you mean 'financial-services'?"),
        (
            "a bank's software arm",
            "'a bank's software arm' could be financial-services or technology",
        ),
    ],
)
def test_unknown_or_ambiguous_industries_are_asked_about(text, start):
    with pytest.raises(ValueError) as err:
        resolve_industry(text)
    assert str(err.value).startswith(start)
    assert "give one of: healthcare, social-care" in str(err.value)


def test_settings():
    assert setting_of(90, None, None) == ("frontline", "workforce")
    assert setting_of(None, 31, None) == ("mixed", "workforce")
    assert setting_of(None, 80, "healthcare") == ("office", "workforce")
    assert setting_of(None, None, "healthcare") == ("frontline", "industry")
    assert setting_of(None, None, None) == (None, "")
