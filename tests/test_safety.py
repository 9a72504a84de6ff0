"""Interrupted builds, no network, and the same bytes whatever the hash seed."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from deckgen.output import OutputFolder
from tests.conftest import NORTHWIND, ROOT, run


def big_workspace(tmp_path: Path, n: int) -> Path:
    ws = tmp_path / "big"
    shutil.copytree(NORTHWIND, ws)
    audience = yaml.safe_load((ws / "audience.yaml").read_text())
    base = audience["executives"]
    audience["executives"] = [{**base[i % len(base)], "name": f"Person {i:02d}"} for i in range(n)]
    (ws / "audience.yaml").write_text(yaml.safe_dump(audience, sort_keys=False))
    return ws


def test_killed_build_leaves_no_partial_files_and_earlier_decks_intact(tmp_path):
    ws = big_workspace(tmp_path, 200)
    out = tmp_path / "out"
    first = run("build", str(ws), "-o", str(out), "--exec", "Person 00", "--charts", "native")
    assert first.exit_code == 0, first.stderr
    earlier = (out / "person-00.pptx").read_bytes()

    proc = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "build", str(ws), "-o", str(out), "--force", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    time.sleep(3)  # well inside building 200 decks with charts (~1 min), before any is written
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode() in (
        "Interrupted.\n",  # still reading the inputs: the folder was not even locked yet
        f"Interrupted; nothing was written (the files in {out} are as they were).\n",
    )
    assert not list(out.glob(".*.tmp")), "no temporary files left behind"
    assert sorted(p.name for p in out.iterdir()) == ["person-00.manifest.json", "person-00.pptx"]
    for deck in out.glob("*.pptx"):
        with zipfile.ZipFile(deck) as archive:
            assert archive.testzip() is None, f"{deck.name} is damaged"
    assert (out / "person-00.pptx").read_bytes() == earlier


def test_an_interrupt_while_moving_decks_in_never_leaves_half_a_set(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the old deck")

    def interrupted(src, dst):
        raise KeyboardInterrupt  # as if Ctrl-C could land inside a rename

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt), OutputFolder(tmp_path) as folder:
        folder.commit({"deck.pptx": b"the new deck" * 1000, "deck.manifest.json": b"{}"})
    assert target.read_bytes() == b"the old deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_builds_with_the_network_switched_off(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("deckgen tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = run("build", str(NORTHWIND), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert len(list(tmp_path.glob("*.pptx"))) == 6


def _can_unshare_network() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_unshare_network(), reason="needs `unshare -rn` (Linux namespaces)")
def test_builds_with_no_network_at_all(tmp_path):
    """No network device in the process, so native code (the chart renderer) is covered too."""
    build = ["build", str(NORTHWIND), "-o", str(tmp_path), "--quiet", "--strict"]
    result = subprocess.run(
        ["unshare", "-rn", sys.executable, "-m", "deckgen", *build],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("*.pptx"))) == 6


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.suffix in (".pptx", ".json")
    }


def test_same_bytes_under_different_hash_seeds(tmp_path):
    outputs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(
            [sys.executable, "-m", "deckgen", "build", str(NORTHWIND), "-o", str(out), "--quiet"],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        outputs.append(_digests(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 12


def test_board_copy_has_no_notes(tmp_path):
    from pptx import Presentation

    result = run(
        "build",
        str(NORTHWIND),
        "-o",
        str(tmp_path),
        "--exec",
        "Jordan Ellis",
        "--board-copy",
        "--strict",
    )
    assert result.exit_code == 0, result.stderr
    prs = Presentation(str(tmp_path / "jordan-ellis.pptx"))
    assert not any(
        s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in prs.slides
    )
