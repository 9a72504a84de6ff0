"""How a KPI moved over the organisation's history: change, per year, better or worse."""

from __future__ import annotations

from deckgen.figures.model import Trend
from deckgen.kpis import CATALOG
from deckgen.models import HistoryPoint


def trend(name: str, points: list[HistoryPoint]) -> Trend | None:
    if len(points) < 2:
        return None
    first, last = points[0], points[-1]
    change = last.value - first.value
    span = last.ends - first.ends  # periods are read as time when loaded (2024-25, Q3 2024 ...)
    years = span if span > 0 else None
    spec = CATALOG[name]
    if abs(change) < 1e-9 or spec.direction == "neutral":
        direction = "flat" if abs(change) < 1e-9 else "changing"
    else:
        worse = change > 0 if spec.direction == "lower-is-better" else change < 0
        direction = "worsening" if worse else "improving"
    return Trend(name, first, last, change, change / years if years else None, direction)
