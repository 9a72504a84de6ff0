"""Write finished decks safely: all-or-nothing, temp file then rename, never over a deck without --force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from deckgen.errors import DeckgenError, OutputExistsError
from deckgen.words import noun


def check_targets(groups: list[tuple[Path, ...]], force: bool) -> None:
    """Refuse before anything is built or written if any output exists and --force was not given.

    Each group is one deck's files (the .pptx first, then companions such as its manifest); the
    message names the deck, which is what the user thinks of as "the output".
    """
    clashing = [group[0] for group in groups if any(p.exists() for p in group)]
    if clashing and not force:
        names = ", ".join(str(p) for p in clashing)
        raise OutputExistsError(
            f"{names} already {noun(len(clashing), 'exists', 'exist')}; pass --force to "
            "overwrite (nothing was written)"
        )
    for group in groups:
        for path in group:
            if path.is_dir():
                raise DeckgenError(f"{path} is a folder; cannot write there")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temp file beside `path`, flush it to disk, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
