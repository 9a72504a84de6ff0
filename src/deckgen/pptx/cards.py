"""The design system's components, drawn on the canvas under a slide's title: a grid of columns,
a tag, a card (heading, figure, label), a figure set large, a line of text, an arrow between
steps. Every size comes from the theme's type scale and every colour from its accent and greys."""

from __future__ import annotations

from typing import NamedTuple

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from deckgen.load.theme import Theme
from deckgen.models import Cell
from deckgen.pptx.draw import Box, geometry
from deckgen.pptx.internals import set_alt_text
from deckgen.pptx.text import rgb, textbox

GUTTER = Inches(0.3)
RECTANGLE, ROUNDED, RIGHT_ARROW = 1, 5, 33  # MSO_SHAPE values


class Style(NamedTuple):
    """How a line of text is set: a size of the type scale, a colour of the theme."""

    size: int
    color: str
    bold: bool = False
    italic: bool = False


def text_height(size: int, lines: int = 1) -> int:
    """The height a frame needs for `lines` lines at `size` pt, insets included (EMU)."""
    return Pt(size * 1.45 * lines + 8)


def fit_height(texts: list[str], style: Style, width: int, font: str) -> int:
    """The height `line()` needs to set `texts` in a box `width` wide, measured with the
    bundled font metrics the checker uses (EMU)."""
    from deckgen.textfit import Para, measure

    paras = [
        Para(t, style.size, style.bold, style.italic,
             space_after_pt=style.size * 0.35 if i < len(texts) - 1 else 0)
        for i, t in enumerate(texts)
    ]  # fmt: skip
    inner = width / 12700 - 7.2  # the text box's left and right insets
    return Pt(measure(paras, inner, font).height_pt + 7.2 + 4)


def columns(box: Box, n: int, gutter: int = GUTTER) -> list[Box]:
    """`box` split into `n` equal columns with gutters between them."""
    width = (box.width - gutter * (n - 1)) // n
    return [Box(box.left + i * (width + gutter), box.top, width, box.height) for i in range(n)]


def body_box(theme: Theme, slide_width: int, top=None, bottom=None) -> Box:
    """The canvas between the margins, from `top` (default: under the title) to `bottom`."""
    g = geometry(theme)
    top = g.body_top if top is None else top
    bottom = g.body_bottom if bottom is None else bottom
    return Box(g.margin, top, slide_width - 2 * g.margin, bottom - top)


def panel(slide, box: Box, fill: str, name: str):
    shape = slide.shapes.add_shape(RECTANGLE, *box)
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    set_alt_text(shape, "decorative")
    return shape


def line(slide, name: str, box: Box, texts: list[str], style: Style):
    """Paragraphs of text in a box, one per item of `texts`, no bullets."""
    shape = textbox(slide, name, *box)
    frame = shape.text_frame
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, text in enumerate(texts):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(style.size * 0.35 if i < len(texts) - 1 else 0)
        for run in paragraph.runs:
            run.font.size = Pt(style.size)
            run.font.color.rgb = rgb(style.color)
            run.font.bold = style.bold
            run.font.italic = style.italic
    return shape


def tag(slide, text: str, theme: Theme, left, top) -> int:
    """A small label in the accent colour ('For decision'); returns its height (EMU)."""
    colors, sizes = theme.spec.colors, theme.spec.sizes
    height = text_height(sizes.small)
    width = Inches(0.3) + Pt(sizes.small * 0.62 * len(text))
    shape = slide.shapes.add_shape(ROUNDED, left, top, width, height)
    shape.name = "Tag"
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colors.accent)
    shape.line.fill.background()
    shape.shadow.inherit = False
    frame = shape.text_frame
    frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.paragraphs[0].text = text
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(sizes.small)
        run.font.bold = True
        run.font.color.rgb = rgb(colors.background)
    return height


PAD = Inches(0.2)  # a card's padding
HEADING_H = Inches(0.5)  # a card's heading line, with the gap under it


def _card_parts(cell: Cell, theme: Theme, width: int, size: int) -> tuple[int, int, int, int]:
    """(figure size, heading height, figure height, label height) of a card `width` wide."""
    from deckgen.textfit import wrap_count

    sizes, font = theme.spec.sizes, theme.spec.fonts.body
    room = (width - 2 * PAD) / 12700 - 7.2
    size = _one_line(cell.value, size, room, theme)
    figure_h = text_height(size, wrap_count(cell.value, room, font, size, True))
    label_style = Style(sizes.small, theme.spec.colors.on_surface)
    label_h = fit_height([cell.label], label_style, width - 2 * PAD, font) if cell.label else 0
    return size, HEADING_H if cell.heading else 0, figure_h, label_h


def card_height(cell: Cell, theme: Theme, width: int, size: int | None = None) -> int:
    """The height a card needs for its heading, figure and label (EMU)."""
    _, heading_h, figure_h, label_h = _card_parts(
        cell, theme, width, size or theme.spec.sizes.figure
    )
    return 2 * PAD + heading_h + figure_h + Inches(0.1) + label_h


def card(slide, cell: Cell, theme: Theme, box: Box, size: int | None = None, n: int = 0) -> None:
    """A card on the surface colour: the step's heading, its figure large in the accent colour,
    then its label. The card grows if its text needs more room than `box` gives."""
    colors, sizes = theme.spec.colors, theme.spec.sizes
    size, heading_h, figure_h, label_h = _card_parts(cell, theme, box.width, size or sizes.figure)
    height = max(box.height, 2 * PAD + heading_h + figure_h + Inches(0.1) + label_h)
    panel(slide, Box(box.left, box.top, box.width, height), colors.surface,
          f"Card {n + 1} background (decorative)")  # fmt: skip
    left, width, top = box.left + PAD, box.width - 2 * PAD, box.top + PAD
    if cell.heading:
        line(slide, f"Card {n + 1} heading", Box(left, top, width, HEADING_H - Inches(0.05)),
             [cell.heading], Style(sizes.small, colors.on_surface, bold=True))  # fmt: skip
        top += heading_h
    line(slide, f"Card {n + 1} figure", Box(left, top, width, figure_h), [cell.value],
         Style(size, colors.accent, bold=True))  # fmt: skip
    top += figure_h + Inches(0.1)
    if cell.label:
        line(slide, f"Card {n + 1} label", Box(left, top, width, box.top + height - PAD - top),
             [cell.label], Style(sizes.small, colors.on_surface))  # fmt: skip


def cards_row(slide, cells: list[Cell], theme: Theme, row: Box, size=None, gutter=GUTTER) -> int:
    """Cards side by side in `row`, all as tall as the tallest needs; returns that height."""
    boxes = columns(row, len(cells), gutter)
    height = max(
        [
            row.height,
            *(card_height(c, theme, b.width, size) for c, b in zip(cells, boxes, strict=True)),
        ]
    )
    for i, (cell, box) in enumerate(zip(cells, boxes, strict=True)):
        card(slide, cell, theme, Box(box.left, box.top, box.width, height), size=size, n=i)
    return height


def _one_line(text: str, size: int, width_pt: float, theme: Theme) -> int:
    """The largest size up to `size` that sets a figure on one line (never below the scale's
    smallest figure size)."""
    from deckgen.textfit import wrap_count

    floor = theme.spec.sizes.small + 6
    font = theme.spec.fonts.body
    while size > floor and wrap_count(text, width_pt, font, size, True, False) > 1:
        size -= 2
    return size


def arrow(slide, theme: Theme, left, middle) -> None:
    """A small arrow in the gutter between two steps (decorative)."""
    size = Inches(0.22)
    shape = slide.shapes.add_shape(
        RIGHT_ARROW, left + (GUTTER - size) // 2, middle - size // 2, size, size
    )
    shape.name = "Arrow (decorative)"
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(theme.spec.colors.muted)
    shape.line.fill.background()
    shape.shadow.inherit = False
    set_alt_text(shape, "decorative")
