"""The record that makes moving a build's files into place all-or-nothing, even across a crash.

A build stages its files in `<folder>/.deckgen-build-<8 chars>/new/`. Only when every one is on
the disk does it publish `<folder>/.deckgen-journal.json` (the names, and which of them existed),
then moves each earlier file aside into `old/` and the new one into place. Whoever finds a
journal (the next build, under the folder's lock) finishes the job:

- with `new/` still there: forward, moving in what is left, so the folder holds the killed
  build's complete set;
- with `undo/` instead (a rollback renames `new/` to `undo/` before it starts): back, putting
  every earlier file where it was and removing the new ones.

Every step can be repeated, so a crash while finishing is finished by the next build. The work
folder is removed before the journal, so a journal without its folder means "done".
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

from msgspec import Struct

from deckgen.output.files import sync_folder, write_new

JOURNAL_NAME = ".deckgen-journal.json"
WORK_PREFIX = ".deckgen-build-"
_WORK = re.compile(r"\.deckgen-build-[a-z0-9_]{8}")
# Temp files of earlier deckgen versions, which wrote decks one by one (`.<name>.<8 chars>.tmp`).
_STALE_TMP = re.compile(r"\..+\.(pptx|manifest\.json)\.[a-z0-9_]{8}\.tmp")
_PARTS = ("new", "undo", "old")


class JournalError(ValueError):
    """A journal deckgen cannot have written (edited, or damaged on the disk)."""


class Journal(Struct, frozen=True, kw_only=True):
    work: str  # the work folder's name inside the output folder
    files: tuple[str, ...]  # the build's file names, in the order they are moved
    existed: frozenset[str]  # those that had an earlier version in the folder

    def publish(self, folder: Path) -> None:
        """Write the journal whole (in the work folder, then renamed): from here on, the build
        counts as done, and a crash is finished forward."""
        text = json.dumps(
            {"deckgen_journal": 1, "work": self.work, "files": list(self.files),
             "existed": sorted(self.existed)}, ensure_ascii=False, indent=1,
        )  # fmt: skip
        draft = folder / self.work / "journal.json"
        write_new(draft, text.encode())
        os.replace(draft, folder / JOURNAL_NAME)
        sync_folder(folder)

    @classmethod
    def read(cls, folder: Path) -> Journal | None:
        """The journal in `folder`, or None. Raises JournalError for one deckgen did not write,
        so nothing outside the folder, or outside the build's own names, is ever moved."""
        try:
            raw = (folder / JOURNAL_NAME).read_bytes()
        except FileNotFoundError:
            return None
        try:
            data = json.loads(raw)
            if not (isinstance(data["files"], list) and isinstance(data["existed"], list)):
                raise TypeError("files and existed must be lists")
            journal = cls(
                work=data["work"], files=tuple(data["files"]), existed=frozenset(data["existed"])
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise JournalError(f"not a journal deckgen wrote ({exc})") from None
        if not (isinstance(journal.work, str) and _WORK.fullmatch(journal.work)):
            raise JournalError(f"unexpected work folder {journal.work!r}")
        for name in (*journal.files, *journal.existed):
            if not _plain(name):
                raise JournalError(f"unexpected file name {name!r}")
        return journal


def move_in(folder: Path, journal: Journal) -> None:
    """Forward: every staged file that is not in place yet goes in, over its earlier version."""
    new = folder / journal.work / "new"
    for name in journal.files:
        if os.path.lexists(new / name):
            os.replace(new / name, folder / name)
    sync_folder(folder)


def move_back(folder: Path, journal: Journal) -> None:
    """Back: earlier versions return from `old/`; new files that had none are removed."""
    work = folder / journal.work
    if (work / "new").exists():
        os.rename(work / "new", work / "undo")  # from here on a crash is finished backward
        sync_folder(work)
    for name in journal.files:
        backup = work / "old" / name
        if os.path.lexists(backup):
            os.replace(backup, folder / name)
        elif name not in journal.existed and not os.path.lexists(work / "undo" / name):
            (folder / name).unlink(missing_ok=True)  # it was moved in; nothing was there before
    sync_folder(folder)


def finish(folder: Path, journal: Journal) -> None:
    """After moving forward or back: remove the work folder, then the journal. Best effort: what
    is left is harmless, and the next build removes it."""
    remove_work(folder / journal.work)
    with contextlib.suppress(OSError):
        (folder / JOURNAL_NAME).unlink()
        sync_folder(folder)


def recover(folder: Path) -> str | None:
    """Finish a build that was killed while moving its files in, then remove what killed builds
    left (work folders, temp files); say what was done, if anything was. Only names deckgen
    makes are touched."""
    journal = Journal.read(folder)
    done = None
    if journal is not None:
        if (folder / journal.work / "undo").exists():
            move_back(folder, journal)
            done = (
                "a build stopped here while putting back the files it had replaced; deckgen "
                "put them back first"
            )
        else:
            move_in(folder, journal)
            done = (
                "a build was killed here while putting its files in place; deckgen finished "
                f"that first ({len(journal.files)} files, all complete)"
            )
        finish(folder, journal)
    with os.scandir(folder) as entries:
        found = list(entries)
    for entry in found:
        if entry.is_dir(follow_symlinks=False) and _WORK.fullmatch(entry.name):
            remove_work(Path(entry.path))
        elif entry.is_file(follow_symlinks=False) and _STALE_TMP.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    return done


def remove_work(work: Path) -> None:
    """Remove a work folder: the files deckgen put in it, then the folders. Anything else found
    inside stays, and so does the folder."""
    for part in _PARTS:
        try:
            with os.scandir(work / part) as entries:
                found = [e.path for e in entries if not e.is_dir(follow_symlinks=False)]
        except OSError:
            continue  # not there (or not readable: then it stays)
        for path in found:
            with contextlib.suppress(OSError):
                os.unlink(path)
        with contextlib.suppress(OSError):
            os.rmdir(work / part)
    with contextlib.suppress(OSError):
        (work / "journal.json").unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        os.rmdir(work)


def _plain(name: object) -> bool:
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
    )
