"""The bad-input corpus (tests/bad_inputs/): every case gets a clear answer and loses nothing.

Each case folder holds the files it changes on top of `_base/` and a `case.yaml`: the command
(`args`), the expected exit code, message fragments that name the file and field, and for text
that is not an error (Jinja syntax, spreadsheet formulas, emoji, right-to-left) what must appear
literally in the deck, and for a hostile template (`generate: template:NAME`) what the deck must
not carry. Binary, huge and template inputs are generated here, not committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from pptx import Presentation

from tests import hostile_templates
from tests.conftest import ROOT, run

CORPUS = ROOT / "tests" / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
KEEP = b"an earlier deck the user cares about"


def _binary(ws: Path, name: str) -> None:
    (ws / name).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)


def _latin1(ws: Path, name: str) -> None:
    text = (ws / name).read_text().replace("Base Co", "Café Co")
    (ws / name).write_bytes(text.encode("latin-1"))


def _control_char(ws: Path, name: str) -> None:
    path = ws / name
    path.write_text(path.read_text().replace("afford it", "afford\x0bit"))


def _latin1_csv(ws: Path, _: str) -> None:
    (ws / "kpis.csv").write_bytes(
        "kpi,value,period\nvoluntary_attrition,15,année 2025\n".encode("latin-1")
    )


def _big_csv(ws: Path, _: str) -> None:
    line = b"voluntary_attrition,2024,14.5\n"
    with (ws / "history.csv").open("wb") as handle:
        handle.write(b"kpi,period,value\n")
        handle.write(line * (50 * 1024 * 1024 // len(line)))


def _xlsx_formula(ws: Path, _: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["kpi", "value", "period"])
    sheet.append(["voluntary_attrition", "=10+5", "2025"])
    sheet.append(["absence_days_per_fte", 9, "2025"])
    sheet.append([None, 10, "2024"])
    sheet.merge_cells("A3:A4")
    book.save(ws / "kpis.xlsx")


def _renamed_template(ws: Path, _: str) -> None:
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    names = iter(["Cover", "Text", "Divider", "Two columns", "Heading only", "Empty"])
    for layout, name in zip(prs.slide_layouts, names, strict=False):  # the archetypes keep theirs
        layout._element.find(
            "{http://schemas.openxmlformats.org/presentationml/2006/main}cSld"
        ).set("name", name)
    prs.save(ws / "client.pptx")


def _huge_said(ws: Path, _: str) -> None:
    text = (ws / "audience.yaml").read_text()
    huge = "We can't afford it. " * 50_000
    (ws / "audience.yaml").write_text(text.replace('"We can\'t afford it this year."', f'"{huge}"'))


# `generate: KIND` or `generate: KIND:ARGUMENT` in a case.yaml -> what makes that input.
GENERATORS = {
    "binary": _binary,
    "latin1": _latin1,
    "control-char": _control_char,
    "latin1-csv": _latin1_csv,
    "big-csv": _big_csv,
    "xlsx-formula": _xlsx_formula,
    "corrupt-template": lambda ws, _: (ws / "client.pptx").write_bytes(
        b"PK\x03\x04 this is not a presentation"
    ),
    "ole-template": lambda ws, _: (ws / "client.pptx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    ),
    "renamed-template": _renamed_template,
    # a hostile client template (tests/hostile_templates.py)
    "template": lambda ws, name: getattr(hostile_templates, name.replace("-", "_"))(
        ws / "client.pptx"
    ),
    "huge-said": _huge_said,
}


def generate(kind: str, ws: Path) -> None:
    name, _, argument = kind.partition(":")
    GENERATORS[name](ws, argument)


def deck_text(path: Path) -> str:
    prs = Presentation(str(path))
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def table_rows(path: Path) -> set[str]:
    return {
        row.cells[0].text
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    }


def test_corpus_is_big_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path):
    spec = yaml.safe_load((CORPUS / name / "case.yaml").read_text(encoding="utf-8"))
    ws, out = tmp_path / "ws", tmp_path / "out"
    shutil.copytree(CORPUS / "_base", ws)
    for path in (CORPUS / name).iterdir():
        if path.is_dir():  # a folder of the workspace, such as evidence/
            shutil.copytree(path, ws / path.name)
        elif path.name != "case.yaml":
            shutil.copy(path, ws / path.name)
    if "generate" in spec:
        generate(spec["generate"], ws)
    out.mkdir()
    (out / "earlier.pptx").write_bytes(KEEP)
    args = [a.format(ws=ws, out=out) for a in spec.get("args", ["build", "{ws}", "-o", "{out}"])]

    result = run(*args)
    output = result.output + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == spec.get("exit", 1), output
    assert (out / "earlier.pptx").read_bytes() == KEEP, "pre-existing output changed"
    for fragment in spec.get("message", []):
        assert fragment in result.stderr, f"{fragment!r} not in: {result.stderr}"
    if spec.get("warning"):
        assert spec["warning"] in result.stderr
    decks = sorted(p for p in out.glob("*.pptx") if p.name != "earlier.pptx")
    if result.exit_code != 0:
        assert decks == [] and not list(out.glob("*.manifest.json")), "nothing written on error"
        assert not list(out.glob(".*.tmp")), "no temporary files left"
        assert [p.name for p in out.iterdir()] == ["earlier.pptx"], "no lock or staging left"
        return
    assert decks, "a non-error case builds its deck"
    _check_built(spec, decks)


def _check_built(spec: dict, decks: list[Path]) -> None:
    """What a case that builds asks of its decks: names, text shown literally, rows held back."""
    if "carries_nothing" in spec:
        for deck in decks:
            hostile_templates.assert_carries_nothing(deck, *spec["carries_nothing"])
    if "files" in spec:
        assert [d.name for d in decks] == sorted(spec["files"])
    text = deck_text(decks[0])
    for literal in spec.get("literal", []):
        assert literal in text, f"{literal!r} should appear literally in the deck"
    manifest = decks[0].with_name(decks[0].stem + ".manifest.json").read_text(encoding="utf-8")
    for literal in spec.get("manifest_literal", []):
        assert literal in manifest, f"{literal!r} should be named in the deck's manifest"
    for forbidden in spec.get("not_literal", []):
        assert forbidden not in text, f"{forbidden!r} means a template was evaluated"
    for row in spec.get("absent_rows", []):
        assert row not in table_rows(decks[0])
