"""One KPI value as written, checked against the catalog: its number (with a %, a currency or a
decimal comma), its unit, its range and, for survey scores, its scale."""

from __future__ import annotations

import difflib
import math
import re
from typing import Any

from deckgen.fmt import Formatter
from deckgen.kpis import CATALOG, normalise_unit, parse_scale
from deckgen.load.amounts import is_currency_unit, parse_amount, parse_number
from deckgen.models import Scale


def unknown_kpi(name: str) -> str:
    hint = difflib.get_close_matches(name, list(CATALOG), n=1, cutoff=0.6)
    tail = f"; did you mean '{hint[0]}'?" if hint else f"; known KPIs: {', '.join(CATALOG)}"
    return f"unknown KPI '{name}'{tail}"


def check_value(name: str, value: float, unit: str | None, currency: str) -> str | None:
    spec = CATALOG[name]
    if not math.isfinite(value):
        return f"expected a number, got {value}"
    if unit is not None:
        normal = "currency" if is_currency_unit(unit, currency) else normalise_unit(unit, currency)
        if normal != spec.unit:
            want = currency if spec.unit == "currency" else spec.unit
            return f"expected unit '{want}' for {name}, got '{unit}'"
    if not spec.low <= value <= spec.high:
        shown = f"{value:g}"
        return f"expected {spec.low:g} to {spec.high:g} {spec.unit}, got {shown}"
    return None


def read_value(raw: Any, fmt: Formatter, percent_cell: bool = False):
    """(value, unit implied by the text, problem): '17,5 %' -> 17.5 percent; '£1,150' -> money."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
        return (value * 100, "percent", None) if percent_cell else (value, None, None)
    text = str(raw or "").strip()
    found = parse_amount(text, fmt.currency, fmt.decimal_mark)
    if found.problem:
        return None, None, found.problem
    if found.value is None:
        return (
            None,
            None,
            f"expected a number, got '{text}'" if text else "expected a number, got an empty cell",
        )
    value = found.value * 100 if percent_cell else found.value
    unit = "percent" if found.percent or percent_cell else fmt.currency if found.currency else None
    return value, unit, None


def read_scale(raw: str | None, name: str, value: float) -> tuple[Scale | None, str | None]:
    if raw is None or raw == "":
        return None, None
    try:
        scale = parse_scale(raw)
    except ValueError as exc:
        return None, str(exc)
    if CATALOG[name].unit != "score":
        return None, f"a scale is for survey scores; {name} is measured in {CATALOG[name].unit}"
    if not scale.low <= value <= scale.high:
        return None, f"{value:g} lies outside its scale {scale}"
    return scale, None


def unit_is_not(unit: str, want: str, currency: str) -> bool:
    return normalise_unit(unit, currency) != want


_FEWER = re.compile(r"^(?:<|≤|<=|fewer than|less than|under)\s*(\d+)$", re.IGNORECASE)


def read_count(raw: object) -> tuple[int | None, str | None]:
    """(people, problem) for a KPI's `n`: a whole number, or '<5' / 'fewer than 5' (too few to
    show: read as 0, so the figure is held back). Anything else is a problem, never 'no count'."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, bool):
        return None, f"expected a count of people, got {str(raw).lower()}"
    if isinstance(raw, int):
        return (raw, None) if raw >= 0 else (None, f"expected a count of people, got {raw}")
    text = str(raw).strip()
    if _FEWER.match(text):
        return 0, None
    value, _ = parse_number(text)
    if value is None or value < 0 or not float(value).is_integer():
        return None, (
            f"expected a count of people (a whole number, or '<5' where there are too few to "
            f"show), got '{text}'"
        )
    return int(value), None
