"""Golden outline: a normalised outline of one built deck compared with a committed JSON.

Refresh deliberately with `make golden` (sets DECKGEN_UPDATE_GOLDEN=1) and review the diff.
"""

from __future__ import annotations

import json
import os

from pptx import Presentation

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "jordan-ellis.outline.json"
HASHES = ROOT / "tests" / "golden" / "deck-hashes.json"


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
                "charts": [s.chart.chart_type.name for s in shapes if s.has_chart],
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


def _digest(path) -> str:
    """A deck's parts, byte for byte, but for what third-party renderers make (chart pictures
    from vl-convert, chart workbooks from XlsxWriter), whose bytes may change with their
    versions on a fresh machine; a manifest whole."""
    import hashlib
    import zipfile

    digest = hashlib.sha256()
    if path.suffix != ".pptx":
        digest.update(path.read_bytes())
        return digest.hexdigest()
    with zipfile.ZipFile(path) as zf:
        for name in sorted(zf.namelist()):
            if not name.startswith(("ppt/media/", "ppt/embeddings/")):
                digest.update(name.encode() + b"\0" + zf.read(name))
    return digest.hexdigest()


def test_deck_bytes_unchanged(northwind_decks, blocker_decks):
    """Every Northwind deck and every blocker's deck, part by part, and their manifests: a change
    meant to leave decks alone (a refactor) must leave them alone. An intended change to decks
    refreshes the list with `make golden`; review the outline diff that comes with it."""
    got = {
        f"{label}/{p.name}": _digest(p)
        for label, folder in (("northwind", northwind_decks), ("blockers", blocker_decks))
        for p in sorted(folder.iterdir())
        if p.suffix in (".pptx", ".json")
    }
    if os.environ.get("DECKGEN_UPDATE_GOLDEN") == "1":
        HASHES.write_text(json.dumps(got, indent=2, sort_keys=True) + "\n")
    assert got == json.loads(HASHES.read_text()), (
        "deck contents changed; if intended, run `make golden` and review the outline diff"
    )
