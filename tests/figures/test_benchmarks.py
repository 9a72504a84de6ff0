"""Our KPIs against cited benchmarks: the nearest region, the same currency, the differences said."""

from __future__ import annotations

import pytest

from deckgen import figures as F
from tests.figures import LIB, kpi


def test_a_benchmark_is_used_only_in_its_own_country():
    absence = kpi("absence_days_per_fte", 11.2, "days")
    gap = F.benchmark_gap(absence, LIB, F.Place("GB", "uk"), "logistics", "GBP")
    assert gap.item.id == "cipd-sickness-absence-2025"
    assert gap.gap.value == pytest.approx(1.8)
    assert gap.direction == "worse"
    assert "the benchmark covers all sectors, we are in logistics" in gap.differences
    # A UK survey is no benchmark for a European or a US organisation.
    assert F.benchmark_gap(absence, LIB, F.Place(None, "europe"), "logistics", "EUR") is None
    assert F.benchmark_gap(absence, LIB, F.Place("US", "north-america"), None, "USD") is None


def test_a_benchmark_of_another_measure_is_never_a_gap():
    internal = kpi("engagement", 29, "percent")
    assert F.benchmark_gap(internal, LIB, F.Place("DE", "europe"), None, "EUR") is None
    q12 = kpi("engagement", 29, "percent", measure="gallup-q12-engaged")
    gap = F.benchmark_gap(q12, LIB, F.Place("DE", "europe"), None, "EUR")
    assert (gap.item.id, gap.benchmark.value) == ("gallup-sogw-2024", 13)


def test_why_a_benchmark_does_not_fit_is_said():
    from deckgen.figures.benchmarks import unfit_benchmark

    item = next(i for i in LIB if i.id == "cipd-sickness-absence-2025")
    absence = kpi("absence_days_per_fte", 11.2, "days")
    why = unfit_benchmark(
        absence, item, item.claims[0], F.Place("US", "north-america"), None, "USD"
    )
    assert why == "it covers United Kingdom, we are in United States"


def test_no_benchmark_in_another_currency():
    assert (
        F.benchmark_gap(
            kpi("cost_per_hire", 5200, "currency"), LIB, F.Place(None, "europe"), None, "EUR"
        )
        is None
    )
    assert (
        F.benchmark_gap(
            kpi("cost_per_hire", 5200, "currency"), LIB, F.Place("US", "north-america"), None, "USD"
        ).benchmark.value
        == 4700
    )
