"""The chart specs as deckgen built them with Altair before charts/specs.py wrote the dicts
itself: the reference those dicts are held to, key for key and in order (test_specs.py)."""

from __future__ import annotations

from typing import Any

import altair as alt

from deckgen.charts.specs import PX_PER_IN, _config, _hex, _panel_width
from deckgen.load.theme import ThemeFile
from deckgen.models import ChartPanel, ChartPlan


def _trend_panel(panel: ChartPanel, theme: ThemeFile, width: int, height: int):
    c = theme.colors
    rows = [{"x": i.x, "value": i.value, "label": i.label} for i in panel.items]
    values = [i.value for i in panel.items] + ([panel.benchmark[0]] if panel.benchmark else [])
    # Lines need no zero baseline; pad so labels above the top point and below the bottom fit.
    low, high = min(values), max(values)
    pad = (high - low) * 0.35 or abs(high) * 0.2 or 1
    y = alt.Y("value:Q", axis=None, scale=alt.Scale(domain=[low - pad, high + pad], zero=False))
    base = alt.Chart(alt.Data(values=rows)).encode(x=alt.X("x:O", title=None), y=y)
    layers = [
        base.mark_line(color=_hex(c.accent), strokeWidth=4),
        base.mark_point(filled=True, size=90, color=_hex(c.accent)),
        base.mark_text(dy=-16, fontWeight="bold").encode(text="label:N"),
    ]
    if panel.benchmark:
        ref = alt.Chart(
            alt.Data(values=[{"value": panel.benchmark[0], "label": panel.benchmark[1]}])
        )
        layers.append(
            ref.mark_rule(color=_hex(c.muted), strokeDash=[6, 4], strokeWidth=2).encode(y=y)
        )
        layers.append(
            ref.mark_text(align="right", dy=18, color=_hex(c.muted), fontSize=16).encode(
                y=y, text="label:N", x=alt.value(width)
            )
        )
    return alt.layer(*layers).properties(width=width, height=height, title=panel.title)


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
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("x:N", title=None, sort=None, axis=alt.Axis(labelLimit=300, labelFontSize=19))
    )
    x = alt.X("low:Q", axis=None, scale=alt.Scale(domain=[0, top]))
    bars = base.mark_bar(height=30, cornerRadius=3).encode(
        x=x, x2="high:Q", color=alt.Color("color:N", scale=None)
    )
    labels = base.mark_text(align="left", dx=8, fontWeight="bold").encode(
        x=alt.X("high:Q", scale=alt.Scale(domain=[0, top]), axis=None), text="label:N"
    )
    return alt.layer(bars, labels).properties(width=width, height=height)


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
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X(
            "x:N",
            title=None,
            sort=None,
            axis=alt.Axis(labelLimit=260, labelFontSize=17, labelExpr="split(datum.label, '|')"),
        ),
        y=alt.Y("value:Q", axis=None, scale=alt.Scale(domain=[0, top])),
    )
    bars = base.mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3, size=70).encode(
        color=alt.Color("color:N", scale=None)
    )
    labels = base.mark_text(dy=-16, fontWeight="bold", fontSize=24).encode(text="label:N")
    return alt.layer(bars, labels).properties(width=width, height=height, title=panel.title)


def chart_spec(plan: ChartPlan, theme: ThemeFile) -> dict[str, Any]:
    height = int(plan.height_in * PX_PER_IN) - (50 if plan.kind != "range" else 20)
    width = _panel_width(plan)
    build = {"trend": _trend_panel, "range": _range_panel, "comparison": _comparison_panel}
    panels = [build[plan.kind](p, theme, width, height) for p in plan.panels]
    chart = panels[0] if len(panels) == 1 else alt.hconcat(*panels, spacing=24)
    spec = chart.to_dict()
    spec["config"] = _config(theme)
    return spec
