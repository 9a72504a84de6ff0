"""Provenance: every number on a slide traces to the manifest (PV-01)."""

from __future__ import annotations

from deckgen.check.findings import Finding
from deckgen.check.slides import (
    NUMBER,
    Slide,
    finding,
)
from deckgen.pptx.internals import element_of, qn


def pv01(slides: list[Slide], manifest: dict) -> list[Finding]:
    """Every number in slide text, tables and chart data is in the manifest with a provenance."""
    out = []
    for s, record in zip(slides, manifest["slides"], strict=False):
        texts = [n["text"] for n in record["numbers"]]
        values = [round(float(n["value"]), 6) for n in record["numbers"]]
        for token in (t for text in _shown_text(s) for t in NUMBER.findall(text)):
            if not any(token in t for t in texts):
                message = f"'{token}' has no provenance in the manifest"
                out.append(finding("PV-01", "error", s.number, "", message))
        for name, v in _chart_values(s):
            if round(float(v), 6) not in values and not any(
                abs(float(v) - x) < 1e-6 for x in values
            ):
                message = f"chart value {v} has no provenance in the manifest"
                out.append(finding("PV-01", "error", s.number, name, message))
    return list(dict.fromkeys(out))


def _shown_text(s: Slide) -> list[str]:
    """What a reader sees as text: text frames, table cells and pictures' alt text."""
    shown = []
    for b in s.boxes:
        if b.kind == "text":
            shown.append(b.shape.text_frame.text)
        elif b.kind == "table":
            shown += [c.text for row in b.shape.table.rows for c in row.cells]
        elif b.kind == "picture":
            props = element_of(b.shape).find(".//" + qn("p:cNvPr"))
            shown.append(props.get("descr", "") if props is not None else "")
    return shown


def _chart_values(s: Slide) -> list[tuple[str, float]]:
    """(shape name, value) of every point in the slide's native charts."""
    return [
        (b.name, v)
        for b in s.boxes
        if b.kind == "chart"
        for plot in b.shape.chart.plots
        for series in plot.series
        for v in series.values
        if v is not None
    ]
