"""pptx/text.py (tests/test_text.py is deckgen/text.py's): lines become paragraphs with the asked
size, colour and bullets; unfilled placeholders go, the title stays."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Inches, Pt

from deckgen.pptx.internals import element_of
from deckgen.pptx.text import append_line, drop_empty_placeholders, fill_text, placeholder, textbox
from tests.conftest import ROOT


def _slide(layout: str = "Title and Content"):
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    return prs.slides.add_slide(prs.slide_layouts.get_by_name(layout))


def test_lines_become_paragraphs_with_size_colour_and_bullets():
    frame = placeholder(_slide(), 1).text_frame
    fill_text(frame, ["One", "Two"], size=18, color="1F4E79", bullets=True, space_after=4)
    append_line(frame, "— Jordan Ellis", 14, "666666")
    assert [p.text for p in frame.paragraphs] == ["One", "Two", "— Jordan Ellis"]
    assert [p.runs[0].font.size for p in frame.paragraphs] == [Pt(18), Pt(18), Pt(14)]
    assert str(frame.paragraphs[1].runs[0].font.color.rgb) == "1F4E79"
    assert frame.paragraphs[0].space_after == Pt(4)
    bullets = [element_of(p).find("{*}pPr/{*}buChar") is not None for p in frame.paragraphs]
    assert bullets == [True, True, False]


def test_a_textbox_wraps_and_never_resizes():
    box = textbox(_slide("Title Only"), "Body", 0, 0, Inches(4), Inches(1))
    assert box.name == "Body" and box.text_frame.word_wrap is True
    assert box.text_frame.auto_size == 0 and box.text_frame.margin_left == Inches(0.05)


def test_unfilled_placeholders_go_and_the_title_stays():
    slide = _slide("Two Content")
    placeholder(slide, 1).text_frame.text = "Kept"
    drop_empty_placeholders(slide)
    assert [p.placeholder_format.idx for p in slide.placeholders] == [0, 1]
    assert placeholder(slide, 2) is None
