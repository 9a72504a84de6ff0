"""`deckgen check` on built decks, and builds that run the check."""

from __future__ import annotations

import json

from tests.conftest import NORTHWIND, run


def test_northwind_decks_pass_check_strict(northwind_decks):
    decks = [str(p) for p in sorted(northwind_decks.glob("*.pptx"))]
    result = run("check", *decks, "--strict")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.count(": 0 errors, 0 warnings") == 6


def test_check_json(northwind_decks):
    result = run("check", str(northwind_decks / "jordan-ellis.pptx"), "--json")
    report = json.loads(result.stdout)
    assert report[0]["errors"] == 0 and report[0]["skipped"] == []


def test_check_without_manifest_says_what_it_skipped(northwind_decks, tmp_path):
    copy = tmp_path / "deck.pptx"
    copy.write_bytes((northwind_decks / "jordan-ellis.pptx").read_bytes())
    result = run("check", str(copy))
    assert result.exit_code == 0
    assert "skipped: SL-03, SL-07, SL-08, PV-01: need the build manifest" in result.stdout


def test_check_bad_inputs(tmp_path):
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"not a zip")
    result = run("check", str(bad))
    assert result.exit_code == 1
    assert "bad.pptx: cannot open as a PowerPoint deck" in result.stderr
    assert "Traceback" not in result.output


def test_build_report_includes_findings_and_strict_passes(tmp_path):
    result = run("build", str(NORTHWIND), "-o", str(tmp_path), "--strict", "--json")
    assert result.exit_code == 0, result.stderr
    assert all(d["check"] == [] for d in json.loads(result.stdout)["decks"])
