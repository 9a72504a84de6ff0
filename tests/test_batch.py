"""Batches over worker processes (-j): the same files as one process, and no stray workers."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckgen.batch import workers_for
from tests.conftest import NORTHWIND, ROOT, run
from tests.test_safety import big_workspace


def deckgen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "deckgen", *args], cwd=ROOT, capture_output=True, text=True
    )


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_two_workers_write_the_same_bytes_as_one(tmp_path):
    one = deckgen("build", str(NORTHWIND), "-o", str(tmp_path / "one"), "-j", "1", "--no-cache")
    two = deckgen("build", str(NORTHWIND), "-o", str(tmp_path / "two"), "-j", "2", "--no-cache")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert digests(tmp_path / "one") == digests(tmp_path / "two")
    assert len(digests(tmp_path / "two")) == 12
    assert "Built 6 decks" in two.stderr


def test_decks_built_together_equal_decks_built_alone(tmp_path):
    """A batch copies slides it has built before and remembers what the checker found on them;
    neither may change a byte of any deck."""
    together = run("build", str(NORTHWIND), "-o", str(tmp_path / "together"), "-j", "1")
    assert together.exit_code == 0, together.stderr
    for deck in sorted((tmp_path / "together").glob("*.pptx")):
        name = deck.stem.replace("-", " ")
        alone = run("build", str(NORTHWIND), "-o", str(tmp_path / "alone"), "--exec", name)
        assert alone.exit_code == 0, alone.stderr
        assert (tmp_path / "alone" / deck.name).read_bytes() == deck.read_bytes(), deck.name
    assert len(list((tmp_path / "alone").glob("*.pptx"))) == 6


def test_workers_only_when_there_is_enough_to_share(monkeypatch):
    from deckgen import batch

    monkeypatch.setattr(batch, "default_jobs", lambda: 8)
    assert workers_for(jobs=2, decks=1) == 1
    assert workers_for(jobs=2, decks=5) == 1
    assert workers_for(jobs=2, decks=6) == 2
    assert workers_for(jobs=8, decks=50) == 8
    assert workers_for(jobs=1, decks=50) == 1
    assert workers_for(jobs=1000, decks=5000) == 8  # never more than the cores


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found |= {int(p) for p in text.split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_stopping_a_parallel_build_stops_its_workers_and_writes_nothing(tmp_path):
    ws = big_workspace(tmp_path, 60)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "build", str(ws), "-o", str(out), "-j", "2", "-q"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "DECKGEN_JOBS": "2"},
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        workers |= {p for p in _children(proc.pid) if "spawn_main" in _cmdline(p)}
        time.sleep(0.1)
    assert len(workers) >= 2, "the build should have started two workers"
    time.sleep(1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert b"Traceback" not in err
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers), "workers outlived the build"
    assert not out.exists() or not list(out.iterdir())


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""
