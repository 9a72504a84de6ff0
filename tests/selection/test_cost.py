"""The published cost for a comparable population (an evidence-only deck's BIG NUMBER): an item
arguing a hidden cost or the cost of turnover, with a claim in money, that fits the country."""

from __future__ import annotations

import pytest

from deckgen.library import load_library
from deckgen.select.cost import published_cost
from deckgen.select.fit import Audience
from tests.conftest import ROOT

LIBRARY = load_library(ROOT / "evidence")


@pytest.mark.parametrize(
    ("country", "region", "item", "claim"),
    [
        ("GB", "uk", "deloitte-uk-mental-health-2024", "annual-cost"),  # not its old editions
        ("US", "north-america", "shrm-cost-per-hire", "cost-per-hire"),
        ("NZ", "asia-pacific", "southern-cross-businessnz-wellness-2025", "absence-cost"),
    ],
)
def test_the_country_own_published_cost(country, region, item, claim):
    pick, gap = published_cost(LIBRARY, "too-expensive", Audience(country, region, None, None))
    assert gap is None and pick is not None
    assert (pick.item.id, pick.claim.id) == (item, claim)


def test_none_for_a_country_the_library_has_no_cost_for():
    pick, gap = published_cost(LIBRARY, "too-expensive", Audience("SE", "europe", None, None))
    assert pick is None
    assert gap.purpose == "the published cost of doing nothing"
    assert gap.excluded.rule == "own-population"  # a national cost model of another country


def test_none_without_a_country():
    pick, gap = published_cost(LIBRARY, "too-expensive", Audience(None, None, None, None))
    assert pick is None and gap is not None


def test_an_item_already_in_the_deck_is_not_used_twice():
    pick, _ = published_cost(
        LIBRARY,
        "too-expensive",
        Audience("GB", "uk", None, None),
        frozenset({"deloitte-uk-mental-health-2024"}),
    )
    assert pick is None or pick.item.id != "deloitte-uk-mental-health-2024"
