"""Single files on disk: created new with the user's umask and flushed to the disk."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

# New files get 0o666 less the umask, as any program's files do (0644 or 0640, not always 0644).
_NEW = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def write_new(path: Path, data: bytes) -> None:
    """Create `path` (which must not exist), write `data` and flush it to the disk; on any
    failure nothing is left at `path`."""
    fd = os.open(path, _NEW, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (new names, renames) to the disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its renames are journalled by NTFS
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse to sync a folder; the renames still happened
    finally:
        os.close(fd)
