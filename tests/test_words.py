"""Wording helpers: counts agree with their nouns, possessives read as a person writes them."""

from __future__ import annotations

import pytest

from deckgen.words import all_of, first_name, join_lines, noun, plural, possessive


@pytest.mark.parametrize(
    ("count", "word", "text"),
    [
        (1, "error", "1 error"),
        (0, "error", "0 errors"),
        (2, "chart", "2 charts"),
        (1, "check error", "1 check error"),
        (3, "company", "3 companies"),
        (2, "person", "2 people"),
        (1.5, "day", "1.5 days"),
        (1200, "leaver", "1,200 leavers"),
    ],
)
def test_plural(count, word, text):
    assert plural(count, word) == text


def test_plural_keeps_a_count_already_formatted():
    assert plural(1, "leaver", shown="1") == "1 leaver"
    assert plural(1234, "leaver", shown="1.234") == "1.234 leavers"


def test_verbs_agree():
    assert noun(1, "has", "have") == "has" and noun(3, "has", "have") == "have"
    assert noun(1, "exists", "exist") == "exists"


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "The one measure"),
        (2, "Both measures"),
        (3, "All three measures"),
        (12, "All 12 measures"),
    ],
)
def test_all_of(count, text):
    assert all_of(count, "measure") == text


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Meridian Health Partners", "Meridian Health Partners'"),
        ("Northwind Logistics", "Northwind Logistics'"),
        ("Acme", "Acme's"),
        ("NHS", "NHS's"),
        ("Priya", "Priya's"),
    ],
)
def test_possessive(name, text):
    assert possessive(name) == text


def test_join_lines_drops_empty_lines_and_keeps_breaks():
    assert join_lines("Proof: see above.\n   \nLikely follow-up: cost.  ") == (
        "Proof: see above.\nLikely follow-up: cost."
    )


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Jordan Ellis", "Jordan"),
        ("Dr Ruth Okoye", "Ruth"),
        ("Prof. Anna Berg", "Anna"),
        ("Dr Okoye", "Dr Okoye"),
        ("Cher", "Cher"),
        ("=HYPERLINK(1)", "=HYPERLINK(1)"),
    ],
)
def test_first_name_skips_titles(name, first):
    assert first_name(name) == first
