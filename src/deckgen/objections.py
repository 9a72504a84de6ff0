"""Read objections for `deckgen classify`: one argument, or a UTF-8 file with one per line."""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import DeckgenError
from deckgen.load.yamlfile import read_text

MAX_CHARS = 4000  # longer turns are classified on their opening; the gist is up front


def read_objections(text: str | None, path: Path | None) -> list[str]:
    if (text is None) == (path is None):
        raise DeckgenError("classify: give the objection as TEXT or --file PATH (not both)")
    if path is not None:
        lines = [line.strip() for line in read_text(path, str(path)).splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise DeckgenError(f"{path}: no objections found (one per line, blank lines skipped)")
    else:
        lines = [text.strip()] if text and text.strip() else []
        if not lines:
            raise DeckgenError("classify: expected some words, got empty text")
    return [line[:MAX_CHARS] for line in lines]
