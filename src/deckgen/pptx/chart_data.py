"""Cells of a native chart's embedded workbook, written as literal text and numbers, never formulas or links."""

# python-pptx writes a chart's data with XlsxWriter's `worksheet.write`, which turns a string
# starting with "=" into a live formula and one that looks like a URL into a hyperlink: a category
# such as `=cmd|' /C calc'!A0` would run when the chart's data is edited in Excel. The chart data
# from `internals.literal_chart_data()` writes its workbook with these instead.

from __future__ import annotations

import datetime as dt
import numbers

# XlsxWriter's guesses switched off as well, for anything python-pptx writes that we do not.
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def write_cell(worksheet, row: int, col: int, value, cell_format=None) -> None:
    """One cell, typed by its value, never read as a formula or a link."""
    if value is None:
        worksheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        worksheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, numbers.Number):
        worksheet.write_number(row, col, value, cell_format)
    elif isinstance(value, dt.date | dt.datetime):
        worksheet.write_datetime(row, col, value, cell_format)
    else:
        worksheet.write_string(row, col, str(value), cell_format)
