"""Charts: plain ChartPlans become themed Vega-Lite specs (specs.py) and PNG bytes (render.py),
kept on disk by what was drawn (cache.py) so an unchanged chart is never rendered twice."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from msgspec import Struct, field

if TYPE_CHECKING:  # pragma: no cover
    from deckgen.charts.cache import ChartCache
    from deckgen.load.theme import ThemeFile
    from deckgen.models import DeckPlan


class ChartImages(Struct):
    by_slide: dict[int, bytes] = field(default_factory=dict)  # PNG bytes keyed by slide index
    rendered: int = 0
    cached: int = 0


def chart_images(plan: DeckPlan, theme: ThemeFile, cache: ChartCache | None = None) -> ChartImages:
    """PNG bytes for every slide that has a chart: from the cache when drawn before."""
    from deckgen.charts.cache import chart_key

    out = ChartImages()
    for i, slide in enumerate(plan.slides):
        if slide.chart is None:
            continue
        key = chart_key(slide.chart, theme) if cache is not None else ""
        data = cache.get(key) if cache is not None else None
        if data is not None:
            out.cached += 1
        else:
            from deckgen.charts.render import render_png
            from deckgen.charts.specs import chart_spec

            data = render_png(chart_spec(slide.chart, theme))
            out.rendered += 1
            if cache is not None:
                cache.put(key, data)
        out.by_slide[i] = data
    return out


@contextmanager
def engine_started(start: bool) -> Iterator[None]:
    """With `start`, the chart engine starts now, in a helper process (render.py), and stops at
    the end; without, charts are rendered in this process when first asked for."""
    if not start:
        yield
        return
    from deckgen.charts.render import start_helper, stop_helper

    start_helper()
    try:
        yield
    finally:
        stop_helper()
