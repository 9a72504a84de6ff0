"""Vega-Lite spec -> PNG bytes with vl-convert (the only module that imports it)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from deckgen.errors import DeckgenError

SCALE = 2  # render at twice the placement size so charts stay sharp when projected


@cache
def _converter():
    """vl-convert, with deckgen's chart faces registered: chart text is drawn with fonts that
    ship with deckgen, under names no machine has installed, so charts look alike everywhere."""
    import vl_convert as vlc

    from deckgen.textfit import chart_fonts_dir

    vlc.register_font_directory(str(chart_fonts_dir()))
    return vlc


def render_png(spec: dict[str, Any]) -> bytes:
    vlc = _converter()
    try:
        return vlc.vegalite_to_png(json.loads(json.dumps(spec)), scale=SCALE)
    except Exception as exc:  # vl-convert raises plain ValueErrors for spec problems
        raise DeckgenError(f"could not render a chart: {exc}") from None
