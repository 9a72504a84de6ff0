"""org.yaml, kpis.csv/xlsx and history.csv/xlsx as HR systems export them."""

from __future__ import annotations

import openpyxl
import pytest

from deckgen.errors import InputError
from deckgen.load.amounts import parse_number
from deckgen.load.org import load_org

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


@pytest.mark.parametrize("written", ["1-5", "1–5", "5", "out of 5", "/5", "1 to 5"])
def test_a_score_scale_as_people_write_it(tmp_path, written):
    org = ORG + f"kpis:\n  psychological_safety: {{value: 3.2, unit: score, scale: '{written}'}}\n"
    kpi = load_org(ws(tmp_path, org)).kpis["psychological_safety"]
    assert (kpi.scale.low, kpi.scale.high) == (1, 5)


def test_an_unreadable_scale_lists_the_forms(tmp_path):
    org = ORG + "kpis:\n  psychological_safety: {value: 3.2, scale: five-ish}\n"
    assert (
        "org.yaml:6: kpis.psychological_safety.scale: expected a scale like '1-5', '1–5', "
        "'1 to 5', 5, 'out of 5' or '/5', got 'five-ish'" in problems(ws(tmp_path, org))
    )
    org = ORG + "kpis:\n  psychological_safety: {value: 32, scale: 5}\n"
    assert "32 lies outside its scale 1–5" in problems(ws(tmp_path, org))


def test_currency_symbols_and_codes_for_the_workspace_currency(tmp_path):
    csv = 'kpi,value,unit\ncost_per_hire,"£1,150",£\n'
    org = load_org(ws(tmp_path, ORG.replace("38000", "'£38,500'"), kpis_csv=csv))
    assert org.kpis["cost_per_hire"].value == 1150
    assert org.profile.average_salary == 38500
    yaml_kpi = ORG + "kpis:\n  cost_per_hire: {value: GBP 1150, unit: GBP}\n"
    (tmp_path / "kpis.csv").unlink()
    assert load_org(ws(tmp_path, yaml_kpi)).kpis["cost_per_hire"].value == 1150


def test_an_amount_in_another_currency_is_an_error(tmp_path):
    csv = 'kpi,value\ncost_per_hire,"$1,150"\n'
    assert (
        "kpis.csv:2: value: '$1,150' is in $ (USD or CAD or AUD, ...), but the organisation's "
        "currency is GBP; give amounts in that currency (deckgen never converts them)"
        in problems(ws(tmp_path, kpis_csv=csv))
    )


def test_a_percentage_given_as_a_fraction(tmp_path):
    history = "kpi,period,value\nengagement,2023,38\nengagement,2024,40\n"
    csv = "kpi,value,period\nengagement,0.41,2025\n"
    assert (
        "kpis.csv:2: value: engagement is 0.41, but its history runs 38 to 40: if you meant 41%, "
        "write 41" in problems(ws(tmp_path, kpis_csv=csv, history_csv=history))
    )
    (tmp_path / "history.csv").unlink()
    org = load_org(ws(tmp_path, kpis_csv=csv))
    assert org.warnings == ("engagement is 0.41% (kpis.csv line 2); if you meant 41%, write 41",)


def test_a_kpi_that_disagrees_with_its_history_names_both_places(tmp_path):
    history = "kpi,period,value\nvoluntary_attrition,FY24,15.0\nvoluntary_attrition,FY25,16.4\n"
    csv = "kpi,value,period\nvoluntary_attrition,17.5,FY2025\n"
    assert (
        "kpis.csv:2: value: voluntary_attrition is 17.5 for FY2025, but history.csv line 3 gives "
        "16.4 for FY25; make them agree"
        in problems(ws(tmp_path, kpis_csv=csv, history_csv=history))
    )


@pytest.mark.parametrize(
    "periods",
    [
        ["2022", "2023", "2024", "2025"],
        ["FY2023", "FY24", "FY 2025"],
        ["2022-23", "2023-24", "2024-25"],
        ["Q4 2023", "Q1 2024", "2024 Q2", "Q3-24"],
        ["Nov-24", "Dec-24", "Jan-25", "March 2025"],
        ["2024-11", "2024-12", "2025-01"],
        ["2024-12-31", "2025-03-31", "2025-06-30"],
        ["31/12/2024", "31/03/2025", "30/06/2025"],
    ],
)
def test_periods_sort_as_time_not_text(tmp_path, periods):
    shuffled = periods[1:] + periods[:1]  # the earliest last, so text order would be wrong too
    rows = "".join(f"engagement,{p},{30 + i}\n" for i, p in enumerate(shuffled))
    org = load_org(ws(tmp_path, history_csv="kpi,period,value\n" + rows))
    assert [p.period for p in org.history["engagement"]] == periods


def test_mixed_period_forms_are_an_error_listing_them(tmp_path):
    history = "kpi,period,value\nengagement,2023,31\nengagement,FY2024,30\nengagement,Q1 2025,29\n"
    assert (
        "history.csv:2: period: engagement mixes period forms (year: 2023; fiscal year: FY2024; "
        "quarter: Q1 2025); write every period of a measure the same way"
        in problems(ws(tmp_path, history_csv=history))
    )
    history = "kpi,period,value\nengagement,2023,31\nengagement,last year,30\n"
    assert "history.csv:3: period: cannot tell when 'last year' is" in problems(
        ws(tmp_path, history_csv=history)
    )


def test_excel_date_cells_read_as_excel_shows_them(tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["kpi", "period", "value"])
    for i, (day, shown) in enumerate(
        [(dt.datetime(2023, 12, 31), "mmm-yy"), (dt.datetime(2024, 12, 31), "mmm-yy")], start=2
    ):
        sheet.append(["engagement", day, 30 + i])
        sheet[f"B{i}"].number_format = shown
    ws(tmp_path)
    book.save(tmp_path / "history.xlsx")
    org = load_org(tmp_path)
    assert [p.period for p in org.history["engagement"]] == ["Dec 2023", "Dec 2024"]


@pytest.mark.parametrize("name", ["KPIs.csv", "kpis.CSV", "Kpis.Csv"])
def test_table_files_in_any_capitals(tmp_path, name):
    ws(tmp_path)
    (tmp_path / name).write_text("kpi,value\nengagement,30\n")
    org = load_org(tmp_path)
    assert org.kpis["engagement"].source == f"{name} line 2"


def test_a_table_file_that_will_not_be_read_is_said(tmp_path):
    ws(tmp_path)
    (tmp_path / "kpi.csv").write_text("kpi,value\nengagement,30\n")
    (tmp_path / "KPIs.xls").write_bytes(b"old excel")
    org = load_org(tmp_path)
    assert org.kpis == {}
    assert org.warnings == (
        "'KPIs.xls' is not read: deckgen reads kpis.csv or kpis.xlsx (any capitals); save it "
        "from Excel as .xlsx",
        "'kpi.csv' is not read: deckgen reads kpis.csv or kpis.xlsx (any capitals); rename it "
        "if it holds the data",
    )


def test_country_gives_the_region_and_a_clashing_region_is_refused(tmp_path):
    org = load_org(ws(tmp_path, ORG + "country: Sweden\nindustry: B2B software\n"))
    assert (org.profile.country, org.profile.where, org.profile.industry) == (
        "SE",
        "europe",
        "technology",
    )
    text = problems(ws(tmp_path, ORG + "country: US\nregion: europe\n"))
    assert "region 'europe' does not fit country US (which deckgen places in north-america)" in text


def test_workforce_shares_are_percentages(tmp_path):
    org = load_org(ws(tmp_path, ORG + "workforce: {on_site: 95, remote_eligible: 5}\n"))
    assert org.profile.workforce.on_site == 95
    text = problems(ws(tmp_path, ORG + "workforce: {on_site: 120}\n"))
    assert "workforce.on_site: input should be less than or equal to 100, got 120" in text


def test_a_role_mix_must_sum_to_100(tmp_path):
    org = load_org(
        ws(tmp_path, ORG + "workforce: {roles: {frontline: 70, technical: 20, leaders: 10.5}}\n")
    )
    assert org.profile.workforce.roles.as_dict() == {
        "frontline": 70,
        "technical": 20,
        "leaders": 10.5,
    }  # within ±1 of 100
    text = problems(
        ws(tmp_path, ORG + "workforce:\n  roles: {frontline: 70, technical: 20, leaders: 5}\n")
    )
    assert text == (
        "org.yaml:6: workforce.roles: expected shares of roles summing to 100 (±1), got 95 "
        "(frontline 70 + technical 20 + leaders 5)"
    )
    text = problems(ws(tmp_path, ORG + "workforce: {roles: {frontline: 70, managers: 30}}\n"))
    assert "workforce.roles.managers: unknown key" in text
    text = problems(ws(tmp_path, ORG + "workforce: {roles: {frontline: 170}}\n"))
    assert "workforce.roles.frontline: input should be less than or equal to 100, got 170" in text
