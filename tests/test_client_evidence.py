"""The consultant's own evidence: a workspace's evidence/ folder (or --evidence-extra) merged
with the bundled library, chosen by the same rules and labelled by its owner wherever cited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import ROOT, run

WORKSPACE = ROOT / "tests" / "workspaces" / "northwind-client-evidence"
FIRM = ROOT / "tests" / "workspaces" / "halden-partners-evidence"
PILOT = "northwind-2025-depot-rota-pilot"
CITED = "Client case study, Northwind Logistics (2025)"


def slides(path: Path) -> list[str]:
    """Each slide's text, shapes and table cells joined."""
    out = []
    for slide in Presentation(str(path)).slides:
        parts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        parts += [
            c.text for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells
        ]
        out.append("\n".join(parts))
    return out


def source_of(path: Path, number: int) -> str:
    slide = Presentation(str(path)).slides[number - 1]
    return next(s.text_frame.text for s in slide.shapes if s.name == "Source")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict, str]:
    out = tmp_path_factory.mktemp("client-evidence")
    result = run(
        "build", str(WORKSPACE), "-o", str(out), "--exec", "Jordan Ellis", "--exec",
        "Martin Okafor", "--evidence-extra", str(FIRM), "--json", "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out, json.loads(result.stdout), result.stderr


def test_client_item_wins_the_slot_it_fits_best(built):
    _, report, _ = built
    chosen = {d["executive"]: {e["id"]: e for e in d["evidence"]} for d in report["decks"]}
    pick = chosen["Jordan Ellis"][PILOT]
    assert pick["purpose"] == "small changes that moved the numbers"
    assert "same industry (logistics)" in pick["why"] and pick["why"][-1] == "Client case study"
    assert PILOT in chosen["Martin Okafor"]


def test_slide_source_line_carries_the_owner_label(built):
    out, _, _ = built
    deck = out / "jordan-ellis.pptx"
    texts = slides(deck)
    number = next(n for n, t in enumerate(texts, 1) if "quits fell by 22%" in t)
    assert source_of(deck, number) == (
        f"Source: {CITED}. Team-planned rotas at two depots: the 2025 pilot. Grade C."
    )


def test_sources_slide_and_evidence_card_carry_the_owner_label(built):
    out, _, _ = built
    texts = slides(out / "jordan-ellis.pptx")
    sources = next(t for t in texts if t.startswith("Sources:"))
    assert (
        "Client case study: Northwind Logistics (2025). Team-planned rotas at two depots: the "
        "2025 pilot. Northwind Logistics. https://intranet.northwind.example/people/"
        "depot-rota-pilot-2025 Grade C."
    ) in sources.splitlines()
    card = next(t for t in texts if t.startswith(f"Evidence card: {CITED}"))
    assert "Limits: Two depots whose managers volunteered" in card


def test_firm_benchmark_is_labelled_on_the_benchmark_slide(built):
    out, _, _ = built
    texts = slides(out / "jordan-ellis.pptx")
    bench = next(t for t in texts if "above the European benchmark" in t)
    assert "Source: Halden Partners benchmark (2025), grade C; ours from Northwind" in bench
    sources = next(t for t in texts if t.startswith("Sources:"))
    assert "Halden Partners benchmark: Halden Partners (2025). European logistics" in sources


def test_manifest_names_the_labels(built):
    out, _, _ = built
    manifest = json.loads((out / "jordan-ellis.manifest.json").read_text())
    assert manifest["evidence_labels"] == {
        "halden-2025-logistics-attrition-benchmark": "Halden Partners benchmark",
        PILOT: "Client case study",
    }


def test_build_says_what_it_merged(built):
    _, _, stderr = built
    assert (
        f"note: evidence from {WORKSPACE / 'evidence'}, {FIRM} merged with the library, "
        "labelled by its owner"
    ) in stderr


def test_check_sees_the_merged_library(built):
    out, _, _ = built
    deck = str(out / "jordan-ellis.pptx")
    alone = run("check", deck)
    assert alone.exit_code == 1
    assert (
        "SL-07: slide 6 [Source]: 'halden-2025-logistics-attrition-benchmark' is not in the "
        "evidence library (if it came from a workspace's evidence/ folder, pass that with "
        "--evidence-extra)"
    ) in alone.stdout
    merged = run(
        "check",
        deck,
        "--evidence-extra",
        str(FIRM),
        "--evidence-extra",
        str(WORKSPACE / "evidence"),
    )
    assert merged.exit_code == 0, merged.stdout
    assert "SL-07" not in merged.stdout


def test_evidence_option_still_means_only_that_library(tmp_path):
    result = run(
        "build", str(WORKSPACE), "-o", str(tmp_path), "--exec", "Jordan Ellis", "--json", "-q",
        "--evidence", str(ROOT / "evidence"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    chosen = [e["id"] for e in json.loads(result.stdout)["decks"][0]["evidence"]]
    assert PILOT not in chosen
    assert "Client case study" not in "\n".join(slides(tmp_path / "jordan-ellis.pptx"))
    assert (
        f"note: {WORKSPACE / 'evidence'} was not merged: --evidence uses only the library it "
        f"names (add --evidence-extra {WORKSPACE / 'evidence'} to merge it)"
    ) in result.stderr


def test_lint_works_on_the_folder_alone():
    result = run("evidence", "lint", str(WORKSPACE / "evidence"), "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"Evidence folder {WORKSPACE / 'evidence'}: 1 item, 0 errors, 0 warnings\n"
    )


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the workspace's evidence folder that a test may spoil."""
    target = tmp_path / "evidence"
    shutil.copytree(WORKSPACE / "evidence", target)
    return target


def spoil(folder: Path, old: str, new: str) -> None:
    path = folder / f"{PILOT}.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_lint_names_file_and_line_of_an_unsourced_figure(folder):
    spoil(folder, "voluntary quits fell by {value}", "voluntary quits fell by 22%, to {value}")
    result = run("evidence", "lint", str(folder))
    assert result.exit_code == 1
    assert result.stdout == (
        f"error: typed-number: {folder}/{PILOT}.yaml:25: claims[0].statement: types the number "
        "'22'; numbers must come from the claim's value, low or high ({value}, {low}, {high})\n"
    )
    assert result.stderr == f"Evidence folder {folder}: 1 item, 1 error, 0 warnings\n"


def test_lint_names_file_and_line_of_a_zombie_statistic(folder):
    spoil(folder, "voluntary quits fell by {value}", "a disengaged driver cost {value} of salary")
    spoil(folder, "value: 22", "value: 34")
    result = run("evidence", "lint", str(folder))
    assert result.exit_code == 1
    assert result.stdout == (
        f"error: do-not-use:disengaged-34pct: {folder}/{PILOT}.yaml:25: claims[0].statement: "
        "'a disengaged employee costs 34% of salary' cannot be traced to Gallup; never use it "
        "(Gallup's cost figures are macro estimates, e.g. State of the Global Workplace)\n"
    )


def test_lint_alone_reports_an_id_the_library_has(folder):
    (folder / f"{PILOT}.yaml").rename(folder / "gallup-sogw-2024.yaml")
    spoil_id = folder / "gallup-sogw-2024.yaml"
    spoil_id.write_text(spoil_id.read_text().replace(f"id: {PILOT}", "id: gallup-sogw-2024"))
    result = run("evidence", "lint", str(folder))
    assert result.exit_code == 1
    assert result.stdout == (
        f"error: duplicate-id: {folder}/gallup-sogw-2024.yaml:3: id: id 'gallup-sogw-2024' is "
        "already used by evidence/gallup-sogw-2024.yaml; an item never replaces another, so "
        "give this one an id of its own (and rename the file to match)\n"
    )


def test_a_bad_client_item_stops_the_build_before_anything_is_written(tmp_path, folder):
    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    shutil.rmtree(ws / "evidence")
    shutil.move(folder, ws / "evidence")
    spoil(
        ws / "evidence",
        "voluntary quits fell by {value}",
        "voluntary quits fell by 22%, to {value}",
    )
    out = tmp_path / "out"
    result = run("build", str(ws), "-o", str(out))
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert result.stderr == (
        f"Error: {ws}/evidence/{PILOT}.yaml:25: claims[0].statement: types the number '22'; "
        "numbers must come from the claim's value, low or high ({value}, {low}, {high})\n"
    )
    assert not out.exists()


def test_evidence_list_and_show_see_the_merged_library():
    listed = run("evidence", "list", "--evidence-extra", str(WORKSPACE / "evidence"), "--json")
    item = next(i for i in json.loads(listed.stdout) if i["id"] == PILOT)
    assert item["owner"] == "client" and item["label"] == "Client case study"
    assert item["citation"] == CITED
    shown = run("evidence", "show", PILOT, "--evidence-extra", str(WORKSPACE / "evidence"))
    assert f"  {CITED} · study, grade C" in shown.stdout
    bundled = run("evidence", "show", "bloom-2024-hybrid-rct", "--json")
    assert json.loads(bundled.stdout)["owner"] is None


def test_readme_example_item_lints(tmp_path):
    import re

    readme = (ROOT / "README.md").read_text()
    name, text = re.search(r"```yaml\n# my-org/evidence/(\S+)\n(.*?)```", readme, re.S).groups()
    (tmp_path / name).write_text(text)
    result = run("evidence", "lint", str(tmp_path), "--strict")
    assert result.exit_code == 0, result.output
