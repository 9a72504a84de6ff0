"""Charts: plain ChartPlans become themed Vega-Lite specs (specs.py) and PNG bytes (render.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from deckgen.load.theme import ThemeFile
    from deckgen.models import DeckPlan


def chart_images(plan: DeckPlan, theme: ThemeFile) -> dict[int, bytes]:
    """PNG bytes for every slide that has a chart, keyed by slide index."""
    from deckgen.charts.render import render_png
    from deckgen.charts.specs import chart_spec

    return {
        i: render_png(chart_spec(s.chart, theme))
        for i, s in enumerate(plan.slides)
        if s.chart is not None
    }
