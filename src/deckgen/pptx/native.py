"""Native, editable PowerPoint charts from a ChartPlan (the default; `--charts image` draws PNGs).

Drawn to the chart rules (docs: deck grammar, CHART + TAKEAWAY): the highlighted mark in the
theme's accent colour and the rest in its muted grey; every mark labelled with the text the
manifest traces (so no legend); bar value axes from zero; the cost of inaction as real low-high
ranges. Only python-pptx's public chart API is used.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE, XL_TICK_MARK
from pptx.enum.dml import MSO_LINE
from pptx.util import Emu, Inches, Pt

from deckgen.load.theme import Theme
from deckgen.models import ChartPanel, ChartPlan
from deckgen.pptx.internals import literal_chart_data, set_alt_text

LABEL_PT = 14  # data labels and axis text: the grammar's minimum for chart text is 12 pt
TITLE_PT = 16


def _rgb(value: str) -> RGBColor:
    return RGBColor.from_string(value)


def _fill(fmt, color: str) -> None:
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = _rgb(color)
    fmt.line.fill.background()


def _label(point, text: str, theme: Theme, position, color: str | None = None) -> None:
    """A data label on one mark, with the mark's traced text (the same as the image charts)."""
    label = point.data_label
    label.has_text_frame = True
    label.text_frame.text = text
    label.text_frame.word_wrap = False  # one line: wrapped labels read as separate numbers
    label.position = position
    font = label.text_frame.paragraphs[0].runs[0].font
    font.size = Pt(LABEL_PT)
    font.bold = True
    font.color.rgb = _rgb(color or theme.spec.colors.text)


def _frame_style(chart, theme: Theme, title: str) -> None:
    colors = theme.spec.colors
    chart.has_legend = False  # every mark carries its own label
    chart.font.size = Pt(LABEL_PT)
    chart.font.color.rgb = _rgb(colors.text)
    value_axis = chart.value_axis
    value_axis.visible = False  # the labels carry the values
    value_axis.has_major_gridlines = False
    value_axis.has_minor_gridlines = False
    category = chart.category_axis
    category.has_major_gridlines = False
    category.major_tick_mark = XL_TICK_MARK.NONE
    category.minor_tick_mark = XL_TICK_MARK.NONE
    category.tick_labels.font.size = Pt(LABEL_PT)
    category.tick_labels.font.color.rgb = _rgb(colors.muted)
    category.format.line.color.rgb = _rgb(colors.muted)
    if title:
        chart.has_title = True
        chart.chart_title.text_frame.text = title
        font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
        font.size = Pt(TITLE_PT)
        font.bold = True
        font.color.rgb = _rgb(colors.text)
    else:
        chart.has_title = False


def _trend(slide, panel: ChartPanel, theme: Theme, box):
    colors = theme.spec.colors
    data = literal_chart_data()  # the workbook behind the chart holds no formulas
    data.categories = [item.x for item in panel.items]
    data.add_series(panel.title or "Value", [item.value for item in panel.items])
    if panel.benchmark:
        data.add_series(panel.benchmark[1], [panel.benchmark[0]] * len(panel.items))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *box, data)
    chart = frame.chart
    _frame_style(chart, theme, panel.title)
    series = chart.plots[0].series
    line = series[0]
    line.smooth = False
    line.format.line.color.rgb = _rgb(colors.accent)
    line.format.line.width = Pt(3)
    line.marker.style = XL_MARKER_STYLE.CIRCLE
    line.marker.size = 8
    _fill(line.marker.format, colors.accent)
    for index, item in enumerate(panel.items):
        _label(line.points[index], item.label, theme, XL_LABEL_POSITION.ABOVE)
    if panel.benchmark:
        ref = series[1]  # the reference line: grey, dashed, labelled once at its right end
        ref.smooth = False
        ref.format.line.color.rgb = _rgb(colors.muted)
        ref.format.line.width = Pt(2)
        ref.format.line.dash_style = MSO_LINE.DASH
        ref.marker.style = XL_MARKER_STYLE.NONE
        last = len(panel.items) - 1
        _label(ref.points[last], panel.benchmark[1], theme, XL_LABEL_POSITION.BELOW, colors.muted)
    # Lines need no zero baseline; pad so labels above the top point and below the bottom fit.
    values = [item.value for item in panel.items] + (
        [panel.benchmark[0]] if panel.benchmark else []
    )
    low, high = min(values), max(values)
    pad = (high - low) * 0.35 or abs(high) * 0.2 or 1
    chart.value_axis.minimum_scale = low - pad
    chart.value_axis.maximum_scale = high + pad
    return frame


def _comparison(slide, panel: ChartPanel, theme: Theme, box):
    colors = theme.spec.colors
    data = literal_chart_data()
    data.categories = [item.x for item in panel.items]
    data.add_series(panel.title or "Value", [item.value for item in panel.items])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *box, data)
    chart = frame.chart
    _frame_style(chart, theme, panel.title)
    plot = chart.plots[0]
    plot.vary_by_categories = False
    plot.gap_width = 80
    series = plot.series[0]
    _fill(series.format, colors.muted)
    for index, (item, accent) in enumerate(zip(panel.items, panel.accented(), strict=True)):
        _fill(series.points[index].format, colors.accent if accent else colors.muted)
        _label(series.points[index], item.label, theme, XL_LABEL_POSITION.OUTSIDE_END)
    top = max(item.value for item in panel.items)
    chart.value_axis.minimum_scale = 0  # bars start at zero
    chart.value_axis.maximum_scale = top * 1.2 if top > 0 else 1
    return frame


def _range(slide, panel: ChartPanel, theme: Theme, box):
    """Low-high ranges: a visible bar from zero to the high end with, drawn over it, a bar from
    zero to the low end in the slide's background colour, so what shows runs from low to high.
    Both series hold figures the manifest traces (a stacked high-minus-low segment would chart
    a number nobody can trace); each range is labelled with both ends at its high end."""
    colors = theme.spec.colors
    data = literal_chart_data()
    data.categories = [item.x for item in panel.items]
    data.add_series("High", [item.high for item in panel.items])
    data.add_series("Low", [item.low for item in panel.items])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data)
    chart = frame.chart
    _frame_style(chart, theme, panel.title)
    chart.category_axis.reverse_order = True  # the first range at the top, as listed
    chart.category_axis.format.line.fill.background()  # no baseline: the bars float
    plot = chart.plots[0]
    plot.vary_by_categories = False
    plot.overlap = 100  # the low bar lies over the high one
    plot.gap_width = 60
    high, low = plot.series
    _fill(high.format, colors.muted)
    _fill(low.format, colors.background)
    for index, (item, accent) in enumerate(zip(panel.items, panel.accented(), strict=True)):
        _fill(high.points[index].format, colors.accent if accent else colors.muted)
        _label(high.points[index], item.label, theme, XL_LABEL_POSITION.OUTSIDE_END)
    top = max(item.high or item.value for item in panel.items)
    chart.value_axis.minimum_scale = 0
    chart.value_axis.maximum_scale = top * 1.45 if top > 0 else 1  # room for the labels
    return frame


def add_native_chart(slide, plan: ChartPlan, theme: Theme, left, top, width, height) -> None:
    n = len(plan.panels)
    gap = Inches(0.25)
    each = int((width - gap * (n - 1)) / n)
    draw = {"trend": _trend, "range": _range, "comparison": _comparison}[plan.kind]
    for i, panel in enumerate(plan.panels):
        box = (Emu(left + i * (each + gap)), Emu(top), Emu(each), Emu(height))
        frame = draw(slide, panel, theme, box)
        frame.name = f"Chart {i + 1}"
        set_alt_text(frame, plan.alt_text)
