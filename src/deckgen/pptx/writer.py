"""Write a DeckPlan onto the theme's template and return the .pptx bytes (nothing touches disk here)."""

from __future__ import annotations

import io
from datetime import datetime

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from deckgen.errors import TemplateError
from deckgen.load.theme import Theme
from deckgen.models import DeckPlan, SlidePlan, Table
from deckgen.pptx.internals import (
    add_bare_slide,
    add_notes_copy,
    clone_layout_placeholders,
    copy_notes_slide,
    copy_shapes,
    keep_core_properties,
    layout_key,
    notes_master_part,
    remove_shape,
    replace_shapes,
    set_alt_text,
    set_bullet,
    table_cells,
    write_cell,
)
from deckgen.pptx.package import app_properties, save_stamped
from deckgen.textfit import fit_columns

MARGIN = Inches(0.6)
BODY_TOP = Inches(1.75)
BODY_BOTTOM = Inches(6.5)
SOURCE_TOP = Inches(6.58)
SOURCE_HEIGHT = Inches(0.55)


def _open_template(theme: Theme):
    """The theme's template as read, checked and sanitised once per build (load/sanitise.py):
    no sample slides, external links, macros or author's metadata."""
    try:
        return Presentation(io.BytesIO(theme.package.data))
    except Exception as exc:  # python-pptx raises many types for a bad file; all mean "unusable"
        raise TemplateError(
            f"{theme.template}: cannot open as a PowerPoint template ({exc})"
        ) from None


def check_template(theme: Theme, notes: bool = True) -> None:
    """Open the theme's template, find every layout it needs (and, for decks with speaker
    notes, a notes body) and make a slide on each, or raise `TemplateError`."""
    prs = _open_template(theme)
    try:
        layouts = _layouts(prs, theme)
        if notes:
            master = prs.notes_master  # python-pptx supplies a complete one if the file has none
            if not any("BODY" in str(p.placeholder_format.type) for p in master.placeholders):
                raise TemplateError(_NO_NOTES_BODY)
        for layout in layouts.values():  # what every deck will do, tried once
            prs.slides.add_slide(layout)
        prs.save(io.BytesIO())
    except TemplateError:
        raise
    except Exception as exc:  # a damaged layout or master fails here, not in every deck
        raise TemplateError(
            f"{theme.template}: cannot build on this template ({type(exc).__name__}: {exc}); "
            "open it in PowerPoint and save it again"
        ) from None


_NO_NOTES_BODY = (
    "the template's notes master has no body placeholder, so speaker notes have nowhere to go; "
    "add one in PowerPoint (View > Notes Master) or build with --board-copy"
)


def _layouts(prs, theme: Theme) -> dict[str, object]:
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    out, missing = {}, []
    for role, name in theme.spec.layouts.items():
        if name in by_name:
            out[role] = by_name[name]
        else:
            missing.append(f"{role} -> '{name}'")
    if missing:
        raise TemplateError(
            f"{theme.template.name}: layouts not found: {', '.join(missing)}; "
            f"the template has: {', '.join(repr(n) for n in by_name)}. "
            "Map each role to one of these with --layout-map (see the README)"
        )
    return out


def _rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_)


def _fill_text(
    frame,
    lines: list[str],
    size: int | None = None,
    color: str | None = None,
    bullets: bool = False,
    italic: bool = False,
    space_after: int = 6,
) -> None:
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.space_after = Pt(space_after)
        if bullets is not None:
            set_bullet(paragraph, bullets)
        for run in paragraph.runs:
            if size:
                run.font.size = Pt(size)
            if color:
                run.font.color.rgb = _rgb(color)
            if italic:
                run.font.italic = True


def _textbox(slide, name: str, left, top, width, height):
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    frame = box.text_frame
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    for side in ("margin_left", "margin_right"):
        setattr(frame, side, Inches(0.05))
    return box


def _placeholder(slide, idx: int):
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape
    return None


def _drop_empty_placeholders(slide) -> None:
    """Unfilled placeholders show 'Click to add text' in PowerPoint; the title always stays."""
    for shape in list(slide.placeholders):
        if shape.placeholder_format.idx == 0:
            continue
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            remove_shape(shape)


def _table(slide, table: Table, theme: Theme, top) -> None:
    colors = theme.spec.colors
    width = slide.part.package.presentation_part.presentation.slide_width - 2 * MARGIN
    row_h = min(Inches(0.55), int((BODY_BOTTOM - top) / (len(table.rows) + 1)))
    shape = slide.shapes.add_table(
        len(table.rows) + 1, len(table.header), MARGIN, top, width, row_h * (len(table.rows) + 1)
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
    for r, (cells, values) in enumerate(
        zip(table_cells(tbl), [table.header, *table.rows], strict=True)
    ):
        if r == 0:
            fill, fg = colors.accent, colors.background
        else:
            fill = colors.surface if r % 2 else colors.background
            fg = colors.on_surface if r % 2 else colors.text
        for tc, value in zip(cells, values, strict=True):
            write_cell(tc, value, fill, fg, size, bold=r == 0)
    set_alt_text(shape, "Table: " + "; ".join(", ".join(row[:3]) for row in table.rows))


def _quote(slide, text: str, who: str, theme: Theme, top) -> int:
    """Draw the executive's words; returns the height used (EMU)."""
    colors, sizes = theme.spec.colors, theme.spec.sizes
    size = sizes.quote if len(text) <= 140 else sizes.quote - 4
    height = Inches(1.7) if len(text) <= 140 else Inches(2.3)
    width = slide.part.package.presentation_part.presentation.slide_width - 2 * MARGIN
    bar = slide.shapes.add_shape(1, MARGIN, top, Inches(0.08), height)  # 1 = rectangle
    bar.name = "Quote bar (decorative)"
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(colors.accent)
    bar.line.fill.background()
    set_alt_text(bar, "decorative")
    box = _textbox(slide, "Executive quote", MARGIN + Inches(0.3), top, width - Inches(0.3), height)
    frame = box.text_frame
    _fill_text(frame, [f"“{text}”"], size=size, italic=True, space_after=4)
    _fill_text_append(frame, f"— {who}", sizes.body - 2, colors.muted)
    return height


def _fill_text_append(frame, line: str, size: int, color: str) -> None:
    paragraph = frame.add_paragraph()
    paragraph.text = line
    set_bullet(paragraph, False)
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.color.rgb = _rgb(color)


def _source(slide, text: str, theme: Theme) -> None:
    width = slide.part.package.presentation_part.presentation.slide_width - 2 * MARGIN
    box = _textbox(slide, "Source", MARGIN, SOURCE_TOP, width, SOURCE_HEIGHT)
    _fill_text(
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


def _picture(slide, png: bytes, alt: str, left, top, width, height) -> None:
    """Place a chart image inside the box, keeping its aspect ratio, with alt text."""
    ratio = _png_height(png) / _png_width(png)
    w = width if width * ratio <= height else int(height / ratio)
    h = int(w * ratio)
    pic = slide.shapes.add_picture(io.BytesIO(png), left + (width - w) // 2, top, w, h)
    pic.name = "Chart"
    set_alt_text(pic, alt)


def _chart(
    slide, plan: SlidePlan, theme: Theme, image: bytes | None, left, top, width, height
) -> None:
    if image is not None:
        _picture(slide, image, plan.chart.alt_text, left, top, width, height)
    else:
        from deckgen.pptx.native import add_native_chart

        add_native_chart(slide, plan.chart, theme, left, top, width, height)


def _write_slide(
    prs,
    layouts,
    plan: SlidePlan,
    theme: Theme,
    image: bytes | None,
    notes: _Notes,
    memo: dict,
) -> None:
    layout = layouts.get(plan.layout)
    if layout is None:
        raise TemplateError(
            f"storyline asks for layout role '{plan.layout}', which the theme "
            f"does not map (known: {', '.join(layouts)})"
        )
    # A slide without a chart is its plan's text on its layout: the same plan in another deck of
    # this build gives the same shapes, so they are copied rather than built again.
    key = _slide_key(plan) if plan.chart is None else None
    if key is not None and key in memo:
        slide = _add_slide(prs, layout, memo[key], memo)
    else:
        slide = _add_slide(prs, layout, None, memo)
        _fill_slide(prs, slide, layout, plan, theme, image)
        if key is not None:
            memo[key] = copy_shapes(slide)
    if plan.notes:
        notes.add(slide, plan.notes)


def _add_slide(prs, layout, shapes: list | None, memo: dict):
    """python-pptx's `Slides.add_slide`, without cloning the layout's placeholders every time.

    Cloning placeholders is most of the cost of a new slide and gives the same XML for the same
    layout, so each layout's clone is made once and copied after; `shapes` (a remembered slide's
    whole shape tree) replaces it when given.
    """
    slide = add_bare_slide(prs, layout)
    blank_key = ("blank", layout_key(layout))
    if shapes is None and blank_key not in memo:
        clone_layout_placeholders(slide, layout)
        memo[blank_key] = copy_shapes(slide)
    else:
        replace_shapes(slide, shapes or memo[blank_key])
    return slide


def _slide_key(plan: SlidePlan) -> str:
    """Everything _fill_slide reads for a slide without a chart (notes are added apart)."""
    return repr(
        (
            plan.layout,
            plan.role,
            plan.title,
            plan.subtitle,
            plan.bullets,
            plan.quote,
            plan.quote_by,
            plan.table,
            plan.source_line,
        )
    )


def _fill_slide(prs, slide, layout, plan: SlidePlan, theme: Theme, image) -> None:
    title = slide.shapes.title
    if title is None:
        raise TemplateError(
            f"layout '{layout.name}' has no title placeholder; every slide needs one"
        )
    title.text = plan.title
    if plan.role == "title":
        sub = _placeholder(slide, 1)
        if sub is not None:
            _fill_text(sub.text_frame, plan.subtitle.splitlines(), bullets=False)
    elif plan.layout == "two_content" and plan.chart is not None:
        body, right = _placeholder(slide, 1), _placeholder(slide, 2)
        if body is None or right is None:
            raise TemplateError(f"layout '{layout.name}' needs two body placeholders (idx 1, 2)")
        _fill_text(body.text_frame, plan.bullets, bullets=True, space_after=10)
        box = (right.left, right.top, right.width, right.height)
        remove_shape(right)
        _chart(slide, plan, theme, image, *box)
    elif plan.layout in ("content", "two_content"):
        body = _placeholder(slide, 1)
        if body is None:
            raise TemplateError(f"layout '{layout.name}' has no body placeholder (idx 1)")
        dense = plan.role in ("appendix", "sources", "limits")  # reference: tighter spacing
        _fill_text(
            body.text_frame,
            plan.bullets,
            size=18 if dense else None,
            bullets=True,
            space_after=4 if dense else 10,
        )
    else:
        top = BODY_TOP
        width = prs.slide_width - 2 * MARGIN
        if plan.quote:
            top += _quote(slide, plan.quote, plan.quote_by, theme, top) + Inches(0.25)
        if plan.chart is not None:
            height = Inches(plan.chart.height_in)
            _chart(slide, plan, theme, image, MARGIN, top, width, height)
            top += height + Inches(0.15)
        if plan.table is not None:
            _table(slide, plan.table, theme, top)
        elif plan.bullets:
            box = _textbox(slide, "Body", MARGIN, top, width, BODY_BOTTOM - top)
            _fill_text(
                box.text_frame,
                plan.bullets,
                size=theme.spec.sizes.body,
                bullets=True,
                space_after=10,
            )
    if plan.source_line:
        _source(slide, plan.source_line, theme)
    _drop_empty_placeholders(slide)


class _Notes:
    """Speaker notes, one notes slide per slide.

    python-pptx builds every notes slide by cloning the notes master's placeholders, which is a
    fifth of a deck's writing time. The first notes slide is built that way; the rest are copies
    of its (still empty) XML, related to the same master and to their own slide.
    """

    def __init__(self) -> None:
        self.blank = None  # the first notes slide's XML before text went in
        self.master = None  # the notes master's part
        self.count = 0

    def add(self, slide, text: str) -> None:
        self.count += 1
        if self.blank is None:
            notes_slide = slide.notes_slide  # python-pptx: creates the master if there is none
            self.blank = copy_notes_slide(notes_slide)
            self.master = notes_master_part(slide)
            if notes_slide.notes_text_frame is None:
                raise TemplateError(_NO_NOTES_BODY)
            notes_slide.notes_text_frame.text = text
            return
        add_notes_copy(slide, self.blank, self.count, self.master).text = text


# Every core property a deck sets; the template's others never reach it.
_CORE_WRITTEN = {
    "dc:title", "dc:creator", "dc:subject", "cp:keywords", "cp:category", "dc:description",
    "cp:lastModifiedBy", "cp:revision", "dc:language", "dcterms:created", "dcterms:modified",
    "cp:lastPrinted",
}  # fmt: skip


class DeckWriter:
    """Writes a build's decks onto its theme's template: a slide repeated across them (the same
    layout and content) is built once and copied after that."""

    def __init__(self, theme: Theme, when: datetime, language: str):
        self.theme, self.when, self.language = theme, when, language
        self._slides: dict = {}  # built slides' shapes, by layout and what they show

    def write(self, deck: DeckPlan, images: dict[int, bytes] | None = None) -> bytes:
        return write_deck(deck, self.theme, self.when, self.language, images, self._slides)


def write_deck(
    deck: DeckPlan,
    theme: Theme,
    when: datetime,
    language: str,
    images: dict[int, bytes] | None = None,
    memo: dict | None = None,
) -> bytes:
    """The deck as .pptx bytes. Charts come as PNGs in `images` (by slide index) or, for slides
    with a chart but no image, as native editable charts. `memo`, kept for one build (one
    template and theme), lets a slide repeated across its decks be built once."""
    prs = _open_template(theme)
    layouts = _layouts(prs, theme)
    images = images or {}
    notes = _Notes()
    memo = {} if memo is None else memo
    for index, plan in enumerate(deck.slides):
        _write_slide(prs, layouts, plan, theme, images.get(index), notes, memo)
    core = prs.core_properties
    keep_core_properties(core, _CORE_WRITTEN)  # not the template's (author, company, status ...)
    core.title = deck.title
    core.author = deck.author
    core.subject = f"For {deck.executive.name}"
    core.keywords = deck.classification.blocker
    core.category = "deckgen"
    core.comments = ""
    core.last_modified_by = "deckgen"
    core.revision = 1
    core.language = language
    naive = when.replace(tzinfo=None)
    core.created = naive
    core.modified = naive
    core.last_printed = naive
    return save_stamped(prs, when, app_properties(prs, theme.spec.name))
