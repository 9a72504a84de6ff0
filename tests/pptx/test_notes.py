"""Speaker notes: every slide gets its own notes slide with its text, the first built by python-pptx
and the rest copied from its blank (test_internals.py compares the copies with python-pptx's)."""

from __future__ import annotations

from pptx import Presentation

from deckgen.pptx.notes import Notes
from tests.conftest import ROOT


def test_each_slide_gets_its_own_notes():
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    slides = [prs.slides.add_slide(prs.slide_layouts[4]) for _ in range(3)]
    notes = Notes()
    for i, slide in enumerate(slides):
        notes.add(slide, f"Say {i}.\nThen pause.")
    texts = [slide.notes_slide.notes_text_frame.text for slide in slides]
    assert texts == ["Say 0.\nThen pause.", "Say 1.\nThen pause.", "Say 2.\nThen pause."]
    names = [str(slide.notes_slide.part.partname) for slide in slides]
    assert names == [f"/ppt/notesSlides/notesSlide{n}.xml" for n in (1, 2, 3)]
    for slide in slides:
        back = slide.notes_slide.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
        )
        assert back is slide.part
