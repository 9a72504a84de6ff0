"""What can go wrong writing the output folder, said in one line with what to do; and the test
hook that kills a build at a named step to show nothing is lost."""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

from deckgen.errors import OutputError

NOTHING_WRITTEN = "nothing was written"

_SPACE = "free some space, then build again"
_DENIED = "permission denied; pass -o a folder you can write to, or change its permissions"
_WHAT = {
    errno.ENOSPC: f"no space left on the disk; {_SPACE}",
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.EROFS: "the disk is read-only; pass -o a folder on a writable disk",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _WHAT[errno.EDQUOT] = f"disk quota exceeded; {_SPACE}"


def output_error(
    exc: OSError, path: Path, *, is_folder: bool = False, outcome: str = NOTHING_WRITTEN
) -> OutputError:
    """`exc` from writing `path` (the output folder, or a file of the build as the user will know
    it, not deckgen's staging name) as one line: the path, what happened, what to do, and what
    that left on disk."""
    return OutputError(f"{path}: {_what(exc, path, is_folder)} ({outcome})")


def _what(exc: OSError, path: Path, is_folder: bool) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM) and not is_folder:
        return (
            "permission denied; close it if another program has it open, or pass -o a folder "
            "you can write to"
        )  # Windows refuses to replace a deck that PowerPoint has open
    if exc.errno in _WHAT:
        return _WHAT[exc.errno]
    if exc.errno == errno.ENAMETOOLONG:
        if is_folder:
            return "the folder name is too long for this filesystem; pass a shorter -o"
        return (
            "the file name is too long for this filesystem; set a shorter `file:` for this "
            "executive in audience.yaml, or pass a shorter -o"
        )
    if exc.errno == errno.ENOTDIR:
        blocking = _file_above(path)
        if blocking is not None:
            return f"{blocking} is a file, so no folder can be made under it; pass -o a folder"
    if exc.errno == errno.EEXIST and is_folder:
        return "is a file, not a folder; pass -o a folder"
    return f"cannot write here ({exc.strerror or type(exc).__name__}); check the folder, then build again"


def _file_above(path: Path) -> Path | None:
    """The nearest existing ancestor of `path` that is not a folder."""
    for parent in path.parents:
        try:
            if parent.exists():
                return None if parent.is_dir() else parent
        except OSError:
            return None
    return None


def checkpoint(step: str) -> None:
    """A named step of the write phase (`locked`, `staged-3`, `journal`, `set-aside-2`,
    `moved-2`, ...) where the tests stop this build as a crash or an impatient user would.

    DECKGEN_TEST_KILL_AT=<step> sends SIGKILL to this process at that step (a crash: no
    cleanup runs); DECKGEN_TEST_STOP_AT=<step> sends SIGSTOP (the test then signals it and lets
    it go on). Harmless outside the tests: it only ever signals its own process, only when one of
    these variables names this exact step, and only on systems that have those signals.
    """
    for variable, name in (
        ("DECKGEN_TEST_KILL_AT", "SIGKILL"),
        ("DECKGEN_TEST_STOP_AT", "SIGSTOP"),
    ):
        if os.environ.get(variable) == step and hasattr(signal, name):
            os.kill(os.getpid(), getattr(signal, name))
