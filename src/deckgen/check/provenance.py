"""Provenance: every number on a slide traces to the manifest (PV-01)."""

from __future__ import annotations

from pptx.oxml.ns import qn

from deckgen.check.findings import Finding
from deckgen.check.slides import (
    NUMBER,
    Slide,
    finding,
)

# --- provenance ------------------------------------------------------------------------------


def pv01(slides: list[Slide], manifest: dict) -> list[Finding]:
    """Every number in slide text, tables and chart data is in the manifest with a provenance."""
    out = []
    for s, record in zip(slides, manifest["slides"], strict=False):
        texts = [n["text"] for n in record["numbers"]]
        values = {round(float(n["value"]), 6) for n in record["numbers"]}
        shown = []
        for b in s.boxes:
            if b.kind == "text":
                shown.append(b.shape.text_frame.text)
            elif b.kind == "table":
                shown += [c.text for row in b.shape.table.rows for c in row.cells]
            elif b.kind in ("picture",):
                props = b.shape._element.find(".//" + qn("p:cNvPr"))
                shown.append(props.get("descr", "") if props is not None else "")
        for text in shown:
            for token in NUMBER.findall(text):
                if not any(token in t for t in texts):
                    out.append(
                        finding(
                            "PV-01",
                            "error",
                            s.number,
                            "",
                            f"'{token}' has no provenance in the manifest",
                        )
                    )
        for b in s.boxes:
            if b.kind != "chart":
                continue
            for plot in b.shape.chart.plots:
                for series in plot.series:
                    for v in series.values:
                        if (
                            v is not None
                            and round(float(v), 6) not in values
                            and not any(abs(float(v) - x) < 1e-6 for x in values)
                        ):
                            out.append(
                                finding(
                                    "PV-01",
                                    "error",
                                    s.number,
                                    b.name,
                                    f"chart value {v} has no provenance in the manifest",
                                )
                            )
    return list(dict.fromkeys(out))
