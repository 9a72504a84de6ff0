"""Hostile inputs and faults: run deckgen as a separate, resource-limited process and check it
answers with a message, runs nothing, and writes nothing outside its output folder."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Bytes of (private, writable) memory a hostile input may make deckgen use. RLIMIT_DATA, not
# RLIMIT_AS: the chart renderer's JavaScript engine reserves a large address range up front.
MEMORY_LIMIT = 2 * 1024**3
CPU_LIMIT = 120  # seconds of CPU


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def deckgen(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> Outcome:
    """`python -m deckgen ARGS` under memory and CPU limits; never a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "deckgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        preexec_fn=_limits,
        timeout=CPU_LIMIT * 2,
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return Outcome(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def canary(tmp_path) -> Path:
    """A file that only code run from a planted input would create."""
    return tmp_path / "CANARY-code-was-run"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (to show nothing else was touched)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }
