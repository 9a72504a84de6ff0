"""The region table: names, benchmark order and fitting geographies, and regions it does not list."""

from __future__ import annotations

from deckgen.regions import BENCHMARK_NAMES, REGION_NAMES, benchmark_regions, geographies


def test_listed_regions():
    assert REGION_NAMES["north-america"] == "the US and Canada"
    assert BENCHMARK_NAMES["north-america"] == "US and Canadian"
    assert benchmark_regions("uk") == ("uk", "europe", "global")
    assert "great britain" in geographies("uk")


def test_no_region_compares_with_global_benchmarks():
    assert benchmark_regions(None) == ("global",)


def test_a_region_the_table_does_not_list_compares_with_its_own_then_global():
    assert benchmark_regions("middle-east") == ("middle-east", "global")
    assert geographies("middle-east") == ("middle-east",)
    assert "middle-east" not in REGION_NAMES
