"""The output folder during one build: locked, tidied after killed builds, and given all of the
build's files at once or none of them."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from deckgen.errors import Interrupted, OutputError, OutputExistsError
from deckgen.output.faults import checkpoint, output_error
from deckgen.output.files import sync_folder, write_new
from deckgen.output.journal import (
    JOURNAL_NAME,
    WORK_PREFIX,
    Journal,
    JournalError,
    finish,
    move_back,
    recover,
    remove_work,
)
from deckgen.output.lock import FolderLock
from deckgen.words import noun, plural


class OutputFolder:
    """`with OutputFolder(path) as folder: ... folder.commit(files)`.

    Entering makes the folder, takes its lock (a second build fails at once) and finishes what a
    killed build left there; it is held from the overwrite check until the files are in place.
    `stage` writes a file into a work folder beside the targets as soon as it is made (so the
    build need not hold every deck's bytes to the end); `commit` stages the rest, then swaps
    them all in; a failure puts the earlier files back, and a build that never commits leaves
    nothing (its work folder goes when the folder is left, or on the next build if killed).
    """

    def __init__(self, path: Path):
        self.path = path
        self.recovered: str | None = None  # what was done about a killed build found here
        self.committed = False
        self._lock = FolderLock(path)
        self._made: list[Path] = []  # folders this build created, deepest first
        self._work: Path | None = None  # the work folder, once a file is staged
        self._staged: list[str] = []

    def __enter__(self) -> OutputFolder:
        self._make()
        try:
            try:
                self._lock.acquire()
            except OSError as exc:
                raise output_error(exc, self.path, is_folder=True) from None
            self._recover()
            checkpoint("locked")
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)  # says what an interruption left
            raise
        return self

    def __exit__(self, kind, exc, traceback) -> None:
        self._leave()
        if isinstance(exc, KeyboardInterrupt) and not isinstance(exc, Interrupted):
            if self.committed:
                said = f"Interrupted; this build's files were already in place in {self.path}."
            else:
                said = (
                    f"Interrupted; nothing was written (the files in {self.path} are as they were)."
                )
            raise Interrupted(said) from None

    def stage(self, name: str, data: bytes) -> None:
        """Write one of the build's files to the disk now; `commit` puts it in place."""
        if self._work is None:
            self._work = self._new_work()
        try:
            write_new(self._work / "new" / name, data)
        except OSError as exc:
            self._drop_work()
            raise output_error(exc, self.path / name) from None
        except BaseException:
            self._drop_work()
            raise
        self._staged.append(name)
        checkpoint(f"staged-{len(self._staged)}")

    def commit(self, files: dict[str, bytes] | None = None) -> None:
        """Put the staged files and then `files` (name -> bytes) into the folder, all of them or
        (on an error, with a message saying so) none, over their earlier versions; other files
        are never touched."""
        for name, data in (files or {}).items():
            self.stage(name, data)
        if not self._staged:
            self.committed = True
            return
        work, self._work = self._work, None
        try:
            sync_folder(work / "new")
        except OSError as exc:
            remove_work(work)
            raise output_error(exc, self.path, is_folder=True) from None
        names = tuple(self._staged)
        self._staged = []
        with deferred_signals() as pending:
            self._swap(work, names)
        self.committed = True
        if pending:
            count = plural(len(names), "file")
            raise Interrupted(
                f"Interrupted while putting this build's {count} in {self.path}; deckgen "
                f"finished that first, so {noun(len(names), 'it is', 'all are')} in place."
            )

    def _recover(self) -> None:
        """Finish what a build killed here left (signals wait: this too is a few renames)."""
        try:
            with deferred_signals() as pending:
                self.recovered = recover(self.path)
        except OSError as exc:
            unfinished = "nothing was written; a build killed here earlier is still unfinished"
            raise output_error(exc, self.path, is_folder=True, outcome=unfinished) from None
        except JournalError as exc:
            raise OutputError(
                f"{self.path / JOURNAL_NAME}: {exc}; delete it, then build again "
                "(nothing was written)"
            ) from None
        if pending:
            first = "finished what a build killed here earlier left; " if self.recovered else ""
            raise Interrupted(f"Interrupted; {first}nothing was written to {self.path}.")

    def _make(self) -> None:
        try:
            if self.path.exists() and not self.path.is_dir():
                raise FileExistsError(errno.EEXIST, "a file")
            for folder in (self.path, *self.path.parents):
                if folder.exists():
                    break
                self._made.append(folder)
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._leave()  # mkdir(parents=True) may have made some before it failed
            raise output_error(exc, self.path, is_folder=True) from None

    def _leave(self) -> None:
        """Release the lock; remove the folders this build made if it put nothing in them."""
        self._drop_work()  # staged, never committed: nothing of this build stays
        self._lock.release()
        if not self.committed:
            for folder in self._made:
                with contextlib.suppress(OSError):  # not made, or not empty: then it stays
                    os.rmdir(folder)
        self._made.clear()

    def _new_work(self) -> Path:
        """A work folder beside the targets (so moving a staged file in is a rename)."""
        try:
            work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=self.path))
        except OSError as exc:
            raise output_error(exc, self.path, is_folder=True) from None
        try:
            os.mkdir(work / "new")
            os.mkdir(work / "old")  # now, so that once the journal is out there are only renames
        except OSError as exc:
            remove_work(work)
            raise output_error(exc, self.path, is_folder=True) from None
        return work

    def _drop_work(self) -> None:
        if self._work is not None:
            work, self._work = self._work, None
            self._staged.clear()
            remove_work(work)

    def _swap(self, work: Path, names: tuple[str, ...]) -> None:
        """Publish the journal, then move each earlier file aside and the new one in."""
        existed = frozenset(name for name in names if os.path.lexists(self.path / name))
        journal = Journal(work=work.name, files=names, existed=existed)
        try:
            journal.publish(self.path)
        except BaseException as exc:
            remove_work(work)  # a journal without its work folder counts as done: nothing moved
            if isinstance(exc, OSError):
                raise output_error(exc, self.path, is_folder=True) from None
            raise
        checkpoint("journal")
        target = self.path
        try:
            for done, name in enumerate(names, 1):
                target = self.path / name
                if name in existed:
                    os.replace(target, work / "old" / name)
                    checkpoint(f"set-aside-{done}")
                os.replace(work / "new" / name, target)
                checkpoint(f"moved-{done}")
            sync_folder(self.path)
        except BaseException as exc:
            self._undo(journal, exc, target)
        finish(self.path, journal)

    def _undo(self, journal: Journal, cause: BaseException, target: Path) -> NoReturn:
        """Put the earlier files back after `cause` stopped the moves, and say so."""
        try:
            move_back(self.path, journal)
        except OSError as again:
            # The journal decides what the next build does: back once new/ became undo/.
            undoing = (self.path / journal.work / "undo").exists()
            then = "puts them back" if undoing else "puts all the new ones in instead"
            left = (
                f"putting the earlier files back failed too ({again.strerror}); the next "
                f"deckgen build into {self.path} {then}"
            )
            raise output_error(
                cause if isinstance(cause, OSError) else again, target, outcome=left
            ) from None
        finish(self.path, journal)
        if isinstance(cause, OSError):
            raise output_error(cause, target) from None
        raise cause


def check_targets(groups: list[tuple[Path, ...]], force: bool) -> None:
    """Refuse before anything is built or written if any output exists and --force was not given.

    Each group is one deck's files (the .pptx first, then companions such as its manifest); the
    message names the deck, which is what the user thinks of as "the output".
    """
    clashing = [group[0] for group in groups if any(os.path.lexists(p) for p in group)]
    if clashing and not force:
        names = ", ".join(str(p) for p in clashing)
        raise OutputExistsError(
            f"{names} already {noun(len(clashing), 'exists', 'exist')}; pass --force to "
            "overwrite (nothing was written)"
        )
    for group in groups:
        for path in group:
            if os.path.isdir(path):
                raise OutputError(
                    f"{path}: is a folder, so no deck can be written there; move it away or "
                    "pass -o another folder (nothing was written)"
                )


@contextmanager
def deferred_signals() -> Iterator[list[int]]:
    """Ctrl-C and SIGTERM wait while files are being moved (a few renames), so an interrupted
    build never stops halfway; the caller raises once they are all in place."""
    pending: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pending  # only the main thread receives signals
        return
    wanted = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
    before = {s: signal.signal(s, lambda signum, frame: pending.append(signum)) for s in wanted}
    try:
        yield pending
    finally:
        for s, handler in before.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
