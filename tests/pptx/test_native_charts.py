"""Native charts follow the deck grammar's chart rules, read back from the built decks' chart XML
through python-pptx's public chart API: the highlighted mark in the accent colour and the rest
grey, labels on the marks and no legend, bar value axes from zero, cost ranges as two series."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_LINE

from deckgen.load.theme import load_theme
from deckgen.models import ChartItem, ChartPanel, ChartPlan
from deckgen.pptx.internals import element_of, qn
from deckgen.pptx.native import add_native_chart
from tests.conftest import NORTHWIND, ROOT, run

CLEAN = load_theme("clean").spec.colors
BARS = (XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.BAR_CLUSTERED)


def rgb(value: str) -> RGBColor:
    return RGBColor.from_string(value)


def charts_of(path) -> list[tuple[int, object]]:
    """(slide number, graphic frame) of every native chart in the deck."""
    return [
        (n, shape)
        for n, slide in enumerate(Presentation(str(path)).slides, 1)
        for shape in slide.shapes
        if shape.has_chart
    ]


def all_charts(decks) -> list[tuple[str, int, object]]:
    found = [(p.name, n, f) for p in sorted(decks.glob("*.pptx")) for n, f in charts_of(p)]
    assert found, "the Northwind decks should have native charts by default"
    return found


def fill_of(fmt) -> RGBColor:
    return fmt.fill.fore_color.rgb


def label_text(point) -> str:
    label = point.data_label
    return label.text_frame.text if label.has_text_frame else ""


# The default build ---------------------------------------------------------------------------


def test_bundled_themes_default_to_native_charts():
    assert load_theme("clean").spec.charts == "native"
    assert load_theme("boardroom").spec.charts == "native"


def test_default_build_draws_native_charts_not_pictures(northwind_decks):
    kinds = {f.chart.chart_type for _, _, f in all_charts(northwind_decks)}
    assert kinds == {
        XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.BAR_CLUSTERED
    }  # fmt: skip
    for path in northwind_decks.glob("*.pptx"):
        for slide in Presentation(str(path)).slides:
            assert not [s for s in slide.shapes if s.shape_type == 13 and s.name == "Chart"]


def test_every_native_chart_has_alt_text_labels_and_no_legend(northwind_decks):
    for deck, n, frame in all_charts(northwind_decks):
        descr = element_of(frame).find(".//" + qn("p:cNvPr")).get("descr", "")
        assert len(descr) > 20, (deck, n)
        chart = frame.chart
        assert not chart.has_legend, (deck, n)
        assert not chart.value_axis.has_major_gridlines
        first = chart.plots[0].series[0]
        labels = [label_text(p) for p in list(first.points)[: len(first.values)]]
        assert all(labels), (deck, n, labels)
        assert all(any(ch.isdigit() for ch in text) for text in labels), labels


def test_bar_value_axes_start_at_zero(northwind_decks):
    bars = [(d, n, f) for d, n, f in all_charts(northwind_decks) if f.chart.chart_type in BARS]
    assert bars
    for deck, n, frame in bars:
        axis = frame.chart.value_axis
        assert axis.minimum_scale == 0, (deck, n)
        top = max(v for s in frame.chart.plots[0].series for v in s.values)
        assert axis.maximum_scale >= top


def test_comparison_bars_accent_the_highlighted_one_and_grey_the_rest(northwind_decks):
    columns = [
        f for _, _, f in all_charts(northwind_decks)
        if f.chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    ]  # fmt: skip
    assert columns
    for frame in columns:
        (series,) = frame.chart.plots[0].series  # one series: labelled bars, no legend
        colours = [fill_of(series.points[i].format) for i in range(len(series.values))]
        # The evidence chart: what staff report (the right bar) is the point of the slide.
        assert colours == [rgb(CLEAN.muted), rgb(CLEAN.accent)]


def test_cost_range_is_a_low_high_bar_labelled_with_both_ends(northwind_decks):
    ranges = [
        f for _, _, f in all_charts(northwind_decks)
        if f.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    ]  # fmt: skip
    assert ranges
    for frame in ranges:
        plot = frame.chart.plots[0]
        assert [s.name for s in plot.series] == ["High", "Low"]
        assert plot.overlap == 100  # the low bar lies over the high one
        high, low = plot.series
        assert all(lo < hi for lo, hi in zip(low.values, high.values, strict=True))
        assert fill_of(low.format) == rgb(CLEAN.background)  # invisible: the range floats
        categories = list(plot.categories)
        assert categories[-1] == "Total"
        for i, name in enumerate(categories):
            colour = fill_of(high.points[i].format)
            assert colour == rgb(CLEAN.accent if name == "Total" else CLEAN.muted), name
            text = label_text(high.points[i])
            assert " to " in text and text.count("EUR") == 2, text


def test_trend_lines_are_in_the_accent_colour(northwind_decks):
    lines = [
        f for _, _, f in all_charts(northwind_decks)
        if f.chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    ]  # fmt: skip
    assert lines
    for frame in lines:
        series = frame.chart.plots[0].series[0]
        assert series.format.line.color.rgb == rgb(CLEAN.accent)
        assert frame.chart.has_title and frame.chart.chart_title.text_frame.text == series.name


def test_boardroom_uses_its_own_accent_and_grey(tmp_path):
    out = tmp_path / "out"
    result = run(
        "build", str(NORTHWIND), "-o", str(out), "--exec", "Priya Shah", "--theme", "boardroom",
        "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    colors = load_theme("boardroom").spec.colors
    frames = [f for _, f in charts_of(out / "priya-shah.pptx")]
    column = next(f for f in frames if f.chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED)
    series = column.chart.plots[0].series[0]
    assert [fill_of(series.points[i].format) for i in range(2)] == [
        rgb(colors.muted), rgb(colors.accent)
    ]  # fmt: skip


def test_charts_image_still_draws_pictures(tmp_path):
    out = tmp_path / "out"
    result = run(
        "build", str(NORTHWIND), "-o", str(out), "--exec", "Priya Shah", "--charts", "image",
        "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert not charts_of(out / "priya-shah.pptx")
    slides = Presentation(str(out / "priya-shah.pptx")).slides
    assert [s for slide in slides for s in slide.shapes if s.shape_type == 13 and s.name == "Chart"]


# Plans the example does not produce -----------------------------------------------------------


def draw(plan: ChartPlan) -> list:
    theme = load_theme("clean")
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    add_native_chart(slide, plan, theme, 0, 0, prs.slide_width, prs.slide_height)
    out = io.BytesIO()
    prs.save(out)  # and read back, as a reader of the file would
    slide = Presentation(io.BytesIO(out.getvalue())).slides[-1]
    return [s for s in slide.shapes if s.has_chart]


def test_trend_benchmark_is_a_grey_dashed_line_labelled_once():
    items = tuple(ChartItem(y, v, f"{v}%") for y, v in (("2023", 15.0), ("2024", 16.4)))
    panel = ChartPanel("Voluntary attrition", items, (12.0, "UK benchmark 12%"))
    (frame,) = draw(ChartPlan("trend", (panel,), "alt", 12.0, 4.0))
    chart = frame.chart
    assert not chart.has_legend
    line, ref = chart.plots[0].series
    assert list(ref.values) == [12.0, 12.0]
    assert ref.format.line.color.rgb == rgb(CLEAN.muted)
    assert ref.format.line.dash_style == MSO_LINE.DASH
    assert [label_text(ref.points[i]) for i in range(2)] == ["", "UK benchmark 12%"]
    assert [label_text(line.points[i]) for i in range(2)] == ["15.0%", "16.4%"]
    assert chart.value_axis.minimum_scale < 12.0 < 16.4 < chart.value_axis.maximum_scale


@pytest.mark.parametrize("ours_highlighted", [True, False])
def test_comparison_without_a_highlight_accents_every_bar(ours_highlighted):
    items = (
        ChartItem("Ours", 9.8, "9.8 days", highlight=ours_highlighted),
        ChartItem("UK benchmark", 9.4, "9.4 days"),
    )
    frames = draw(ChartPlan("comparison", (ChartPanel("Sickness absence", items),), "a", 12, 3))
    series = frames[0].chart.plots[0].series[0]
    colours = [fill_of(series.points[i].format) for i in range(2)]
    expected = [CLEAN.accent, CLEAN.muted] if ours_highlighted else [CLEAN.accent] * 2
    assert colours == [rgb(c) for c in expected]
    # 9.8 against 9.4 days: from zero, the bars differ by 4%, not 2.5 times.
    assert frames[0].chart.value_axis.minimum_scale == 0


def test_side_by_side_panels_each_get_a_chart_with_the_alt_text():
    panels = tuple(
        ChartPanel(name, (ChartItem("Ours", 2.0, "2", True), ChartItem("Peers", 1.0, "1")))
        for name in ("A", "B", "C")
    )
    frames = draw(ChartPlan("comparison", panels, "Bar charts: A, B, C.", 12, 3))
    assert [f.name for f in frames] == ["Chart 1", "Chart 2", "Chart 3"]
    for frame in frames:
        assert element_of(frame).find(".//" + qn("p:cNvPr")).get("descr") == "Bar charts: A, B, C."
