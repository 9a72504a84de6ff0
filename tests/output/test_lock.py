"""The output folder's lock: one build at a time, never two holders, gone with its process."""

from __future__ import annotations

import os

import pytest

from deckgen.errors import OutputError
from deckgen.output import lock
from deckgen.output.lock import FolderLock


def test_a_held_lock_refuses_a_second_build_and_is_removed_on_release(tmp_path):
    first = FolderLock(tmp_path)
    first.acquire()
    with pytest.raises(OutputError, match="another deckgen build is writing here"):
        FolderLock(tmp_path).acquire()
    first.release()
    assert list(tmp_path.iterdir()) == []
    again = FolderLock(tmp_path)
    again.acquire()  # free again
    again.release()


@pytest.mark.skipif(os.name == "nt", reason="Windows never removes the lock file it holds")
def test_a_lock_on_a_file_its_holder_just_removed_is_taken_again(tmp_path, monkeypatch):
    first = FolderLock(tmp_path)
    first.acquire()
    real = lock._try_lock

    def holder_finishes_meanwhile(fd: int) -> bool:
        first.release()  # between our open() and our flock(): we now lock a removed file
        return real(fd)

    monkeypatch.setattr(lock, "_try_lock", holder_finishes_meanwhile)
    second = FolderLock(tmp_path)
    second.acquire()
    monkeypatch.undo()
    # The second build holds the file that is at the name, so a third one is refused.
    with pytest.raises(OutputError):
        FolderLock(tmp_path).acquire()
    second.release()
