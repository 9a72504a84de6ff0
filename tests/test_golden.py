"""Golden outline: a normalised outline of one built deck compared with a committed JSON.

Refresh deliberately with `make golden` (sets DECKGEN_UPDATE_GOLDEN=1) and review the diff.
"""

from __future__ import annotations

import json
import os

from pptx import Presentation

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "jordan-ellis.outline.json"


def outline(path) -> list[dict]:
    slides = []
    for slide in Presentation(str(path)).slides:
        shapes = list(slide.shapes)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(
            {
                "layout": slide.slide_layout.name,
                "title": slide.shapes.title.text,
                "source": next((s.text_frame.text for s in shapes if s.name == "Source"), None),
                "bullets": sum(
                    len(s.text_frame.paragraphs)
                    for s in shapes
                    if s.is_placeholder
                    and s.placeholder_format.idx == 1
                    and slide.slide_layout.name != "Title Slide"
                ),
                "tables": [
                    [c.text for c in row.cells]
                    for s in shapes
                    if s.has_table
                    for row in s.table.rows
                ],
                "pictures": sum(1 for s in shapes if s.shape_type == 13),
                "notes_words": len(notes.split()) // 10 * 10,  # coarse: wording may be polished
            }
        )
    return slides


def test_golden_outline(northwind_decks):
    got = outline(northwind_decks / "jordan-ellis.pptx")
    if os.environ.get("DECKGEN_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert got == json.loads(GOLDEN.read_text()), (
        "outline changed; if intended, run `make golden` and review the diff"
    )
