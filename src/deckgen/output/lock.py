"""One build at a time per output folder: an advisory lock on `<folder>/.deckgen.lock`.

The lock is the operating system's (flock on POSIX, msvcrt.locking on Windows), so it goes away
with the process however it ends: a killed build never leaves the folder locked. On POSIX the
holder removes the file while it still holds it, and a build that locked a file which is no
longer the one at that name tries again, so two builds can never both hold "the" lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from deckgen.errors import OutputError

LOCK_NAME = ".deckgen.lock"
_ATTEMPTS = 20  # each retry means another build released the lock just then
# Filesystems without locks (some network mounts): building unlocked beats refusing every build.
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}


class FolderLock:
    """Held from acquire() to release(); acquire() fails at once if another build holds it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Raises OutputError if another build holds the lock, OSError if the file cannot be
        made (a read-only folder)."""
        flags = os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        flags |= os.O_RDWR if os.name == "nt" else os.O_RDONLY  # flock needs no write access
        for _ in range(_ATTEMPTS):
            fd = os.open(self.path, flags, 0o666)
            try:
                held = _try_lock(fd)
            except BaseException:
                os.close(fd)
                raise
            if not held:
                os.close(fd)
                break
            if _still_at(fd, self.path):
                self._fd = fd
                return
            os.close(fd)  # its holder removed it on release: lock the file now at that name
        raise OutputError(
            f"{self.folder}: another deckgen build is writing here; wait for it to finish "
            "(nothing was written)"
        )

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if os.name == "nt":
            os.close(fd)
            # Windows refuses to remove a file another process has open, so this cannot take
            # the file from under a build that has just opened it.
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)  # still held: see _still_at
        os.close(fd)


def _try_lock(fd: int) -> bool:
    """Lock without waiting; False if another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in _NO_LOCKS:
            return True
        raise
    return True


def _still_at(fd: int, path: Path) -> bool:
    """True if the locked file is still the one named `path`."""
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (here.st_dev, here.st_ino)
