"""Text on a slide: lines into a text frame (size, colour, bullets), text boxes, placeholders by index."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from deckgen.pptx.internals import remove_shape, set_bullet


def rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_)


def fill_text(
    frame,
    lines: list[str],
    size: int | None = None,
    color: str | None = None,
    bullets: bool | None = False,
    italic: bool = False,
    space_after: int = 6,
) -> None:
    """One paragraph per line; `bullets` None leaves the layout's bullets as they are."""
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
                run.font.color.rgb = rgb(color)
            if italic:
                run.font.italic = True


def append_line(frame, line: str, size: int, color: str) -> None:
    """One more paragraph, without a bullet."""
    paragraph = frame.add_paragraph()
    paragraph.text = line
    set_bullet(paragraph, False)
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.color.rgb = rgb(color)


def textbox(slide, name: str, left, top, width, height):
    """A named text box that wraps and never resizes itself."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    frame = box.text_frame
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    for side in ("margin_left", "margin_right"):
        setattr(frame, side, Inches(0.05))
    return box


def placeholder(slide, idx: int):
    """The slide's placeholder with this index, or None."""
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape
    return None


def drop_empty_placeholders(slide) -> None:
    """Unfilled placeholders show 'Click to add text' in PowerPoint; the title always stays."""
    for shape in list(slide.placeholders):
        if shape.placeholder_format.idx == 0:
            continue
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            remove_shape(shape)
