"""Inputs built to hurt: bombs, endless files, impossible dates and numbers, characters a slide
cannot hold, counts that hide people. Each gets a one-line message and writes nothing."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hostile.conftest import deckgen, tree

BASE = ROOT / "tests" / "bad_inputs" / "_base"
KEEP = b"an earlier deck the user cares about"
ORG = "name: Base Co\ncurrency: EUR\nheadcount: 300\naverage_salary: 40000\n"


def workspace(tmp_path: Path, **files: str | bytes) -> tuple[Path, Path]:
    """A copy of the corpus's base workspace with `files` replaced (`org__yaml` is org.yaml),
    and an output folder holding one earlier file."""
    ws, out = tmp_path / "ws", tmp_path / "out"
    shutil.copytree(BASE, ws)
    for name, data in files.items():
        path = ws / name.replace("__", ".")
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    out.mkdir()
    (out / "earlier.pptx").write_bytes(KEEP)
    return ws, out


def refused(ws: Path, out: Path, *message: str, args: tuple[str, ...] = ()):
    """Build, and check: exit 1, every message fragment on stderr, the output folder as it was,
    the workspace unchanged."""
    before = tree(ws)
    result = deckgen("build", str(ws), "-o", str(out), *args)
    assert result.code == 1, result.stderr
    for fragment in message:
        assert fragment in result.stderr, result.stderr
    assert tree(out) == {"earlier.pptx": KEEP}
    assert tree(ws) == before
    return result


LAUGHS = "\n".join(
    ["lol0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]"]
    + [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 9)]
)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("org__yaml", LAUGHS + "\nname: *l8\n", "org.yaml:1: the document holds more than 100,000"),
        (
            "audience__yaml",
            LAUGHS + "\nexecutives: *l8\n",
            "audience.yaml:1: the document holds more than 100,000 values",
        ),
        ("org__yaml", "name: " + "[" * 80 + "]" * 80 + "\n", "org.yaml:1: nested more than 50"),
        (
            "org__yaml",
            "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 70)),
            "nested more than 50",
        ),
    ],
)
def test_yaml_bombs_are_refused_quickly(tmp_path, name, text, message):
    ws, out = workspace(tmp_path, **{name: text})
    refused(ws, out, message)


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "/dev/urandom"])
def test_a_device_or_pipe_as_an_input_never_hangs(tmp_path, kind):
    ws, out = workspace(tmp_path)
    (ws / "org.yaml").unlink()
    if kind == "fifo":
        os.mkfifo(ws / "org.yaml")
    else:
        (ws / "org.yaml").symlink_to(kind)
    result = deckgen("build", str(ws), "-o", str(out))
    assert result.code == 1
    assert "org.yaml: expected a regular file, found a pipe or device" in result.stderr
    assert tree(out) == {"earlier.pptx": KEEP}


def _xlsx_bomb(path: Path, megabytes: int) -> None:
    """A workbook whose parts unpack to `megabytes` MB (it zips to a small fraction of that)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["kpi", "period", "value"])
    book.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/padding.xml", b" " * (megabytes * 1024 * 1024))


@pytest.mark.parametrize("megabytes", [60, 400])
def test_a_workbook_that_unpacks_to_too_much_is_refused_before_unpacking(tmp_path, megabytes):
    ws, out = workspace(tmp_path)
    _xlsx_bomb(ws / "history.xlsx", megabytes)
    refused(ws, out, "history.xlsx: the workbook unpacks to", "Save the sheet on its own")


@pytest.mark.parametrize(
    ("line", "rows"), [("x\n", 1_200_000), ("voluntary_attrition,2024,1\n", 30_000)]
)
def test_a_table_of_a_million_rows_gets_one_short_message(tmp_path, line, rows):
    ws, out = workspace(tmp_path, history__csv="kpi,period,value\n" + line * rows)
    result = refused(ws, out, "history.csv")
    assert len(result.stderr) < 5_000


def test_many_problems_are_listed_up_to_a_limit(tmp_path):
    rows = "".join(f"unknown_kpi_{i},2024,1\n" for i in range(500))
    ws, out = workspace(tmp_path, history__csv="kpi,period,value\n" + rows)
    result = refused(ws, out, "500 problems in the input:", "... and 475 more")
    assert result.stderr.count("unknown KPI") == 25


@pytest.mark.parametrize("jobs", ["1000", "64"])
def test_jobs_are_capped_at_the_core_count(tmp_path, jobs):
    from deckgen.batch import default_jobs, workers_for

    assert workers_for(int(jobs), 10_000) == default_jobs()
    ws, out = workspace(tmp_path)
    result = deckgen("build", str(ws), "-o", str(out), "-j", jobs, "--quiet")
    assert result.code == 0, result.stderr


AUDIENCE_DATED = "date: {}\nexecutives:\n  - {{name: Bo, blocker: no-roi}}\n"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"audience__yaml": AUDIENCE_DATED.format("2026-02-30")},
            "audience.yaml:1: date: '2026-02-30' is not a calendar date (day is out of range for "
            "month); write a real date like 2026-03-31",
        ),
        (
            {"audience__yaml": AUDIENCE_DATED.format("0000-01-01")},
            "audience.yaml:1: date: '0000-01-01' is not a calendar date (year 0 is out of range)",
        ),
        (
            {"audience__yaml": AUDIENCE_DATED.format("9999-12-31")},
            "audience.yaml:1: date: expected a date between 1980 and 2100, got 9999-12-31",
        ),
        (
            {"org__yaml": ORG.replace("40000", ".inf")},
            "org.yaml:4: average_salary: expected a finite number",
        ),
        (
            {"org__yaml": ORG.replace("300", "1" + "0" * 400)},
            "org.yaml:3: headcount: input should be less than or equal to 10000000",
        ),
        (
            {"org__yaml": ORG.replace("40000", "1e400")},
            "org.yaml:4: average_salary: expected a number, got '1e400'",
        ),
        (
            {"audience__yaml": 'executives:\n  - {name: Bo, said: "We can\\x01t afford it"}\n'},
            "audience.yaml:2: executives[0].said: contains the control character U+0001, which a "
            "slide cannot hold; remove it",
        ),
        (
            {
                "kpis__csv": 'kpi,value,period\nvoluntary_attrition,15,"2025\x02"\n',
                "org__yaml": ORG,
            },
            "kpis.csv:2: period: contains the control character U+0002; remove it",
        ),
    ],
)
def test_impossible_values_get_a_message_naming_file_and_key(tmp_path, files, message):
    ws, out = workspace(tmp_path, **files)
    refused(ws, out, message)


@pytest.mark.parametrize("n", ["four", "-1"])
def test_an_unreadable_count_of_people_is_an_error_never_no_count(tmp_path, n):
    csv = f"kpi,value,period,n\nvoluntary_attrition,15,2025,120\nengagement,31,2025,{n}\n"
    ws, out = workspace(tmp_path, kpis__csv=csv, org__yaml=ORG)
    refused(
        ws,
        out,
        "kpis.csv:3: n: expected a count of people (a whole number, or '<5' where there are too "
        f"few to show), got '{n}'",
    )


@pytest.mark.parametrize("n", ["<5", "fewer than 5"])
def test_a_count_written_as_too_few_holds_the_figure_back(tmp_path, n):
    from pptx import Presentation

    csv = f"kpi,value,period,n\nvoluntary_attrition,15,2025,120\nengagement,31,2025,{n}\n"
    ws, out = workspace(tmp_path, kpis__csv=csv, org__yaml=ORG)
    result = deckgen("build", str(ws), "-o", str(out))
    assert result.code == 0, result.stderr
    assert "engagement is based on 0 people" in result.stderr
    deck = Presentation(str(out / "bo-chan.pptx"))
    shapes = [shape for slide in deck.slides for shape in slide.shapes]
    text = " ".join(s.text_frame.text for s in shapes if s.has_text_frame)
    cells = " ".join(
        c.text for s in shapes if s.has_table for row in s.table.rows for c in row.cells
    )
    assert "31%" not in text + cells and "Engagement" not in cells


@pytest.mark.parametrize(
    ("size", "message"),
    [(5 * 1024 * 1024, "larger than 5 MB"), (200, "org.yaml:1: name: expected at most 150")],
)
def test_a_huge_organisation_name_is_refused(tmp_path, size, message):
    ws, out = workspace(tmp_path, org__yaml=ORG.replace("Base Co", "N" * size))
    refused(ws, out, message)


def _library_with(tmp_path: Path, change) -> Path:
    import yaml

    folder = tmp_path / "library"
    shutil.copytree(ROOT / "evidence", folder)
    path = folder / "bloom-2024-hybrid-rct.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return folder


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_evidence_that_is_not_a_number_is_refused(tmp_path, value):
    def change(data):
        data["claims"][0]["value"] = value

    library = _library_with(tmp_path, change)
    lint = deckgen("evidence", "lint", "--library", str(library))
    assert lint.code == 1
    assert "claims[0].value: expected a finite number" in lint.stderr + lint.stdout
    ws, out = workspace(tmp_path)
    refused(ws, out, "expected a finite number", args=("--evidence", str(library)))


@pytest.mark.parametrize("side", ["left", "right"])
def test_an_evidence_chart_naming_a_missing_claim_is_refused(tmp_path, side):
    def change(data):
        first = data["claims"][0]["id"]
        data["chart"] = {"left": first, "right": first, side: "no-such-claim"}

    library = _library_with(tmp_path, change)
    lint = deckgen("evidence", "lint", "--library", str(library))
    assert lint.code == 1
    assert "chart names claim 'no-such-claim', which the item does not have" in (
        lint.stdout + lint.stderr
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"slides": [1, 2]}', "not a deckgen manifest: slides[0]: expected a mapping"),
        (
            '{"slides": [{"number": 1, "role": "title", "numbers": [{"text": "1"}]}]}',
            "not a deckgen manifest: slides[0].numbers[0].value: field required",
        ),
        ('{"slides": ', "not a deckgen manifest (line 1: Expecting value)"),
        ("\x00\x01binary", "expected a text file, found binary data"),
    ],
)
def test_check_with_a_malformed_manifest_says_so(tmp_path, text, message):
    from tests.conftest import NORTHWIND

    out = tmp_path / "out"
    assert deckgen("build", str(NORTHWIND), "-o", str(out), "--exec", "Priya Shah").code == 0
    (out / "priya-shah.manifest.json").write_text(text)
    result = deckgen("check", str(out / "priya-shah.pptx"))
    assert result.code == 1 and message in result.stderr, result.stderr
