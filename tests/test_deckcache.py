"""A deck built before (the same plan, pictures, manifest, theme and date) comes from the signed
cache instead of being written and checked again; anything planted, altered or different is a
miss, and a hit gives the same bytes."""

from __future__ import annotations

from datetime import date

import pytest

from deckgen.cachefiles import store
from deckgen.check import Finding
from deckgen.deckcache import DeckCache
from deckgen.models import Classification, DeckPlan, Executive, SlidePlan
from deckgen.pptx.writer import DeckWriter
from tests.conftest import NORTHWIND, run


def _build(out, cache) -> bytes:
    result = run(
        "build", str(NORTHWIND), "--exec", "Priya Shah", "-o", str(out), "--force", "-q",
        "--cache-dir", str(cache),
    )  # fmt: skip
    assert result.exit_code == 0, result.output + result.stderr
    return (out / "priya-shah.pptx").read_bytes()


def test_a_deck_built_again_comes_from_the_cache_unchanged(tmp_path, monkeypatch):
    first = _build(tmp_path / "one", tmp_path / "cache")
    assert list((tmp_path / "cache" / "decks").rglob("*.marshal"))

    def no_writing(*args, **kwargs):
        raise AssertionError("written again although the cache holds the deck")

    monkeypatch.setattr(DeckWriter, "written", no_writing)
    assert _build(tmp_path / "two", tmp_path / "cache") == first
    assert (tmp_path / "two" / "priya-shah.manifest.json").read_bytes() == (
        tmp_path / "one" / "priya-shah.manifest.json"
    ).read_bytes()


def test_an_altered_entry_is_a_miss_and_the_deck_is_built(tmp_path):
    first = _build(tmp_path / "one", tmp_path / "cache")
    (entry,) = (tmp_path / "cache" / "decks").rglob("*.marshal")
    blob = bytearray(entry.read_bytes())
    blob[-1] ^= 1
    entry.write_bytes(bytes(blob))
    assert _build(tmp_path / "two", tmp_path / "cache") == first


def _plan() -> DeckPlan:
    who = Executive("Ann Lee", "CFO", None, "no-roi", "ann-lee", "audience.yaml executives[0]")
    slides = [SlidePlan("title", "title", "Why now"), SlidePlan("cost", "big_number", "Cost")]
    return DeckPlan(
        who,
        Classification("no-roi", 1.0, "given"),
        "Deck",
        "Us",
        date(2026, 12, 1),
        slides,
        "clean",
    )


def test_keys_differ_with_the_plan_the_pictures_and_the_build(tmp_path):
    plan = _plan()
    cache = DeckCache(tmp_path, b"build one")
    key = cache.key(plan, {}, b"{}")
    assert key == DeckCache(tmp_path, b"build one").key(plan, {}, b"{}")
    plan.slides[0].title += "!"
    assert cache.key(plan, {}, b"{}") != key
    assert cache.key(plan, {0: b"png"}, b"{}") != cache.key(plan, {}, b"{}")
    assert DeckCache(tmp_path, b"build two").key(plan, {}, b"{}") != cache.key(plan, {}, b"{}")


def test_findings_round_trip_and_a_non_deck_is_a_miss(tmp_path):
    cache = DeckCache(tmp_path, b"build")
    found = [Finding("SL-15", "error", 3, "Title 1", "text needs 80pt")]
    cache.put("ab" * 20, b"PK\x03\x04deck", found)
    assert cache.get("ab" * 20) == (b"PK\x03\x04deck", found)
    store(tmp_path / "decks", "decks").put("cd" * 20, b"not marshal")
    assert cache.get("cd" * 20) is None
    assert DeckCache(None, b"build").get("ab" * 20) is None


@pytest.mark.parametrize("cap", [1, 10**9])
def test_trim_keeps_the_folder_under_its_cap(tmp_path, cap):
    cache = DeckCache(tmp_path, b"build")
    for i in range(3):
        cache.put(f"{i:02x}" * 20, b"PK" + bytes(1000), [])
    cache.trim(cap)
    left = len(list((tmp_path / "decks").rglob("*.marshal")))
    assert left == (0 if cap == 1 else 3)
