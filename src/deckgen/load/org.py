"""Load `org.yaml` plus optional `kpis.csv|xlsx` and `history.csv|xlsx` into validated KPIs."""

from __future__ import annotations

import re
from pathlib import Path

from msgspec import Struct, structs

from deckgen.errors import InputError, Problem
from deckgen.fmt import Formatter
from deckgen.kpis import CATALOG
from deckgen.load import kpi_checks
from deckgen.load.kpi_checks import Located
from deckgen.load.kpi_values import (
    check_value,
    read_count,
    read_scale,
    read_value,
    unit_is_not,
    unknown_kpi,
)
from deckgen.load.org_schema import OrgFile
from deckgen.load.schema import validate
from deckgen.load.tables import Row, read_rows
from deckgen.load.yamlfile import YamlDoc, load_yaml
from deckgen.models import HistoryPoint, Kpi, Scale
from deckgen.words import plural


class OrgData(Struct, frozen=True):
    profile: OrgFile
    kpis: dict[str, Kpi]
    history: dict[str, list[HistoryPoint]]
    files: tuple[Path, ...]
    suppressed: tuple[str, ...] = ()  # KPIs held back because too few people stand behind them
    warnings: tuple[str, ...] = ()  # what was read but looks wrong, or files that were not read


MIN_GROUP = 5  # privacy: no figure based on fewer people than this is shown
TABLE_SUFFIXES = (".csv", ".xlsx")


def find_table(root: Path, stem: str) -> tuple[Path | None, list[str]]:
    """`stem`.csv or `stem`.xlsx in any capitals (KPIs.csv, kpis.XLSX), and a warning for each
    file that looks meant to be one but will not be read (kpi.csv, kpis.xls, KPIs 2025.xlsx)."""
    found, near = [], []
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        name = path.name.casefold()
        if not path.is_file() or name.startswith((".", "~$")):
            continue
        if name in (f"{stem}.csv", f"{stem}.xlsx"):
            found.append(path)
        elif name.startswith(stem.rstrip("s")):
            near.append(path.name)
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise InputError(Problem(found[0].name, f"both {names} exist; keep one of them"))
    warnings = [
        f"'{name}' is not read: deckgen reads {stem}.csv or {stem}.xlsx (any capitals)"
        + ("; save it from Excel as .xlsx" if name.casefold().endswith((".xls", ".xlsm", ".ods")) else
           "; rename it if it holds the data")
        for name in near
    ]  # fmt: skip
    return (found[0] if found else None), warnings


def _suppress_small_groups(shown: dict, history: dict) -> list[str]:
    """Drop KPIs about fewer than MIN_GROUP people (and their history); say which, and why."""
    suppressed = []
    for name, kpi in list(shown.items()):
        if kpi.n is not None and kpi.n < MIN_GROUP:
            del shown[name]
            history.pop(name, None)
            suppressed.append(
                f"{name} is based on {plural(kpi.n, 'person')}, fewer than {MIN_GROUP}; it "
                "is not shown or charted, to protect their privacy"
            )
    return suppressed


def load_org(root: Path) -> OrgData:
    doc = load_yaml(root / "org.yaml", "org.yaml")
    if not isinstance(doc.data, dict):
        raise InputError(
            Problem("org.yaml", "expected a mapping with name, currency, headcount ...")
        )
    profile = validate(OrgFile, doc, context=_context(doc.data))
    fmt = Formatter(profile.locale, profile.currency)
    problems: list[Problem] = []
    files = [root / "org.yaml"]
    kpis_file, warnings = find_table(root, "kpis")
    history_file, more = find_table(root, "history")
    warnings += more

    if kpis_file and profile.kpis:
        problems.append(
            Problem(
                kpis_file.name, "KPIs are given both here and in org.yaml 'kpis:'; keep one place"
            )
        )
    if kpis_file:
        files.append(kpis_file)
        kpis = _kpis_from_rows(kpis_file, profile, fmt, problems)
    else:
        kpis = _kpis_from_yaml(doc, profile, fmt, problems)

    if history_file and profile.history:
        problems.append(
            Problem(
                history_file.name,
                "history is given both here and in org.yaml 'history:'; keep one place",
            )
        )
    if history_file:
        files.append(history_file)
        series = _history_from_rows(history_file, profile, fmt, problems)
    else:
        series = _history_from_yaml(doc, profile, fmt, problems)

    ordered = kpi_checks.order_history(series, profile.locale, problems)
    warnings += kpi_checks.check_fractions(kpis, ordered, problems)
    kpi_checks.check_agreement(kpis, ordered, profile.locale, problems)
    history = {name: [raw.point for raw in raws] for name, raws in ordered.items()}
    if problems:
        raise InputError(problems)
    shown = {name: located.kpi for name, located in kpis.items()}
    suppressed = _suppress_small_groups(shown, history)
    return OrgData(
        profile,
        shown,
        history,
        tuple(files),
        tuple(suppressed),
        tuple(warnings),
    )


def _context(data: dict) -> dict[str, str]:
    """What values are read with before the file is validated: its currency and decimal mark."""
    currency = str(data.get("currency") or "").upper()
    locale = str(data.get("locale") or "en-GB")
    return {"currency": currency or None, "decimal": Formatter(locale).decimal_mark}


def _kpi(
    name: str, value: float, period: str | None, source: str, scale: Scale | None, n: int | None
) -> Kpi:
    return Kpi(name, value, CATALOG[name].unit, period, source, scale, n)


def _kpis_from_yaml(
    doc: YamlDoc, profile: OrgFile, fmt: Formatter, problems: list[Problem]
) -> dict[str, Located]:
    kpis = {}
    for name, entry in profile.kpis.items():
        path = ("kpis", name)
        if name not in CATALOG:
            problems.append(doc.problem(path, unknown_kpi(name)))
            continue
        value, implied, error = read_value(entry.value, fmt)
        if error:
            problems.append(doc.problem((*path, "value"), error))
            continue
        if implied == "percent" and entry.unit and unit_is_not(entry.unit, "percent", fmt.currency):
            message = f"value has a % sign but unit is '{entry.unit}'"
            problems.append(doc.problem((*path, "unit"), message))
            continue
        error = check_value(name, value, entry.unit or implied, profile.currency)
        if error:
            problems.append(doc.problem((*path, "value" if "unit" not in error else "unit"), error))
            continue
        scale, error = read_scale(entry.scale, name, value)
        if error:
            problems.append(doc.problem((*path, "scale"), error))
            continue
        n, error = read_count(entry.n)
        if error:
            problems.append(doc.problem((*path, "n"), error))
            continue
        measures = CATALOG[name].measures or {}
        if entry.measure is not None and entry.measure not in measures:
            message = f"unknown measure '{entry.measure}' for {name}; one of: {', '.join(measures)}"
            problems.append(doc.problem((*path, "measure"), message))
            continue
        kpi = _kpi(name, value, entry.period, f"org.yaml kpis.{name}", scale, n)
        if entry.measure:
            kpi = structs.replace(kpi, measure=entry.measure)
        kpis[name] = Located(kpi, doc.file, doc.line_of(path), f"kpis.{name}")
    return kpis


def _history_from_yaml(
    doc: YamlDoc, profile: OrgFile, fmt: Formatter, problems: list[Problem]
) -> dict[str, list[kpi_checks.RawPoint]]:
    history: dict[str, list[kpi_checks.RawPoint]] = {}
    for name, series in profile.history.items():
        if name not in CATALOG:
            problems.append(doc.problem(("history", name), unknown_kpi(name)))
            continue
        points = history.setdefault(name, [])
        for period, raw in series.items():
            path = ("history", name, period)
            value, implied, error = read_value(raw, fmt)
            error = error or check_value(name, value, implied, profile.currency)
            if error:
                problems.append(doc.problem(path, error))
                continue
            points.append(
                kpi_checks.RawPoint(
                    HistoryPoint(period, value, f"org.yaml history.{name}.{period}"),
                    "org.yaml",
                    doc.line_of(path),
                    f"history.{name}.{period}",
                )
            )
    return history


def _kpi_name(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", re.sub(r"[%()]", " ", text).strip().lower()).strip("_")


def _row_value(row: Row, file: str, fmt: Formatter, problems: list[Problem]):
    raw = row.cells.get("value", "")
    value, implied, error = read_value(raw, fmt, "value" in row.percent_cells)
    if error:
        problems.append(Problem(file, error, "value", row.line))
        return None, None
    unit = row.cells.get("unit") or None
    if implied == "percent" and unit and unit_is_not(unit, "percent", fmt.currency):
        problems.append(Problem(file, f"value has a % sign but unit is '{unit}'", "unit", row.line))
        return None, None
    return value, unit or implied


def _kpis_from_rows(
    path: Path, profile: OrgFile, fmt: Formatter, problems: list[Problem]
) -> dict[str, Located]:
    kpis: dict[str, Located] = {}
    seen: dict[str, int] = {}
    for row in read_rows(path, path.name, ("kpi", "value")):
        name = _kpi_name(row.cells.get("kpi", ""))
        if not name:
            problems.append(
                Problem(path.name, "expected a KPI name, got an empty cell", "kpi", row.line)
            )
            continue
        if name not in CATALOG:
            problems.append(Problem(path.name, unknown_kpi(name), "kpi", row.line))
            continue
        if name in seen:
            problems.append(
                Problem(
                    path.name,
                    f"'{name}' appears twice (first on line {seen[name]})",
                    "kpi",
                    row.line,
                )
            )
            continue
        seen[name] = row.line
        value, unit = _row_value(row, path.name, fmt, problems)
        if value is None:
            continue
        error = check_value(name, value, unit, profile.currency)
        if error:
            problems.append(
                Problem(path.name, error, "unit" if "unit" in error else "value", row.line)
            )
            continue
        scale, error = read_scale(row.cells.get("scale") or None, name, value)
        if error:
            problems.append(Problem(path.name, error, "scale", row.line))
            continue
        n, error = read_count(row.cells.get("n"))
        if error:
            problems.append(Problem(path.name, error, "n", row.line))
            continue
        source = f"{path.name} line {row.line}"
        kpi = _kpi(name, value, row.cells.get("period") or None, source, scale, n)
        kpis[name] = Located(kpi, path.name, row.line, "")
    return kpis


def _history_from_rows(
    path: Path, profile: OrgFile, fmt: Formatter, problems: list[Problem]
) -> dict[str, list[kpi_checks.RawPoint]]:
    history: dict[str, list[kpi_checks.RawPoint]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in read_rows(path, path.name, ("kpi", "period", "value")):
        name = _kpi_name(row.cells.get("kpi", ""))
        period = row.cells.get("period", "")
        if name not in CATALOG:
            problems.append(Problem(path.name, unknown_kpi(name), "kpi", row.line))
            continue
        if not period:
            problems.append(
                Problem(path.name, "expected a period, got an empty cell", "period", row.line)
            )
            continue
        if (name, period) in seen:
            problems.append(
                Problem(
                    path.name,
                    f"{name} {period} appears twice (first on line {seen[(name, period)]})",
                    "period",
                    row.line,
                )
            )
            continue
        seen[(name, period)] = row.line
        value, unit = _row_value(row, path.name, fmt, problems)
        if value is None:
            continue
        error = check_value(name, value, unit, profile.currency)
        if error:
            problems.append(Problem(path.name, error, "value", row.line))
            continue
        point = HistoryPoint(period, value, f"{path.name} line {row.line}")
        history.setdefault(name, []).append(kpi_checks.RawPoint(point, path.name, row.line, ""))
    return history
