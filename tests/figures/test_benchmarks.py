"""Our KPIs against cited benchmarks: the nearest region, the same currency, the differences said."""

from __future__ import annotations

import pytest

from deckgen import figures as F
from tests.figures import LIB, kpi


def test_benchmark_gap_names_the_population_differences():
    gap = F.benchmark_gap(
        kpi("absence_days_per_fte", 11.2, "days"), LIB, "europe", "logistics", "EUR"
    )
    assert gap.item.id == "cipd-sickness-absence-2025"
    assert gap.gap.value == pytest.approx(1.8)
    assert gap.direction == "worse"
    assert "the benchmark covers the UK, we are in Europe" in gap.differences
    assert "the benchmark covers all sectors, we are in logistics" in gap.differences


def test_no_benchmark_in_another_currency():
    assert (
        F.benchmark_gap(kpi("cost_per_hire", 5200, "currency"), LIB, "europe", None, "EUR") is None
    )
    assert (
        F.benchmark_gap(
            kpi("cost_per_hire", 5200, "currency"), LIB, "north-america", None, "USD"
        ).benchmark.value
        == 4700
    )
