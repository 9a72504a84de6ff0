"""CSV and XLSX tables as HR systems export them: rows, line numbers and clear refusals."""

from __future__ import annotations

import pytest

from deckgen.errors import InputError
from deckgen.load.tables import read_rows

REQUIRED = ("kpi", "value")


def table(tmp_path, text: str, name: str = "kpis.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_reads_cells_with_the_lines_a_user_sees(tmp_path):
    text = 'KPI,Value,Period\n\nvoluntary_attrition,"17,5",2025\n"engagement\nscore",29,2025\nenps,12,2025\n'
    rows = read_rows(table(tmp_path, text), "kpis.csv", REQUIRED)
    assert [(r.line, r.cells["kpi"], r.cells["value"]) for r in rows] == [
        (3, "voluntary_attrition", "17,5"),
        (4, "engagement\nscore", "29"),
        (6, "enps", "12"),  # the quoted cell spans lines 4-5
    ]


def test_semicolons_bom_and_short_rows(tmp_path):
    text = "\ufeffkpi;value;unit\nvoluntary_attrition;17,5\n"
    rows = read_rows(table(tmp_path, text), "kpis.csv", REQUIRED)
    assert rows[0].cells == {"kpi": "voluntary_attrition", "value": "17,5", "unit": ""}


def test_an_unquoted_separator_in_a_value_names_the_line(tmp_path):
    text = "kpi,value,unit\nengagement,29,percent\ncost_per_hire,5,200,EUR\n"
    with pytest.raises(InputError) as err:
        read_rows(table(tmp_path, text), "kpis.csv", REQUIRED)
    assert str(err.value) == (
        "kpis.csv:3: expected 3 cells (one per column), found 4; "
        "is there an unquoted ',' in a value?"
    )


def test_a_column_twice_is_refused(tmp_path):
    with pytest.raises(InputError) as err:
        read_rows(table(tmp_path, "kpi,value,Value\nx,1,2\n"), "kpis.csv", REQUIRED)
    assert str(err.value) == "kpis.csv:1: the column 'value' appears twice"


def test_missing_column_lists_what_was_found(tmp_path):
    with pytest.raises(InputError) as err:
        read_rows(table(tmp_path, "metric,amount_eur\nx,1\n"), "kpis.csv", REQUIRED)
    assert "kpis.csv:1: expected columns kpi, value; missing value" in str(err.value)
    assert "found: kpi, amount_eur" in str(err.value)
