"""`deckgen check` on built decks, and builds that run the check."""

from __future__ import annotations

import json

from tests.conftest import NORTHWIND, run


def _grammar_warning(finding: str) -> bool:
    """A deck-grammar warning (DG-xx): today's storylines break some, until they are rewritten."""
    return finding.startswith("warning: DG-")


def test_northwind_decks_pass_check_strict(northwind_decks):
    """No errors, and no warnings but the deck-grammar ones (DG-xx)."""
    decks = [str(p) for p in sorted(northwind_decks.glob("*.pptx"))]
    result = run("check", *decks, "--strict", "--json")
    reports = json.loads(result.stdout)
    assert len(reports) == 6 and all(r["errors"] == 0 for r in reports)
    others = [
        f
        for r in reports
        for f in r["findings"]
        if not _grammar_warning(f"{f['severity']}: {f['rule']}")
    ]
    assert others == []
    assert result.exit_code == (1 if any(r["warnings"] for r in reports) else 0)


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
    for d in json.loads(result.stdout)["decks"]:
        assert [f for f in d["check"] if not _grammar_warning(f)] == [], d["check"]
