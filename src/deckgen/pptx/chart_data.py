"""Chart data whose embedded workbook holds only literal text and numbers.

python-pptx writes a native chart's data into an embedded workbook with XlsxWriter's
`worksheet.write`, which turns a string starting with "=" into a live formula and one that looks
like a URL into a hyperlink: a category such as `=cmd|' /C calc'!A0` would run when the chart's
data is edited in Excel. This fence is the one place deckgen reaches into python-pptx's private
workbook writer (`CategoryChartData._workbook_writer`, `CategoryWorkbookWriter._open_worksheet`,
`_write_cat_column` and `_write_series`); tests/pptx/test_chart_data.py pins them.
"""

from __future__ import annotations

import datetime as dt
import numbers
from contextlib import contextmanager

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.util import lazyproperty

# XlsxWriter's guesses switched off as well, for anything python-pptx writes that we do not.
_LITERAL = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class LiteralChartData(CategoryChartData):
    """`CategoryChartData` whose workbook cells are literal: text as text, numbers as numbers."""

    @lazyproperty
    def _workbook_writer(self):
        return _LiteralWorkbookWriter(self)


class _LiteralWorkbookWriter(CategoryWorkbookWriter):
    @contextmanager
    def _open_worksheet(self, xlsx_file):
        from xlsxwriter import Workbook

        workbook = Workbook(xlsx_file, _LITERAL)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()

    def _write_cat_column(self, worksheet, col, level, num_format):
        worksheet.set_column(col, col, 10)  # as python-pptx: wide enough for a date
        for off, name in level:
            _write_cell(worksheet, off + 1, col, name, num_format)

    def _write_series(self, workbook, worksheet):
        col_offset = self._chart_data.categories.depth
        for idx, series in enumerate(self._chart_data):
            num_format = workbook.add_format({"num_format": series.number_format})
            series_col = idx + col_offset
            _write_cell(worksheet, 0, series_col, series.name)
            for row, value in enumerate(series.values, 1):
                _write_cell(worksheet, row, series_col, value, num_format)


def _write_cell(worksheet, row: int, col: int, value, cell_format=None) -> None:
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
