"""Checks across an organisation's KPIs and their history, after each value was read: periods
that sort as time, percentages given as fractions, and a KPI that disagrees with its history."""

from __future__ import annotations

from msgspec import Struct, structs

from deckgen.errors import Problem
from deckgen.kpis import CATALOG
from deckgen.load.dates import SeriesProblem, order_series, period_readings
from deckgen.models import HistoryPoint, Kpi


class Located(Struct, frozen=True):
    """A KPI with where it was written: a file, a line, and a YAML key (empty for a table row)."""

    kpi: Kpi
    file: str
    line: int | None
    key: str

    def problem(self, message: str, column: str = "value") -> Problem:
        return Problem(self.file, message, self.key or column, self.line)

    @property
    def where(self) -> str:
        line = f" line {self.line}" if self.line else ""
        return f"{self.file}{line}" + (f" ({self.key})" if self.key else "")


class RawPoint(Struct, frozen=True):
    """A history point with where it was written."""

    point: HistoryPoint
    file: str
    line: int | None
    key: str

    def problem(self, message: str, column: str = "period") -> Problem:
        return Problem(self.file, message, self.key or column, self.line)

    @property
    def where(self) -> str:
        line = f" line {self.line}" if self.line else ""
        return f"{self.file}{line}" + (f" ({self.key})" if self.key else "")


def order_history(
    series: dict[str, list[RawPoint]], locale: str, problems: list[Problem]
) -> dict[str, list[RawPoint]]:
    """Each measure's points in time order (2024-25 after 2023-24, Q10 nowhere), every point
    knowing when its period ends; a period no form reads, or a series that mixes forms, is a
    problem at the point that shows it."""
    out: dict[str, list[RawPoint]] = {}
    for name, raws in series.items():
        if not raws:
            continue
        result = order_series([r.point.period for r in raws], locale)
        if isinstance(result, SeriesProblem):
            unread = [r for r in raws if not period_readings(r.point.period, locale)]
            if unread:  # each period no form reads, at its own line
                problems += [raw.problem(_unread(raw.point.period)) for raw in unread]
            else:
                problems.append(raws[0].problem(f"{name} {result.message}"))
            continue
        ordered = sorted(zip(result, raws, strict=True), key=lambda pair: pair[0].key)
        out[name] = [
            structs.replace(raw, point=structs.replace(raw.point, ends=period.ends))
            for period, raw in ordered
        ]
    return out


def _unread(period: str) -> str:
    from deckgen.load.dates import PERIOD_FORMS

    return f"cannot tell when '{period}' is; expected a period like {PERIOD_FORMS}"


def check_fractions(
    kpis: dict[str, Located], history: dict[str, list[RawPoint]], problems: list[Problem]
) -> list[str]:
    """A percentage written as a fraction (0.41 for 41%): an error where the history shows the
    other form, a warning where nothing does. Returns the warnings."""
    warnings = []
    for name, spec in CATALOG.items():
        if spec.unit != "percent":
            continue
        located = kpis.get(name)
        past = [r.point.value for r in history.get(name, [])]
        value = located.kpi.value if located else None
        if value is not None and 0 < value <= 1 and any(v > 1 for v in past):
            problems.append(
                located.problem(
                    f"{name} is {value:g}, but its history runs {min(past):g} to {max(past):g}: "
                    f"if you meant {value * 100:g}%, write {value * 100:g}"
                )
            )
        elif value is not None and value > 1 and past and max(past) <= 1 and max(past) > 0:
            first = history[name][0]
            problems.append(
                first.problem(
                    f"{name} history runs {min(past):g} to {max(past):g}, but its value is "
                    f"{value:g} ({located.where}): write percentages as {max(past) * 100:g}, "
                    f"not {max(past):g}",
                    "value",
                )
            )
        elif value is not None and 0 < value <= 1:
            warnings.append(
                f"{name} is {value:g}% ({located.where}); if you meant {value * 100:g}%, "
                f"write {value * 100:g}"
            )
        elif value is None and past and 0 < max(past) <= 1:
            warnings.append(
                f"{name} history runs {min(past):g}% to {max(past):g}% "
                f"({history[name][0].where}); if these are fractions, write "
                f"{max(past) * 100:g} for {max(past) * 100:g}%"
            )
    return warnings


def check_agreement(
    kpis: dict[str, Located],
    history: dict[str, list[RawPoint]],
    locale: str,
    problems: list[Problem],
) -> None:
    """A KPI's value must equal its history's value for the same period (FY2025 and FY25 are
    the same period)."""
    for name, located in kpis.items():
        period = located.kpi.period
        if not period or name not in history:
            continue
        mine = {(p.kind, p.key) for p in period_readings(period, locale)}
        for raw in history[name]:
            theirs = {(p.kind, p.key) for p in period_readings(raw.point.period, locale)}
            if mine & theirs and abs(raw.point.value - located.kpi.value) > 1e-9:
                problems.append(
                    located.problem(
                        f"{name} is {located.kpi.value:g} for {period}, but {raw.where} gives "
                        f"{raw.point.value:g} for {raw.point.period}; make them agree"
                    )
                )
