"""The output folder: a build's files go in all at once or not at all, whatever fails on the way."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from deckgen.errors import OutputError
from deckgen.output import OutputFolder, check_targets
from deckgen.output.journal import JOURNAL_NAME

EARLIER = {"ann.pptx": b"ann, earlier", "ann.manifest.json": b"{}", "bo.pptx": b"bo, earlier"}
NEWER = {
    "ann.pptx": b"ann, newer" * 100,
    "ann.manifest.json": b'{"new": 1}',
    "bo.pptx": b"bo, newer" * 100,
    "bo.manifest.json": b'{"new": 2}',
}


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def commit(folder: Path, files: dict[str, bytes]) -> None:
    with OutputFolder(folder) as out:
        out.commit(files)


@pytest.fixture
def folder(tmp_path) -> Path:
    """An output folder holding an earlier build's files and one file of the user's."""
    out = tmp_path / "out"
    commit(out, EARLIER)
    (out / "notes.txt").write_bytes(b"mine")
    return out


def expect(folder: Path, files: dict[str, bytes]) -> None:
    """Exactly `files` and the user's own file: no lock, journal, work folder or temp file."""
    assert contents(folder) == {**files, "notes.txt": b"mine"}
    assert sorted(p.name for p in folder.iterdir()) == sorted([*files, "notes.txt"])


def test_commit_replaces_the_earlier_files_and_touches_nothing_else(folder):
    commit(folder, NEWER)
    expect(folder, {**EARLIER, **NEWER})


def test_a_second_build_into_the_folder_is_refused_at_once(folder):
    with OutputFolder(folder), pytest.raises(OutputError) as refused:
        commit(folder, NEWER)
    assert str(refused.value) == (
        f"{folder}: another deckgen build is writing here; wait for it to finish "
        "(nothing was written)"
    )
    expect(folder, EARLIER)


def test_a_lock_file_left_by_a_killed_build_does_not_block(folder):
    (folder / ".deckgen.lock").write_bytes(b"")  # what SIGKILL leaves: the file, no holder
    commit(folder, NEWER)
    expect(folder, {**EARLIER, **NEWER})


def fail_at(monkeypatch, name: str, faults: dict[int, int], under: Path | None = None) -> None:
    """The k-th call of os.<name> fails with errno faults[k]. For os.write, whose argument is a
    descriptor, only calls on files opened under `under` count."""
    real = getattr(os, name)
    calls = 0
    ours: set[int] = set()
    if under is not None:
        real_open = os.open

        def tracking_open(path, *args, **kwargs):
            fd = real_open(path, *args, **kwargs)
            if str(path).startswith(str(under)):
                ours.add(fd)
            return fd

        monkeypatch.setattr(os, "open", tracking_open)

    def failing(*args, **kwargs):
        nonlocal calls
        if under is None or args[0] in ours:
            calls += 1
            if calls in faults:
                raise OSError(faults[calls], os.strerror(faults[calls]))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


@pytest.mark.parametrize("k", [1, 2, 4])
def test_a_full_disk_while_staging_writes_nothing(folder, monkeypatch, k):
    fail_at(monkeypatch, "write", {k: errno.ENOSPC}, under=folder)
    name = list(NEWER)[k - 1]
    with pytest.raises(OutputError) as failed:
        commit(folder, NEWER)
    assert str(failed.value) == (
        f"{folder / name}: no space left on the disk; free some space, then build again "
        "(nothing was written)"
    )
    expect(folder, EARLIER)


def test_a_full_disk_while_writing_the_journal_writes_nothing(folder, monkeypatch):
    fail_at(monkeypatch, "write", {len(NEWER) + 1: errno.ENOSPC}, under=folder)
    with pytest.raises(OutputError) as failed:
        commit(folder, NEWER)
    assert str(failed.value) == (
        f"{folder}: no space left on the disk; free some space, then build again "
        "(nothing was written)"
    )
    expect(folder, EARLIER)


# Renames in order: the journal into place (1), then per file: the earlier one aside (if there
# was one) and the new one in: ann.pptx 2-3, ann.manifest.json 4-5, bo.pptx 6-7, bo.manifest 8.
@pytest.mark.parametrize(("k", "where"), [(1, ""), (2, "ann.pptx"), (5, "ann.manifest.json"),
                                          (8, "bo.manifest.json")])  # fmt: skip
def test_a_rename_that_fails_puts_the_earlier_files_back(folder, monkeypatch, k, where):
    fail_at(monkeypatch, "replace", {k: errno.ENOSPC})
    with pytest.raises(OutputError) as failed:
        commit(folder, NEWER)
    path = folder / where if where else folder
    assert str(failed.value) == (
        f"{path}: no space left on the disk; free some space, then build again "
        "(nothing was written)"
    )
    expect(folder, EARLIER)


def test_when_even_starting_to_put_back_fails_the_next_build_puts_the_new_set_in(
    folder, monkeypatch
):
    def no_rename(src, dst):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "rename", no_rename)  # new/ cannot become undo/
    fail_at(monkeypatch, "replace", {5: errno.ENOSPC})
    with pytest.raises(OutputError) as failed:
        commit(folder, NEWER)
    assert str(failed.value).endswith(
        "(putting the earlier files back failed too (Input/output error); the next deckgen "
        f"build into {folder} puts all the new ones in instead)"
    )
    monkeypatch.undo()
    commit(folder, {})
    expect(folder, {**EARLIER, **NEWER})


def test_when_putting_back_fails_too_the_next_build_finishes_it(folder, monkeypatch):
    fail_at(monkeypatch, "replace", {5: errno.ENOSPC, 6: errno.EIO})  # 6: the first one back
    with pytest.raises(OutputError) as failed:
        commit(folder, NEWER)
    assert str(failed.value) == (
        f"{folder / 'ann.manifest.json'}: no space left on the disk; free some space, then build "
        f"again (putting the earlier files back failed too (Input/output error); the next "
        f"deckgen build into {folder} puts them back)"
    )
    monkeypatch.undo()
    with OutputFolder(folder) as again:
        assert again.recovered == (
            "a build stopped here while putting back the files it had replaced; deckgen put "
            "them back first"
        )
    expect(folder, EARLIER)


class Crash(BaseException):
    """Stands for the process dying: no handler in deckgen catches it."""


def test_a_crash_while_putting_back_is_finished_backward(folder, monkeypatch):
    real = os.replace
    calls = {"n": 0}

    def crashing(src, dst):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(errno.ENOSPC, "No space left on device")  # starts the rollback
        if calls["n"] == 7:
            raise Crash  # the second file being put back
        return real(src, dst)

    monkeypatch.setattr(os, "replace", crashing)
    with pytest.raises(Crash):
        commit(folder, NEWER)
    monkeypatch.undo()
    assert (folder / JOURNAL_NAME).exists()
    commit(folder, {})  # the next build, whatever it writes
    expect(folder, EARLIER)


def test_recovery_removes_only_what_deckgen_leaves(folder):
    (folder / ".deckgen-build-abcd1234" / "new").mkdir(parents=True)
    (folder / ".deckgen-build-abcd1234" / "new" / "ann.pptx").write_bytes(b"staged")
    (folder / ".ann.pptx.k2j4h5g6.tmp").write_bytes(b"half a deck")  # an older deckgen's temp
    (folder / ".deckgen-build-mine").mkdir()
    (folder / ".deckgen-build-mine" / "keep.txt").write_bytes(b"mine")
    (folder / ".notes.txt.k2j4h5g6.tmp").write_bytes(b"an editor's")
    commit(folder, {})
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*EARLIER, "notes.txt", ".deckgen-build-mine", ".notes.txt.k2j4h5g6.tmp"]
    )


def test_a_journal_deckgen_did_not_write_moves_nothing(folder):
    journal = {"deckgen_journal": 1, "work": ".deckgen-build-abcd1234",
               "files": ["../notes.txt"], "existed": []}  # fmt: skip
    (folder / JOURNAL_NAME).write_text(json.dumps(journal))
    with pytest.raises(OutputError) as refused:
        commit(folder, NEWER)
    assert str(refused.value) == (
        f"{folder / JOURNAL_NAME}: unexpected file name '../notes.txt'; delete it, then build "
        "again (nothing was written)"
    )
    (folder / JOURNAL_NAME).unlink()
    expect(folder, EARLIER)


def test_permission_denied_names_the_folder(folder, monkeypatch):
    real = os.open

    def denied(path, *args, **kwargs):
        if Path(path).name == ".deckgen.lock":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(OutputError) as refused:
        commit(folder, NEWER)
    assert str(refused.value) == (
        f"{folder}: permission denied; pass -o a folder you can write to, or change its "
        "permissions (nothing was written)"
    )
    expect(folder, EARLIER)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_refused(folder):
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            commit(folder, NEWER)
    finally:
        folder.chmod(0o755)
    expect(folder, EARLIER)


def test_a_folder_made_for_a_build_that_wrote_nothing_is_removed(tmp_path):
    with pytest.raises(OutputError), OutputFolder(tmp_path / "a" / "b"):
        raise OutputError("every deck failed")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_files_follow_the_umask(tmp_path, umask, mode):
    before = os.umask(umask)
    try:
        commit(tmp_path / "out", NEWER)
    finally:
        os.umask(before)
    for path in (tmp_path / "out").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == mode, path.name


def test_a_folder_where_a_deck_goes_is_refused_before_building(tmp_path):
    (tmp_path / "ann.pptx").mkdir()
    with pytest.raises(OutputError) as refused:
        check_targets([(tmp_path / "ann.pptx", tmp_path / "ann.manifest.json")], force=True)
    assert str(refused.value) == (
        f"{tmp_path / 'ann.pptx'}: is a folder, so no deck can be written there; move it away "
        "or pass -o another folder (nothing was written)"
    )


def test_a_deck_another_program_holds_open_is_named(folder, monkeypatch):
    fail_at(monkeypatch, "replace", {2: errno.EACCES})  # Windows, with PowerPoint showing it
    with pytest.raises(OutputError) as failed:
        commit(folder, NEWER)
    assert str(failed.value) == (
        f"{folder / 'ann.pptx'}: permission denied; close it if another program has it open, or "
        "pass -o a folder you can write to (nothing was written)"
    )
    expect(folder, EARLIER)
