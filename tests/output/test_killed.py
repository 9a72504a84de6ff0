"""Real builds stopped at named steps of the write phase (the DECKGEN_TEST_KILL_AT/STOP_AT hook in
deckgen/output/faults.py): killed, interrupted or raced, the folder ends with one complete set."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NORTHWIND, ROOT, run

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL") or not hasattr(os, "WUNTRACED"), reason="POSIX signals"
)

TWO = ("--exec", "Priya Shah", "--exec", "Jordan Ellis", "--charts", "native", "--quiet")
NAMES = [
    "jordan-ellis.manifest.json",
    "jordan-ellis.pptx",
    "priya-shah.manifest.json",
    "priya-shah.pptx",
]


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def sets(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """The earlier set (the boardroom theme) and the new one a build replaces it with."""
    found = {}
    for label, theme in (("earlier", "boardroom"), ("new", "clean")):
        out = tmp_path_factory.mktemp(label)
        result = run("build", str(NORTHWIND), "-o", str(out), *TWO, "--theme", theme)
        assert result.exit_code == 0, result.stderr
        found[label] = contents(out)
        assert sorted(found[label]) == NAMES
    for name in NAMES:  # a manifest does not depend on the theme: mark the earlier one apart
        if found["earlier"][name] == found["new"][name]:
            found["earlier"][name] += b"\n"
    assert all(found["earlier"][n] != found["new"][n] for n in NAMES), "the sets must differ"
    return found


@pytest.fixture
def out(tmp_path, sets) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    for name, data in sets["earlier"].items():
        (folder / name).write_bytes(data)
    return folder


def start(out: Path, **hook: str) -> subprocess.Popen:
    """`deckgen build` of the new set into `out`, in its own process, with the test hook set."""
    env = {**os.environ, **hook}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.Popen(
        [sys.executable, "-m", "deckgen", "build", str(NORTHWIND), "-o", str(out), "--force",
         *TWO],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wait_until_stopped(proc: subprocess.Popen) -> None:
    """Until the build has sent itself SIGSTOP at its step (it cannot hang: it stops or ends)."""
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    if not os.WIFSTOPPED(status):
        pytest.fail(f"the build ended before its stop point: {proc.stderr.read()}")


@pytest.mark.parametrize(
    ("step", "after"),
    [
        ("staged-3", "earlier"),  # 3 of 4 files staged: the earlier set stays
        ("journal", "new"),  # every file staged and recorded: the build counts as done
        ("set-aside-3", "new"),  # an earlier deck moved aside, its new one not yet in
        ("moved-2", "new"),  # half the files in place
        ("moved-4", "new"),  # all in place, the work folder not yet removed
    ],
)
def test_a_build_killed_at_any_step_leaves_one_complete_set(out, sets, step, after):
    killed = start(out, DECKGEN_TEST_KILL_AT=step)
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    if step in ("staged-3", "journal"):  # nothing moved yet: the earlier decks, as they were
        assert {n: (out / n).read_bytes() for n in NAMES} == sets["earlier"]

    # The next build into the folder finishes (or discards) the killed one before anything
    # else, here before refusing to overwrite without --force.
    rerun = run("build", str(NORTHWIND), "-o", str(out), *TWO)
    assert rerun.exit_code == 1
    assert "already exist; pass --force to overwrite (nothing was written)" in rerun.stderr
    assert contents(out) == sets[after], "exactly one complete set, and nothing else"


def test_the_rerun_after_a_kill_says_it_finished_the_killed_build(out, sets):
    killed = start(out, DECKGEN_TEST_KILL_AT="moved-2")
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    rerun = run("build", str(NORTHWIND), "-o", str(out), "--force", *TWO)
    assert rerun.exit_code == 0, rerun.stderr
    assert (
        f"warning: {out}: a build was killed here while putting its files in place; deckgen "
        "finished that first (4 files, all complete)\n"
    ) in rerun.stderr
    assert contents(out) == sets["new"]


def test_a_second_build_into_the_same_folder_stops_at_once(out, sets):
    first = start(out, DECKGEN_TEST_STOP_AT="locked")
    try:
        wait_until_stopped(first)  # holding the folder's lock
        second = run("build", str(NORTHWIND), "-o", str(out), "--force", *TWO)
        assert second.exit_code == 1
        assert second.stderr == (
            f"Error: {out}: another deckgen build is writing here; wait for it to finish "
            "(nothing was written)\n"
        )
        assert contents(out) == {**sets["earlier"], ".deckgen.lock": b""}
    finally:
        first.send_signal(signal.SIGCONT)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert contents(out) == sets["new"]


def test_sigterm_while_staging_leaves_the_earlier_set(out, sets):
    proc = start(out, DECKGEN_TEST_STOP_AT="staged-3")
    wait_until_stopped(proc)
    proc.send_signal(signal.SIGTERM)  # delivered when it goes on
    proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err == f"Interrupted; nothing was written (the files in {out} are as they were).\n"
    assert contents(out) == sets["earlier"]


def test_sigterm_while_moving_finishes_the_moves_first(out, sets):
    proc = start(out, DECKGEN_TEST_STOP_AT="moved-2")
    wait_until_stopped(proc)
    proc.send_signal(signal.SIGTERM)
    proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err == (
        f"Interrupted while putting this build's 4 files in {out}; deckgen finished that "
        "first, so all are in place.\n"
    )
    assert contents(out) == sets["new"]


def test_the_hook_does_nothing_unless_its_step_is_named(out, sets):
    proc = start(out, DECKGEN_TEST_KILL_AT="no-such-step")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert contents(out) == sets["new"]
