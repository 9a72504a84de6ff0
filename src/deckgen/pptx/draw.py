"""What fillers draw below a slide's title: the executive's quote, tables, charts and the source line."""

from __future__ import annotations

import io
from typing import NamedTuple

from pptx.util import Emu, Inches

from deckgen.load.theme import Theme
from deckgen.models import ChartPlan, Table
from deckgen.pptx.internals import set_alt_text, table_cells, write_cell
from deckgen.pptx.text import append_line, fill_text, rgb, textbox
from deckgen.textfit import fit_columns


class Geometry(NamedTuple):
    """The theme's canvas (theme.yaml `canvas:`, inches) in EMU."""

    margin: int
    body_top: int
    body_bottom: int
    source_top: int
    source_height: int


def geometry(theme: Theme) -> Geometry:
    c = theme.spec.canvas
    return Geometry(
        Inches(c.margin),
        Inches(c.body_top),
        Inches(c.body_bottom),
        Inches(c.source_top),
        Inches(c.source_height),
    )


class Box(NamedTuple):
    """Where a thing goes on a slide (EMU)."""

    left: int
    top: int
    width: int
    height: int


def table(slide, table: Table, theme: Theme, top, width, bottom=None) -> int:
    """The table at `top`, `width` wide: columns fitted to their text, header row in the accent
    colour, body rows banded, alt text listing the rows. Returns its height (EMU)."""
    g = geometry(theme)
    bottom = g.body_bottom if bottom is None else bottom
    row_h = min(Inches(0.55), int((bottom - top) / (len(table.rows) + 1)))
    shape = slide.shapes.add_table(
        len(table.rows) + 1, len(table.header), g.margin, top, width, row_h * (len(table.rows) + 1)
    )
    for row in shape.table.rows:
        row.height = row_h
    shape.name = table.name
    tbl = shape.table
    tbl.first_row = True
    tbl.horz_banding = False
    shares = table.widths or [2.0] + [1.0] * (len(table.header) - 1)
    size = theme.spec.sizes.body - 2
    columns = [
        [(table.header[i], True), *((row[i], False) for row in table.rows)]
        for i in range(len(table.header))
    ]
    widths = fit_columns(shares, columns, width / 12700, theme.spec.fonts.body, size)
    for i, points in enumerate(widths):
        tbl.columns[i].width = Emu(int(points * 12700))
    rows = [table.header, *table.rows]
    for r, (cells, values) in enumerate(zip(table_cells(tbl), rows, strict=True)):
        fill, fg = _row_colors(theme, r)
        for tc, value in zip(cells, values, strict=True):
            write_cell(tc, value, fill, fg, size, bold=r == 0)
    set_alt_text(shape, "Table: " + "; ".join(", ".join(row[:3]) for row in table.rows))
    return row_h * (len(table.rows) + 1)


def _row_colors(theme: Theme, r: int) -> tuple[str, str]:
    """(fill, text) of table row `r`: the header in the accent colour, then banded."""
    colors = theme.spec.colors
    if r == 0:
        return colors.accent, colors.background
    if r % 2:
        return colors.surface, colors.on_surface
    return colors.background, colors.text


def quote(slide, text: str, who: str, theme: Theme, top, width) -> int:
    """Draw the executive's words; returns the height used (EMU)."""
    colors, sizes = theme.spec.colors, theme.spec.sizes
    size = sizes.quote if len(text) <= 140 else sizes.quote - 4
    height = Inches(1.7) if len(text) <= 140 else Inches(2.3)
    margin = geometry(theme).margin
    bar = slide.shapes.add_shape(1, margin, top, Inches(0.08), height)  # 1 = rectangle
    bar.name = "Quote bar (decorative)"
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(colors.accent)
    bar.line.fill.background()
    set_alt_text(bar, "decorative")
    box = textbox(slide, "Executive quote", margin + Inches(0.3), top, width - Inches(0.3), height)
    frame = box.text_frame
    fill_text(frame, [f"“{text}”"], size=size, italic=True, space_after=4)
    append_line(frame, f"— {who}", sizes.body - 2, colors.muted)
    return height


def source(slide, text: str, theme: Theme, width) -> None:
    """The source line at the foot of the slide."""
    g = geometry(theme)
    box = textbox(slide, "Source", g.margin, g.source_top, width, g.source_height)
    fill_text(
        box.text_frame,
        [text],
        size=theme.spec.sizes.source,
        color=theme.spec.colors.muted,
        bullets=False,
        space_after=0,
    )


def _png_width(png: bytes) -> int:
    return int.from_bytes(png[16:20], "big")  # IHDR, the first chunk of every PNG


def _png_height(png: bytes) -> int:
    return int.from_bytes(png[20:24], "big")


def picture(slide, png: bytes, alt: str, box: Box) -> None:
    """Place a chart image inside the box, keeping its aspect ratio, with alt text."""
    left, top, width, height = box
    ratio = _png_height(png) / _png_width(png)
    w = width if width * ratio <= height else int(height / ratio)
    h = int(w * ratio)
    pic = slide.shapes.add_picture(io.BytesIO(png), left + (width - w) // 2, top, w, h)
    pic.name = "Chart"
    set_alt_text(pic, alt)


def chart(slide, plan: ChartPlan, theme: Theme, image: bytes | None, box: Box) -> None:
    """The chart in the box: its PNG if rendered, else a native, editable chart."""
    if image is not None:
        picture(slide, image, plan.alt_text, box)
    else:
        from deckgen.pptx.native import add_native_chart  # XlsxWriter only for native charts

        add_native_chart(slide, plan, theme, *box)
