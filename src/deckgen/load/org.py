"""Load `org.yaml` plus optional `kpis.csv|xlsx` and `history.csv|xlsx` into validated KPIs."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator

from deckgen.errors import InputError, Problem
from deckgen.kpis import CATALOG, normalise_unit
from deckgen.load.schema import Strict, validate
from deckgen.load.tables import Row, parse_number, read_rows
from deckgen.load.yamlfile import YamlDoc, load_yaml
from deckgen.models import HistoryPoint, Kpi


def _to_text(value: Any) -> Any:
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Text = Annotated[str, BeforeValidator(_to_text)]


class KpiEntry(Strict):
    value: float = Field(description="The measured value, in the KPI's catalog unit.")
    unit: str | None = Field(None, description="Unit as exported (percent, %, days...); checked.")
    period: Text | None = Field(None, description="Period the value covers, e.g. 2025 or FY25.")
    scale: str | None = Field(None, description="Survey scale for scores, e.g. '1-5'.")
    n: int | None = Field(None, ge=0, description="Respondents or employees behind the value.")


class AssumptionOverrides(Strict):
    working_days_per_year: float | None = Field(
        None, gt=100, le=366, description="Working days per FTE per year (default 228)."
    )
    on_cost_factor: float | None = Field(
        None, ge=1, le=2, description="Employer on-costs on salary (default 1.25)."
    )
    improvement_attrition_reduction: float | None = Field(
        None, gt=0, le=1, description="Share of voluntary leavers a change would avoid (0-1)."
    )

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class OrgFile(Strict):
    name: str = Field(min_length=1, description="Organisation name as it should appear on slides.")
    industry: str | None = Field(None, description="Free text, matched to evidence industries.")
    region: str | None = Field(None, description="north-america, europe, uk, asia-pacific ...")
    currency: str = Field(description="ISO 4217 code; amounts are formatted in it.")
    locale: str = Field("en-GB", description="Number and date formatting, e.g. en-GB, de-DE.")
    headcount: int = Field(gt=0, description="Employees (heads or FTE).")
    average_salary: float = Field(gt=0, description="Average annual salary in `currency`.")
    kpis: dict[str, KpiEntry] = Field(default_factory=dict, description="KPI name -> value.")
    history: dict[str, dict[Text, float]] = Field(
        default_factory=dict, description="KPI name -> {period: value}."
    )
    assumptions: AssumptionOverrides = Field(
        default_factory=lambda: AssumptionOverrides(),
        description="Overrides for the cost model's assumptions (see README).",
    )

    @field_validator("currency")
    @classmethod
    def _iso_code(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z]{3}", value):
            raise ValueError(f"expected a 3-letter ISO 4217 code like EUR, got '{value}'")
        return value.upper()

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z]{2}([-_][A-Za-z]{2})?", value):
            raise ValueError(f"expected a locale like en-GB or de-DE, got '{value}'")
        return value.replace("_", "-")


@dataclass(frozen=True)
class OrgData:
    profile: OrgFile
    kpis: dict[str, Kpi]
    history: dict[str, list[HistoryPoint]]
    files: tuple[Path, ...]
    suppressed: tuple[str, ...] = ()  # KPIs held back because too few people stand behind them


MIN_GROUP = 5  # privacy: no figure based on fewer people than this is shown


def _find(root: Path, stem: str) -> Path | None:
    found = [p for p in (root / f"{stem}.csv", root / f"{stem}.xlsx") if p.is_file()]
    if len(found) > 1:
        raise InputError(
            Problem(f"{stem}.csv", f"both {stem}.csv and {stem}.xlsx exist; keep one of them")
        )
    return found[0] if found else None


def load_org(root: Path) -> OrgData:
    doc = load_yaml(root / "org.yaml", "org.yaml")
    if not isinstance(doc.data, dict):
        raise InputError(
            Problem("org.yaml", "expected a mapping with name, currency, headcount ...")
        )
    profile = validate(OrgFile, doc)
    problems: list[Problem] = []
    files = [root / "org.yaml"]

    kpis_file = _find(root, "kpis")
    if kpis_file and profile.kpis:
        problems.append(
            Problem(
                kpis_file.name, "KPIs are given both here and in org.yaml 'kpis:'; keep one place"
            )
        )
    if kpis_file:
        files.append(kpis_file)
        kpis = _kpis_from_rows(kpis_file, profile, problems)
    else:
        kpis = _kpis_from_yaml(doc, profile, problems)

    history_file = _find(root, "history")
    if history_file and profile.history:
        problems.append(
            Problem(
                history_file.name,
                "history is given both here and in org.yaml 'history:'; keep one place",
            )
        )
    if history_file:
        files.append(history_file)
        history = _history_from_rows(history_file, profile, problems)
    else:
        history = _history_from_yaml(doc, profile, problems)

    if problems:
        raise InputError(problems)
    suppressed = []
    for name, kpi in list(kpis.items()):
        if kpi.n is not None and kpi.n < MIN_GROUP:
            del kpis[name]
            history.pop(name, None)
            suppressed.append(
                f"{name} is based on {kpi.n} people, fewer than {MIN_GROUP}; it is "
                "not shown or charted, to protect their privacy"
            )
    return OrgData(profile, kpis, history, tuple(files), tuple(suppressed))


def _unknown_kpi(name: str) -> str:
    hint = difflib.get_close_matches(name, list(CATALOG), n=1, cutoff=0.6)
    tail = f"; did you mean '{hint[0]}'?" if hint else f"; known KPIs: {', '.join(CATALOG)}"
    return f"unknown KPI '{name}'{tail}"


def _check_value(name: str, value: float, unit: str | None, currency: str) -> str | None:
    spec = CATALOG[name]
    if not math.isfinite(value):
        return f"expected a number, got {value}"
    if unit is not None:
        normal = normalise_unit(unit, currency)
        if normal != spec.unit:
            want = currency if spec.unit == "currency" else spec.unit
            return f"expected unit '{want}' for {name}, got '{unit}'"
    if not spec.low <= value <= spec.high:
        shown = f"{value:g}"
        return f"expected {spec.low:g} to {spec.high:g} {spec.unit}, got {shown}"
    return None


def _kpis_from_yaml(doc: YamlDoc, profile: OrgFile, problems: list[Problem]) -> dict[str, Kpi]:
    kpis = {}
    for name, entry in profile.kpis.items():
        path = ("kpis", name)
        if name not in CATALOG:
            problems.append(doc.problem(path, _unknown_kpi(name)))
            continue
        error = _check_value(name, entry.value, entry.unit, profile.currency)
        if error:
            problems.append(doc.problem((*path, "value" if "unit" not in error else "unit"), error))
            continue
        kpis[name] = Kpi(
            name,
            entry.value,
            CATALOG[name].unit,
            entry.period,
            f"org.yaml kpis.{name}",
            entry.scale,
            entry.n,
        )
    return kpis


def _history_from_yaml(
    doc: YamlDoc, profile: OrgFile, problems: list[Problem]
) -> dict[str, list[HistoryPoint]]:
    history = {}
    for name, series in profile.history.items():
        if name not in CATALOG:
            problems.append(doc.problem(("history", name), _unknown_kpi(name)))
            continue
        points = []
        for period, value in series.items():
            error = _check_value(name, value, None, profile.currency)
            if error:
                problems.append(doc.problem(("history", name, period), error))
                continue
            points.append(HistoryPoint(period, value, f"org.yaml history.{name}.{period}"))
        history[name] = sorted(points, key=lambda p: p.period)
    return history


def _kpi_name(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", re.sub(r"[%()]", " ", text).strip().lower()).strip("_")


def _row_value(row: Row, file: str, problems: list[Problem]) -> tuple[float | None, str | None]:
    raw = row.cells.get("value", "")
    value, had_percent = parse_number(raw)
    if value is None:
        got = f"'{raw}'" if raw else "an empty cell"
        problems.append(Problem(file, f"expected a number, got {got}", "value", row.line))
        return None, None
    unit = row.cells.get("unit") or None
    if "value" in row.percent_cells:
        value, had_percent = value * 100, True
    if had_percent:
        if unit and normalise_unit(unit, "") != "percent":
            problems.append(
                Problem(file, f"value has a % sign but unit is '{unit}'", "unit", row.line)
            )
        unit = "percent"
    return value, unit


def _kpis_from_rows(path: Path, profile: OrgFile, problems: list[Problem]) -> dict[str, Kpi]:
    kpis: dict[str, Kpi] = {}
    seen: dict[str, int] = {}
    for row in read_rows(path, path.name, ("kpi", "value")):
        name = _kpi_name(row.cells.get("kpi", ""))
        if not name:
            problems.append(
                Problem(path.name, "expected a KPI name, got an empty cell", "kpi", row.line)
            )
            continue
        if name not in CATALOG:
            problems.append(Problem(path.name, _unknown_kpi(name), "kpi", row.line))
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
        value, unit = _row_value(row, path.name, problems)
        if value is None:
            continue
        error = _check_value(name, value, unit, profile.currency)
        if error:
            problems.append(
                Problem(path.name, error, "unit" if "unit" in error else "value", row.line)
            )
            continue
        kpis[name] = Kpi(
            name,
            value,
            CATALOG[name].unit,
            row.cells.get("period") or None,
            f"{path.name} line {row.line}",
            row.cells.get("scale") or None,
            _count(row.cells.get("n")),
        )
    return kpis


def _count(text: str | None) -> int | None:
    value, _ = parse_number(text or "")
    return int(value) if value is not None and value >= 0 else None


def _history_from_rows(
    path: Path, profile: OrgFile, problems: list[Problem]
) -> dict[str, list[HistoryPoint]]:
    history: dict[str, list[HistoryPoint]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in read_rows(path, path.name, ("kpi", "period", "value")):
        name = _kpi_name(row.cells.get("kpi", ""))
        period = row.cells.get("period", "")
        if name not in CATALOG:
            problems.append(Problem(path.name, _unknown_kpi(name), "kpi", row.line))
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
        value, unit = _row_value(row, path.name, problems)
        if value is None:
            continue
        error = _check_value(name, value, unit, profile.currency)
        if error:
            problems.append(Problem(path.name, error, "value", row.line))
            continue
        history.setdefault(name, []).append(
            HistoryPoint(period, value, f"{path.name} line {row.line}")
        )
    return {k: sorted(v, key=lambda p: p.period) for k, v in history.items()}
