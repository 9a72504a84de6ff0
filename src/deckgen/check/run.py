"""Run the checker on files: find each deck's manifest, load the library, report clearly."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from deckgen.check import CheckReport, check_deck
from deckgen.errors import DeckgenError, InputError


class _Source(BaseModel):
    kind: str
    ref: str


class _Number(BaseModel):
    text: str
    value: float
    unit: str
    source: _Source


class _Slide(BaseModel):
    number: int
    role: str
    sources: list[str] = []
    numbers: list[_Number]


class _Input(BaseModel):
    source: _Source


class _Figure(BaseModel):
    key: str
    inputs: list[_Input] = []


class _Manifest(BaseModel):
    """The parts of `<deck>.manifest.json` the rules read (other keys are allowed)."""

    slides: list[_Slide]
    figures: list[_Figure] = []


def _manifest(path: Path | None) -> dict | None:
    if path is None or not path.is_file():
        return None
    from pydantic import ValidationError

    from deckgen.load.yamlfile import read_text

    try:
        data = json.loads(read_text(path, str(path), 50 * 1024 * 1024))
    except json.JSONDecodeError as exc:
        raise DeckgenError(
            f"{path}: not a deckgen manifest (line {exc.lineno}: {exc.msg})"
        ) from None
    except InputError as exc:
        raise DeckgenError(str(exc)) from None
    try:
        _Manifest.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in first["loc"])
        where = where.replace(".[", "[")
        what = (
            "expected a mapping" if first["type"] in ("model_type", "dict_type") else first["msg"]
        )
        raise DeckgenError(
            f"{path}: not a deckgen manifest: {where or 'top level'}: {what.lower()}; build "
            "the deck again to get its manifest"
        ) from None
    return data


def check_files(
    decks: list[Path],
    manifest: Path | None = None,
    library_dir: Path | None = None,
    extras: tuple[Path, ...] = (),
) -> list[CheckReport]:
    """Check each deck against its manifest and the evidence library it was built from (the
    bundled one unless `library_dir`, merged with the folders of `extras`)."""
    from deckgen.library import load_library
    from deckgen.resources import evidence_dir

    if manifest is not None and len(decks) > 1:
        raise DeckgenError("--manifest: give one deck with it (each deck has its own manifest)")
    folder = (library_dir or evidence_dir()).resolve()
    library = {item.id: item for item in load_library(folder, extras)}
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
