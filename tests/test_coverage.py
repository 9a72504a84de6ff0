"""`deckgen evidence coverage`: the matrix a person reads, its JSON, and its exit status."""

from __future__ import annotations

import json
import shutil

from tests.conftest import ROOT, run


def test_coverage_prints_the_matrix_with_gaps_named():
    result = run("evidence", "coverage")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Evidence library: ")
    assert "verified at the publisher's own page" in lines[0]
    assert any(line.strip().endswith("/ 8") and "healthcare" in line for line in lines)
    assert any(
        "sickness absence: UK" in line and "cipd-sickness-absence-2025" in line for line in lines
    )
    assert any("Nordics (2+ countries)" in line for line in lines)


def test_coverage_json_counts_what_the_library_holds():
    report = json.loads(run("evidence", "coverage", "--json").stdout)
    items = list((ROOT / "evidence").glob("*.yaml"))
    assert report["items"] == len(items)
    cells = {c["key"]: c for c in report["benchmarks"]}
    assert "cipd-sickness-absence-2025" in cells["absence/GB"]["items"]
    assert cells["absence/GB"]["met"] is True
    assert 0 <= report["primary_share"] <= 100


def test_a_small_library_misses_its_targets_and_exits_1(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(ROOT / "evidence" / "cipd-sickness-absence-2025.yaml", lib)
    result = run("evidence", "coverage", "--library", str(lib))
    assert result.exit_code == 1
    assert "GAP  healthcare" in result.stdout
    assert "Evidence library: 1 item, 1 verified" in result.stdout
