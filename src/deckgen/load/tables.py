"""Read KPI tables exported from HR systems (CSV or XLSX) into rows of text with their line numbers."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from msgspec import Struct

from deckgen.errors import InputError, Problem
from deckgen.load.yamlfile import decode_text, read_bytes, unholdable


class Row(Struct, frozen=True):
    line: int  # spreadsheet row / file line, as the user sees it
    cells: dict[str, str]
    percent_cells: frozenset[str] = frozenset()  # XLSX cells formatted as % (stored as fractions)


# Header spellings seen in HR exports, mapped to our column names. Listed, never guessed.
HEADER_ALIASES = {
    "kpi": "kpi",
    "metric": "kpi",
    "measure": "kpi",
    "indicator": "kpi",
    "name": "kpi",
    "value": "value",
    "val": "value",
    "amount": "value",
    "result": "value",
    "unit": "unit",
    "units": "unit",
    "uom": "unit",
    "period": "period",
    "year": "period",
    "date": "period",
    "fy": "period",
    "scale": "scale",
    "n": "n",
    "count": "n",
    "respondents": "n",
}


def normalise_header(text: str) -> str:
    cleaned = re.sub(r"[%()\[\]#]", " ", str(text).replace("\ufeff", "")).strip().lower()
    cleaned = re.sub(r"[\s\-]+", "_", cleaned).strip("_")
    return HEADER_ALIASES.get(cleaned, cleaned)


MAX_TABLE_BYTES = 5 * 1024 * 1024  # a KPI table is a few rows; anything this big is a wrong file
MAX_ROWS = 20_000  # twelve KPIs by month over ten years is 1,440
MAX_UNZIPPED = 50 * 1024 * 1024  # an .xlsx this small cannot honestly expand to more
MAX_PARTS = 1_000


def _check_workbook_size(raw: bytes, display: str) -> None:
    """Refuse a workbook whose parts would expand past MAX_UNZIPPED (a zip bomb), from the zip
    directory, before anything is decompressed."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(Problem(display, f"cannot read as an Excel workbook ({exc})")) from None
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_PARTS or total > MAX_UNZIPPED:
        raise InputError(
            Problem(
                display,
                f"the workbook unpacks to {total / 1024 / 1024:,.0f} MB in {len(infos):,} parts; "
                "a KPI table is far smaller. Save the sheet on its own, or as CSV",
            )
        )


def read_rows(path: Path, display: str, required: tuple[str, ...]) -> list[Row]:
    with contextlib.suppress(OSError):  # a missing file is reported by the read below
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise InputError(
                Problem(
                    display,
                    f"the file is {size / 1024 / 1024:.0f} MB; expected a "
                    "small table of KPIs (at most 5 MB). Is this the right file?",
                )
            )
    raw = read_bytes(path, display, MAX_TABLE_BYTES)
    if path.suffix.lower() == ".xlsx":
        rows, headers = _read_xlsx(raw, display)
    else:
        rows, headers = _read_csv(decode_text(raw, display), display)
    bad = [
        Problem(
            display, f"contains the control character U+{ord(ch):04X}; remove it", key, row.line
        )
        for row in rows[:MAX_ROWS]
        for key, text in row.cells.items()
        if (ch := unholdable(text))
    ]
    if bad:
        raise InputError(bad)
    if len(rows) > MAX_ROWS:
        raise InputError(
            Problem(
                display,
                f"the table has {len(rows):,} rows; a KPI table has a few hundred at most "
                f"(deckgen reads up to {MAX_ROWS:,}). Is this the right file?",
            )
        )
    missing = [c for c in required if c not in headers]
    if missing:
        raise InputError(
            Problem(
                display,
                f"expected columns {', '.join(required)}; missing {', '.join(missing)}"
                f" (found: {', '.join(headers) or 'no header'})",
                line=1,
            )
        )
    return rows


def _read_csv(text: str, display: str) -> tuple[list[Row], list[str]]:
    # The standard library's csv module: exact line numbers (quoted cells may span lines) and no
    # 200 ms pandas import for a file of a dozen rows.
    import csv
    import io

    if not text.strip():
        raise InputError(Problem(display, "the file is empty; expected a header row and data rows"))
    first = text.splitlines()[0]
    # European Excel exports use ';' (because ',' is the decimal mark); tabs come from copy-paste.
    sep = ";" if first.count(";") > first.count(",") else "\t" if "\t" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    headers: list[str] | None = None
    rows: list[Row] = []
    problems: list[Problem] = []
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue  # blank lines, or a row of empty cells from a spreadsheet
            if headers is None:
                headers = [normalise_header(h) for h in record]
                seen = [h for h in headers if h and headers.count(h) > 1]
                if seen:
                    raise InputError(
                        Problem(display, f"the column '{seen[0]}' appears twice", line=line)
                    )
                continue
            if len(record) > len(headers) and any(c.strip() for c in record[len(headers) :]):
                problems.append(
                    Problem(
                        display,
                        f"expected {len(headers)} cells (one per column), found "
                        f"{len(record)}; is there an unquoted '{sep}' in a value?",
                        line=line,
                    )
                )
                continue
            cells = {
                h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(headers)
            }
            rows.append(Row(line, cells))
    except csv.Error as exc:
        raise InputError(
            Problem(display, f"cannot read as CSV: {exc}", line=reader.line_num)
        ) from None
    if problems:
        raise InputError(problems)
    return rows, headers or []


def _read_xlsx(raw: bytes, display: str) -> tuple[list[Row], list[str]]:
    # openpyxl directly (not pandas): we need each cell's number format, because a cell shown as
    # 17.5% is stored as 0.175 and must not silently become 0.175 %.
    import io
    import zipfile

    import openpyxl

    _check_workbook_size(raw, display)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(raw), data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise InputError(Problem(display, f"cannot read as an Excel workbook ({exc})")) from None
    if not book.worksheets:
        raise InputError(Problem(display, "the workbook has no sheets"))
    sheet, source = book.worksheets[0], formulas.worksheets[0]
    if (sheet.max_row or 0) > MAX_ROWS + 1:
        raise InputError(
            Problem(
                display,
                f"the first sheet has {sheet.max_row:,} rows; a KPI table has a few hundred at "
                f"most (deckgen reads up to {MAX_ROWS:,}). Is this the right file?",
            )
        )
    problems = _sheet_problems(sheet, source, display)
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0))
    grid = [r for r in sheet.iter_rows() if any(c.value not in (None, "") for c in r)]
    if not grid:
        raise InputError(Problem(display, "the first sheet is empty; expected a header row"))
    headers = [normalise_header(c.value or "") for c in grid[0]]
    return [_sheet_row(headers, cells) for cells in grid[1:]], [h for h in headers if h]


def _sheet_problems(sheet, source, display: str) -> list[Problem]:
    """Merged cells, and formulas Excel never saved a result for: what deckgen cannot read."""
    problems = [
        Problem(
            display,
            f"merged cells {merged.coord}: unmerge them so every row has its own kpi and value",
            line=merged.min_row,
        )
        for merged in sheet.merged_cells.ranges
    ]
    for row in source.iter_rows():
        for cell in row:
            saved = sheet[cell.coordinate].value
            if isinstance(cell.value, str) and cell.value.startswith("=") and saved is None:
                problems.append(
                    Problem(
                        display,
                        f"cell {cell.coordinate} holds the formula "
                        f"{cell.value[:40]} with no saved result; open the file "
                        "in Excel and save it, or paste values",
                        line=cell.row,
                    )
                )
    return problems


def _sheet_row(headers: list[str], cells) -> Row:
    record: dict[str, str] = {}
    percent: set[str] = set()
    line = cells[0].row if hasattr(cells[0], "row") else 0
    for header, cell in zip(headers, cells, strict=False):
        if not header:
            continue
        record[header] = _cell_text(cell.value, cell.number_format or "")
        if isinstance(cell.value, int | float) and "%" in (cell.number_format or ""):
            percent.add(header)
    return Row(line, record, frozenset(percent))


_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _cell_text(value, number_format: str) -> str:
    """A cell as the person sees it in Excel: a date cell shown as 'Mar-25' reads 'Mar 2025'
    (never '2025-03-01 00:00:00'), one shown as a year reads '2025', others '31 Mar 2025'."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        shown = re.sub(r'"[^"]*"|\[[^\]]*\]', "", number_format.lower())  # quoted text, colours
        if "d" not in shown and "m" not in shown and "y" in shown:
            return str(value.year)
        if "d" not in shown and "m" in shown:
            return f"{_MONTH_ABBR[value.month - 1]} {value.year}"
        return f"{value.day} {_MONTH_ABBR[value.month - 1]} {value.year}"
    return str(value).strip()
