"""ChartPlan + theme -> a Vega-Lite spec (built with Altair). Pure: no rendering here."""

from __future__ import annotations

from typing import Any

from deckgen.load.theme import ThemeFile
from deckgen.models import ChartPanel, ChartPlan
from deckgen.textfit import chart_face

PX_PER_IN = 96


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


def _trend_panel(panel: ChartPanel, theme: ThemeFile, width: int, height: int):
    import altair as alt

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
    import altair as alt

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
    import altair as alt

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
    import altair as alt

    height = int(plan.height_in * PX_PER_IN) - (50 if plan.kind != "range" else 20)
    width = _panel_width(plan)
    build = {"trend": _trend_panel, "range": _range_panel, "comparison": _comparison_panel}
    panels = [build[plan.kind](p, theme, width, height) for p in plan.panels]
    chart = panels[0] if len(panels) == 1 else alt.hconcat(*panels, spacing=24)
    spec = chart.to_dict()
    spec["config"] = _config(theme)
    return spec
