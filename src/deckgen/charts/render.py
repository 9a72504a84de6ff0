"""Vega-Lite spec -> PNG bytes with vl-convert (the only module that imports it)."""

from __future__ import annotations

import json
from typing import Any

from deckgen.errors import DeckgenError

SCALE = 2  # render at twice the placement size so charts stay sharp when projected


def render_png(spec: dict[str, Any]) -> bytes:
    import vl_convert as vlc

    try:
        return vlc.vegalite_to_png(json.loads(json.dumps(spec)), scale=SCALE)
    except Exception as exc:  # vl-convert raises plain ValueErrors for spec problems
        raise DeckgenError(f"could not render a chart: {exc}") from None
