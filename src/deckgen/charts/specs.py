"""ChartPlan + theme -> a Vega-Lite spec, written as plain dicts. Pure: no rendering here.

The dicts are what Altair's `to_dict()` gave for the same charts, key for key and in the same
order (tests/charts/test_specs.py holds them to it where Altair is installed), so the PNGs are
byte for byte those of before; building them costs microseconds instead of Altair's import and
schema validation (~0.4 s on a cold deck)."""

from __future__ import annotations

from typing import Any

from deckgen.load.theme import ThemeFile
from deckgen.models import ChartPanel, ChartPlan
from deckgen.textfit import chart_face

PX_PER_IN = 96
# The Vega-Lite version the specs are written for (Altair 6's, which they were made with).
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"


def _hex(value: str) -> str:
    return f"#{value}"


def _config(theme: ThemeFile) -> dict[str, Any]:
    c = theme.colors
    return {
        # The bundled face first (same everywhere); the theme's list only for missing glyphs.
        "font": f"{chart_face(theme.fonts.body)}, {theme.fonts.fallback}",
        "background": _hex(c.background),
        "view": {"stroke": None},
        "padding": 8,
        "axis": {
            "labelColor": _hex(c.muted),
            "labelFontSize": 21,
            "titleColor": _hex(c.muted),
            "domainColor": _hex(c.muted),
            "tickColor": _hex(c.muted),
            "grid": False,
            "labelAngle": 0,
        },
        "title": {"color": _hex(c.text), "fontSize": 21, "anchor": "start", "fontWeight": "bold"},
        "text": {"color": _hex(c.text), "fontSize": 21},
    }


def _panel_width(plan: ChartPlan) -> int:
    gap = 24 * (len(plan.panels) - 1)
    return int((plan.width_in * PX_PER_IN - gap - 20) / max(len(plan.panels), 1))


# --- the spec's parts, in Altair's key order: a mark's type first, then its properties; a
# field's and an encoding's keys sorted --------------------------------------------------------


def _mark(kind: str, **props: Any) -> dict[str, Any]:
    return {"type": kind, **dict(sorted(props.items()))}


def _field(field: str, kind: str, **props: Any) -> dict[str, Any]:
    return dict(sorted({"field": field, "type": kind, **props}.items()))


def _layer(mark: dict, encoding: dict, data: dict | None = None) -> dict[str, Any]:
    body = {"mark": mark, "encoding": dict(sorted(encoding.items()))}
    return body if data is None else {"data": data, **body}


def _layered(layers: list[dict], data: dict | None, **props: Any) -> dict[str, Any]:
    """A layer chart; `data` shared by every layer sits on the chart (Altair hoists it)."""
    return {"layer": layers, **({"data": data} if data else {}), **dict(sorted(props.items()))}


def _values(rows: list[dict]) -> dict[str, Any]:
    return {"values": rows}


def _trend_panel(panel: ChartPanel, theme: ThemeFile, width: int, height: int):
    c = theme.colors
    rows = [{"x": i.x, "value": i.value, "label": i.label} for i in panel.items]
    values = [i.value for i in panel.items] + ([panel.benchmark[0]] if panel.benchmark else [])
    # Lines need no zero baseline; pad so labels above the top point and below the bottom fit.
    low, high = min(values), max(values)
    pad = (high - low) * 0.35 or abs(high) * 0.2 or 1
    y = _field(
        "value", "quantitative", axis=None, scale={"domain": [low - pad, high + pad], "zero": False}
    )
    x = _field("x", "ordinal", title=None)
    text = _field("label", "nominal")
    base = [
        (_mark("line", color=_hex(c.accent), strokeWidth=4), {"x": x, "y": y}),
        (_mark("point", filled=True, size=90, color=_hex(c.accent)), {"x": x, "y": y}),
        (_mark("text", dy=-16, fontWeight="bold"), {"x": x, "y": y, "text": text}),
    ]
    if not panel.benchmark:
        layers = [_layer(m, e) for m, e in base]
        return _layered(layers, _values(rows), width=width, height=height, title=panel.title)
    ref = _values([{"value": panel.benchmark[0], "label": panel.benchmark[1]}])
    layers = [_layer(m, e, _values(rows)) for m, e in base]
    dash = _mark("rule", color=_hex(c.muted), strokeDash=[6, 4], strokeWidth=2)
    layers.append(_layer(dash, {"y": y}, ref))
    note = _mark("text", align="right", dy=18, color=_hex(c.muted), fontSize=16)
    layers.append(_layer(note, {"y": y, "text": text, "x": {"value": width}}, ref))
    return _layered(layers, None, width=width, height=height, title=panel.title)


def _range_panel(panel: ChartPanel, theme: ThemeFile, width: int, height: int):
    c = theme.colors
    rows = [
        {
            "x": i.x,
            "low": i.low,
            "high": i.high,
            "label": i.label,
            "color": _hex(c.accent if accent else c.muted),
        }
        for i, accent in zip(panel.items, panel.accented(), strict=True)
    ]
    top = max(i.high or i.value for i in panel.items) * 1.45
    y = _field("x", "nominal", title=None, sort=None, axis={"labelFontSize": 19, "labelLimit": 300})
    bars = _layer(
        _mark("bar", height=30, cornerRadius=3),
        {
            "y": y,
            "x": _field("low", "quantitative", axis=None, scale={"domain": [0, top]}),
            "x2": {"field": "high"},
            "color": _field("color", "nominal", scale=None),
        },
    )
    labels = _layer(
        _mark("text", align="left", dx=8, fontWeight="bold"),
        {
            "y": y,
            "x": _field("high", "quantitative", scale={"domain": [0, top]}, axis=None),
            "text": _field("label", "nominal"),
        },
    )
    return _layered([bars, labels], _values(rows), width=width, height=height)


def _comparison_panel(panel: ChartPanel, theme: ThemeFile, width: int, height: int):
    c = theme.colors
    rows = [
        {
            "x": i.x,
            "value": i.value,
            "label": i.label,
            "color": _hex(c.accent if accent else c.muted),
        }
        for i, accent in zip(panel.items, panel.accented(), strict=True)
    ]
    top = max(i.value for i in panel.items) * 1.2 or 1
    axis = {"labelExpr": "split(datum.label, '|')", "labelFontSize": 17, "labelLimit": 260}
    x = _field("x", "nominal", title=None, sort=None, axis=axis)
    y = _field("value", "quantitative", axis=None, scale={"domain": [0, top]})
    bars = _layer(
        _mark("bar", cornerRadiusTopLeft=3, cornerRadiusTopRight=3, size=70),
        {"x": x, "y": y, "color": _field("color", "nominal", scale=None)},
    )
    labels = _layer(
        _mark("text", dy=-16, fontWeight="bold", fontSize=24),
        {"x": x, "y": y, "text": _field("label", "nominal")},
    )
    return _layered([bars, labels], _values(rows), width=width, height=height, title=panel.title)


def chart_spec(plan: ChartPlan, theme: ThemeFile) -> dict[str, Any]:
    height = int(plan.height_in * PX_PER_IN) - (50 if plan.kind != "range" else 20)
    width = _panel_width(plan)
    build = {"trend": _trend_panel, "range": _range_panel, "comparison": _comparison_panel}
    panels = [build[plan.kind](p, theme, width, height) for p in plan.panels]
    chart = panels[0] if len(panels) == 1 else {"hconcat": panels, "spacing": 24}
    return {"config": _config(theme), **chart, "$schema": SCHEMA}
