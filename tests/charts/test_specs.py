"""Image charts (`--charts image`) follow the same chart rules as native ones: the highlighted mark
in the accent colour and the rest grey, a label on every mark, bar scales from zero."""

from __future__ import annotations

from deckgen.charts.specs import chart_spec
from deckgen.load.theme import load_theme
from deckgen.models import ChartItem, ChartPanel, ChartPlan

THEME = load_theme("clean").spec
ACCENT, GREY = f"#{THEME.colors.accent}", f"#{THEME.colors.muted}"


def layers(spec: dict) -> list[dict]:
    """Every layer of every panel, with the panel's data where Altair hoisted it there."""
    panels = spec.get("hconcat", [spec])
    return [{"data": panel.get("data"), **layer} for panel in panels for layer in panel["layer"]]


def mark(layer: dict) -> str:
    m = layer["mark"]
    return m if isinstance(m, str) else m["type"]


def rows(layer: dict) -> list[dict]:
    return layer["data"]["values"]


def test_comparison_bars_from_zero_accent_for_the_highlighted_grey_for_the_rest():
    items = (ChartItem("Ours", 9.8, "9.8 days", highlight=True), ChartItem("UK", 9.4, "9.4 days"))
    spec = chart_spec(ChartPlan("comparison", (ChartPanel("Absence", items),), "a", 12, 3), THEME)
    bars = next(layer for layer in layers(spec) if mark(layer) == "bar")
    assert [r["color"] for r in rows(bars)] == [ACCENT, GREY]
    assert bars["encoding"]["y"]["scale"]["domain"][0] == 0
    text = next(layer for layer in layers(spec) if mark(layer) == "text")
    assert text["encoding"]["text"]["field"] == "label"


def test_cost_ranges_run_from_low_to_high_from_a_zero_scale():
    items = (
        ChartItem("Turnover", 15.5, "EUR 7.7m to EUR 15.5m", 7.7, 15.5),
        ChartItem("Total", 22.8, "EUR 14.2m to EUR 22.8m", 14.2, 22.8, highlight=True),
    )
    spec = chart_spec(ChartPlan("range", (ChartPanel("", items),), "a", 12, 2), THEME)
    bars = next(layer for layer in layers(spec) if mark(layer) == "bar")
    assert [r["color"] for r in rows(bars)] == [GREY, ACCENT]
    assert bars["encoding"]["x"]["field"] == "low" and bars["encoding"]["x2"]["field"] == "high"
    assert bars["encoding"]["x"]["scale"]["domain"][0] == 0


def test_trend_line_in_the_accent_colour_benchmark_grey():
    items = (ChartItem("2024", 16.4, "16.4%"), ChartItem("2025", 17.5, "17.5%"))
    panel = ChartPanel("Voluntary attrition", items, (12.0, "UK benchmark 12%"))
    spec = chart_spec(ChartPlan("trend", (panel,), "a", 12, 4), THEME)
    found = {mark(layer): layer["mark"] for layer in layers(spec)}
    assert found["line"]["color"] == ACCENT
    assert found["rule"]["color"] == GREY


def test_a_panel_with_no_highlight_is_all_accent():
    items = (ChartItem("Ours", 2.0, "2"), ChartItem("Peers", 1.0, "1"))
    spec = chart_spec(ChartPlan("comparison", (ChartPanel("", items),), "a", 6, 4), THEME)
    bars = next(layer for layer in layers(spec) if mark(layer) == "bar")
    assert [r["color"] for r in rows(bars)] == [ACCENT, ACCENT]


def _plans() -> list[ChartPlan]:
    """Every kind of chart: one to three panels, titled or not, trends with and without a
    benchmark line, ranges and comparisons with and without a highlight."""
    points = (ChartItem("2022", 9.8, "9.8"), ChartItem("2023", 10.4, "10.4%", highlight=True))
    flat = (ChartItem("2024", 0.0, "0"), ChartItem("2025", 0.0, "0"))
    spans = (
        ChartItem("Turnover", 15.5, "EUR 7.7m to EUR 15.5m", 7.7, 15.5),
        ChartItem("Total", 22.8, "EUR 14.2m to EUR 22.8m", 14.2, 22.8, highlight=True),
    )
    plans = []
    for kind, items in (("trend", points), ("trend", flat), ("comparison", points),
                        ("comparison", flat[:1]), ("range", spans), ("range", spans[:1])):  # fmt: skip
        for benchmark in (None, (9.0, "UK average 9.0")) if kind == "trend" else (None,):
            for count in (1, 2, 3):
                for title in ("", "Sickness absence"):
                    panels = tuple(ChartPanel(title, items, benchmark) for _ in range(count))
                    plans.append(ChartPlan(kind, panels, "alt", 12.3, 4.1))
    return plans


def test_specs_are_what_altair_wrote_key_for_key():
    """The PNGs stay byte for byte what they were: the spec vl-convert is given is the JSON
    Altair's to_dict() gave for the same chart, keys in the same order."""
    import json

    import pytest

    pytest.importorskip("altair")
    from tests.charts.altair_reference import chart_spec as altair_spec

    for plan in _plans():
        assert json.dumps(chart_spec(plan, THEME)) == json.dumps(altair_spec(plan, THEME)), plan
