"""org.yaml, kpis.csv/xlsx and history.csv/xlsx as HR systems export them."""

from __future__ import annotations

import openpyxl
import pytest

from deckgen.errors import InputError
from deckgen.load.org import load_org
from deckgen.load.tables import parse_number

ORG = """name: Acme
currency: GBP
headcount: 300
average_salary: 38000
"""


def ws(tmp_path, org: str = ORG, **files: str):
    (tmp_path / "org.yaml").write_text(org)
    for name, text in files.items():
        (tmp_path / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return tmp_path


def problems(tmp_path) -> str:
    with pytest.raises(InputError) as err:
        load_org(tmp_path)
    return str(err.value)


def test_kpis_from_csv_with_export_quirks(tmp_path):
    csv = "\ufeffKPI;Value;Unit;Period\nVoluntary Attrition;17,5 %;;2025\nAbsence days per FTE;9,1;days;2025\n"
    org = load_org(ws(tmp_path, kpis_csv=csv))
    assert org.kpis["voluntary_attrition"].value == 17.5
    assert org.kpis["voluntary_attrition"].source == "kpis.csv line 2"
    assert org.kpis["absence_days_per_fte"].value == 9.1


def test_csv_problems_name_file_line_and_column(tmp_path):
    csv = (
        "kpi,value,unit,period\nvoluntary_attrition,high,percent,2025\nengagment,30,percent,2025\n"
    )
    text = problems(ws(tmp_path, kpis_csv=csv))
    assert "kpis.csv:2: value: expected a number, got 'high'" in text
    assert "kpis.csv:3: kpi: unknown KPI 'engagment'; did you mean 'engagement'?" in text


def test_unit_mismatch(tmp_path):
    csv = "kpi,value,unit\nvoluntary_attrition,17,days\n"
    assert (
        "kpis.csv:2: unit: expected unit 'percent' for voluntary_attrition, got 'days'"
        in problems(ws(tmp_path, kpis_csv=csv))
    )


def test_missing_columns(tmp_path):
    text = problems(ws(tmp_path, kpis_csv="metric,amount_x\nx,1\n"))
    assert "kpis.csv:1: expected columns kpi, value; missing value" in text


def test_kpis_in_two_places(tmp_path):
    org = ORG + "kpis:\n  engagement: {value: 30}\n"
    assert "keep one place" in problems(ws(tmp_path, org, kpis_csv="kpi,value\nengagement,30\n"))


def test_history_csv_sorted_and_duplicates(tmp_path):
    history = "kpi,period,value\nengagement,2024,31\nengagement,2023,33\n"
    org = load_org(ws(tmp_path, history_csv=history))
    assert [p.period for p in org.history["engagement"]] == ["2023", "2024"]
    dup = "kpi,period,value\nengagement,2024,31\nengagement,2024,30\n"
    assert "history.csv:3: period: engagement 2024 appears twice (first on line 2)" in problems(
        ws(tmp_path, history_csv=dup)
    )


def test_xlsx_percent_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["KPI", "Value", "Period"])
    sheet.append(["voluntary_attrition", 0.175, "2025"])
    sheet["B2"].number_format = "0.0%"
    sheet.append(["absence_days_per_fte", 8.5, "2025"])
    ws(tmp_path)
    book.save(tmp_path / "kpis.xlsx")
    org = load_org(tmp_path)
    assert org.kpis["voluntary_attrition"].value == pytest.approx(17.5)
    assert org.kpis["absence_days_per_fte"].source == "kpis.xlsx line 3"


def test_out_of_range_and_negative_headcount(tmp_path):
    org = ORG.replace("headcount: 300", "headcount: -3") + "kpis:\n  enps: {value: 140}\n"
    text = problems(ws(tmp_path, org))
    assert "org.yaml:3: headcount: input should be greater than 0, got -3" in text


def test_currency_code(tmp_path):
    text = problems(ws(tmp_path, ORG.replace("GBP", "pounds")))
    assert "currency: expected a 3-letter ISO 4217 code like EUR, got 'pounds'" in text


def test_unknown_key_did_you_mean(tmp_path):
    text = problems(ws(tmp_path, ORG + "headcont: 3\n"))
    assert "org.yaml:5: headcont: unknown key; did you mean 'headcount'?" in text


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("17.5", 17.5, False),
        ("17,5", 17.5, False),
        ("17.5%", 17.5, True),
        ("1,234.5", 1234.5, False),
        ("1.234,5", 1234.5, False),
        ("1 234", 1234.0, False),
        ("-12", -12.0, False),
        ("n/a", None, False),
    ],
)
def test_parse_number(text, value, percent):
    assert parse_number(text) == (value, percent)
