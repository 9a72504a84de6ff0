"""Native, editable PowerPoint charts from a ChartPlan (used with --charts native)."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Inches, Pt

from deckgen.load.theme import Theme
from deckgen.models import ChartPlan
from deckgen.pptx.internals import literal_chart_data, set_alt_text


def _style(chart, theme: Theme, color: str) -> None:
    colors = theme.spec.colors
    chart.has_legend = False
    chart.font.size = Pt(14)
    chart.font.color.rgb = RGBColor.from_string(colors.text)
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(14)
    labels.font.bold = True
    labels.font.color.rgb = RGBColor.from_string(colors.text)
    for series in plot.series:
        fill = series.format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(color)
        series.format.line.color.rgb = RGBColor.from_string(color)
    value_axis = chart.value_axis
    value_axis.visible = False
    value_axis.has_major_gridlines = False
    chart.category_axis.tick_labels.font.color.rgb = RGBColor.from_string(colors.muted)


def add_native_chart(slide, plan: ChartPlan, theme: Theme, left, top, width, height) -> None:
    colors = theme.spec.colors
    n = len(plan.panels)
    gap = Inches(0.25)
    each = int((width - gap * (n - 1)) / n)
    for i, panel in enumerate(plan.panels):
        data = literal_chart_data()  # the workbook behind the chart holds no formulas
        data.categories = [item.x for item in panel.items]
        if plan.kind == "range":
            # Native labels wrap badly on bars, so the range goes into the category name.
            data.categories = [f"{item.x}: {item.label}" for item in panel.items]
            # Low and high as paired bars: both values are in the manifest (a stacked
            # "range" series would chart a high-minus-low number nobody can trace).
            data.add_series("Low", [item.low for item in panel.items])
            data.add_series("High", [item.high for item in panel.items])
            kind = XL_CHART_TYPE.BAR_CLUSTERED
        elif plan.kind == "trend":
            data.add_series(panel.title, [item.value for item in panel.items])
            kind = XL_CHART_TYPE.LINE_MARKERS
        else:
            data.add_series(panel.title or "Value", [item.value for item in panel.items])
            kind = XL_CHART_TYPE.COLUMN_CLUSTERED
        frame = slide.shapes.add_chart(
            kind, Emu(left + i * (each + gap)), top, Emu(each), height, data
        )
        frame.name = f"Chart {i + 1}"
        set_alt_text(frame, plan.alt_text)
        chart = frame.chart
        _style(chart, theme, colors.accent)
        last = len(chart.plots[0].series) - 1
        for index, item in enumerate(panel.items if plan.kind != "range" else ()):
            # The same labels as the image charts, so both modes show identical, traced numbers.
            point = chart.plots[0].series[last].points[index]
            point.data_label.text_frame.text = item.label
        if panel.title:
            chart.has_title = True
            chart.chart_title.text_frame.text = panel.title
            chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(16)
        if plan.kind == "range":
            chart.plots[0].has_data_labels = False
