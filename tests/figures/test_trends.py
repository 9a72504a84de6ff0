"""How a KPI moved over the organisation's history."""

from __future__ import annotations

import pytest

from deckgen import figures as F
from deckgen.models import HistoryPoint


def test_trend_per_year_and_direction():
    points = [HistoryPoint("2022", 13.1, "a", 2022.0), HistoryPoint("2025", 17.5, "b", 2025.0)]
    t = F.trend("voluntary_attrition", points)
    assert t.per_year == pytest.approx(4.4 / 3)
    assert t.direction == "worsening"
    assert F.trend("engagement", points).direction == "improving"
    assert F.trend("engagement", points[:1]) is None
