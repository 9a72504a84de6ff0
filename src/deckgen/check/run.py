"""Run the checker on files: find each deck's manifest, load the library, report clearly."""

from __future__ import annotations

import json
from pathlib import Path

from deckgen.check import CheckReport, check_deck
from deckgen.errors import DeckgenError


def _manifest(path: Path | None) -> dict | None:
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DeckgenError(f"{path}: not a deckgen manifest ({exc})") from None
    if not isinstance(data, dict) or "slides" not in data:
        raise DeckgenError(f"{path}: not a deckgen manifest (no 'slides')")
    return data


def check_files(decks: list[Path], manifest: Path | None = None) -> list[CheckReport]:
    from deckgen.load.evidence import load_library
    from deckgen.resources import evidence_dir

    if manifest is not None and len(decks) > 1:
        raise DeckgenError("--manifest: give one deck with it (each deck has its own manifest)")
    library = {item.id: item for item in load_library(evidence_dir().resolve())}
    reports = []
    for deck in decks:
        if not deck.is_file():
            raise DeckgenError(f"{deck}: file not found")
        found = manifest or deck.with_suffix(".manifest.json")
        try:
            report = check_deck(deck, _manifest(found), library, str(deck))
        except DeckgenError:
            raise
        except Exception as exc:  # python-pptx raises many types for a file it cannot read
            raise DeckgenError(f"{deck}: cannot open as a PowerPoint deck ({exc})") from None
        reports.append(report)
    return reports
