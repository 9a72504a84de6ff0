"""Native charts' embedded workbooks hold literal text and numbers, never formulas or links (the
python-pptx internals this relies on are checked in test_internals.py)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import openpyxl
import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData

from deckgen.load.theme import load_theme
from deckgen.models import ChartItem, ChartPanel, ChartPlan
from deckgen.pptx.internals import literal_chart_data
from deckgen.pptx.native import add_native_chart
from tests.conftest import NORTHWIND, ROOT, run

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1:A2)", "https://x.example/"]


def workbooks(deck_bytes: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("ppt/embeddings/")]


def sheet_xml(workbook: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return b"".join(
            archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")
        )


def cells(workbook: bytes) -> list[tuple[object, str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    return [(c.value, c.data_type) for row in sheet.iter_rows() for c in row if c.value is not None]


# Why the fence exists, and that it changes nothing else ----------------------------------------


def test_stock_python_pptx_would_write_a_formula_and_the_fence_does_not():
    def workbook(data) -> bytes:
        data.categories = ["=1+1", "2025"]
        data.add_series('=HYPERLINK("https://x.example")', [1.0, 2.0])
        return data.xlsx_blob

    assert re.search(rb"<f[ >]", sheet_xml(workbook(CategoryChartData())))  # why the fence exists
    fenced = workbook(literal_chart_data())
    assert not re.search(rb"<f[ >]", sheet_xml(fenced))
    assert cells(fenced) == [
        ('=HYPERLINK("https://x.example")', "s"), ("=1+1", "s"), (1, "n"), ("2025", "s"), (2, "n")
    ]  # fmt: skip


def test_literal_workbook_matches_python_pptx_for_ordinary_data():
    def workbook(data) -> bytes:
        data.categories = ["2023", "2024", "2025"]
        data.add_series("Voluntary attrition", [14.5, None, 17.0], number_format="0.0")
        return data.xlsx_blob

    assert cells(workbook(literal_chart_data())) == cells(workbook(CategoryChartData()))


# Every kind of native chart deckgen draws -----------------------------------------------------


@pytest.mark.parametrize("kind", ["trend", "comparison", "range"])
def test_native_chart_labels_starting_like_formulas_stay_text(kind):
    items = tuple(
        ChartItem(x, float(i + 1), f"{i + 1}%", low=float(i), high=float(i + 2))
        for i, x in enumerate(HOSTILE)
    )
    plan = ChartPlan(kind, (ChartPanel("=1+1 title", items),), "alt", 10.0, 4.0)
    theme = load_theme("clean")
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    add_native_chart(slide, plan, theme, 0, 0, prs.slide_width, prs.slide_height)
    out = io.BytesIO()
    prs.save(out)
    books = workbooks(out.getvalue())
    assert books
    for book in books:
        assert not re.search(rb"<f[ >]", sheet_xml(book))
        with zipfile.ZipFile(io.BytesIO(book)) as archive:
            assert not [
                n for n in archive.namelist() if "rels" in n and b"External" in archive.read(n)
            ]
        texts = {value for value, kind_ in cells(book) if kind_ == "s"}
        for hostile in HOSTILE:
            assert hostile in texts, (hostile, texts)


def test_an_evidence_label_that_reads_as_a_formula_is_text_in_the_built_deck(tmp_path):
    evidence = tmp_path / "evidence"
    shutil.copytree(ROOT / "evidence", evidence)
    (evidence / "microsoft-work-trend-index-2023.yaml").unlink()  # so the 2022 chart is chosen
    item = evidence / "microsoft-work-trend-index-2022.yaml"
    text = item.read_text(encoding="utf-8")
    text = text.replace('left_label: "Leaders unsure staff are productive"',
                        "left_label: \"=cmd|' /C calc'!A0\"")  # fmt: skip
    text = text.replace('right_label: "Employees who say they are"', 'right_label: "@SUM(A1:A2)"')
    item.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "build", str(NORTHWIND), "-o", str(out), "--exec", "Priya Shah", "--charts", "native",
        "--evidence", str(evidence), "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    books = workbooks((out / "priya-shah.pptx").read_bytes())
    assert books and not [b for b in books if re.search(rb"<f[ >]", sheet_xml(b))]
    texts = {value for book in books for value, kind in cells(book) if kind == "s"}
    assert {"=cmd|' /C calc'!A0", "@SUM(A1:A2)"} <= texts
