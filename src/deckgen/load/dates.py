"""Dates and reporting periods as people write them: in their locale's order, as years, fiscal
years, quarters, months or dates, so that a series sorts as time, not as text."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable

from msgspec import Struct

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip

# Locales that write numeric dates month first, year first, or either way (Canada).
_MONTH_FIRST = {"en-US", "es-US", "en-PH"}
_YEAR_FIRST = {"ja", "zh", "ko", "hu", "lt"}
_EITHER = {"en-CA", "fr-CA"}

DATE_FORMS = "2026-03-10, 10/03/2026 (in your locale's order) or 10 March 2026"


def date_order(locale: str) -> str:
    """'dmy', 'mdy', 'ymd' or 'either' for numeric dates written in `locale`."""
    if locale in _EITHER:
        return "either"
    if locale in _MONTH_FIRST:
        return "mdy"
    if locale.split("-")[0] in _YEAR_FIRST:
        return "ymd"
    return "dmy"


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _spoken(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def parse_date(text: str, locale: str = "en-GB") -> dt.date:
    """A date as written: ISO (2026-03-10), numeric in the locale's order (10/03/2026 in en-GB,
    03/10/2026 in en-US), or with a month name (10 March 2026, March 10, 2026, 10 Mar 26).
    Raises ValueError saying what was expected, or which two readings a date allows."""
    raw = str(text).strip()
    s = raw.lower().replace(",", " ").replace(".", " ").strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw):
        found = _day(int(m[1]), int(m[2]), int(m[3]))
        if found:
            return found
        raise ValueError(f"'{raw}' is not a calendar date; expected a date like {DATE_FORMS}")
    if m := re.fullmatch(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})", raw):
        a, b, c = m[1], m[2], m[3]
        return _numeric(raw, a, b, c, date_order(locale), locale)
    parts = s.split()
    if len(parts) == 3:
        day_first = parts[0].isdigit() and parts[1] in MONTHS and parts[2].isdigit()
        month_first = parts[0] in MONTHS and parts[1].isdigit() and parts[2].isdigit()
        if day_first or month_first:
            day, month = (parts[0], parts[1]) if day_first else (parts[1], parts[0])
            found = _day(_year(parts[2]), MONTHS[month], int(day))
            if found:
                return found
    raise ValueError(f"expected a date like {DATE_FORMS}, got '{raw}'")


def _numeric(raw: str, a: str, b: str, c: str, order: str, locale: str) -> dt.date:
    if len(a) == 4:  # 2026/03/10: year first, whatever the locale
        found = _day(int(a), int(b), int(c))
        if found:
            return found
        raise ValueError(f"'{raw}' is not a calendar date; expected a date like {DATE_FORMS}")
    year = _year(c)
    dmy = _day(year, int(b), int(a))
    mdy = _day(year, int(a), int(b))
    if order == "either":
        if dmy and mdy and dmy != mdy:
            raise ValueError(
                f"'{raw}' could be {_spoken(dmy)} or {_spoken(mdy)} (locale {locale} writes "
                f"dates both ways); write it as {dmy.isoformat()} or {mdy.isoformat()}"
            )
        found = dmy or mdy
    else:
        found = mdy if order == "mdy" else dmy
        other = dmy if order == "mdy" else mdy
        if found is None and other is not None:
            written = "month/day/year" if order == "mdy" else "day/month/year"
            raise ValueError(
                f"'{raw}' is not a date in {locale}, which writes {written}; if you meant "
                f"{_spoken(other)}, write {other.isoformat()}"
            )
    if found is None:
        raise ValueError(f"'{raw}' is not a calendar date; expected a date like {DATE_FORMS}")
    return found


# --- periods -------------------------------------------------------------------------------

PERIOD_FORMS = "2025, FY2025, 2024-25, Q3 2024, H1 2024, Mar-25, March 2025, 2025-03 or a date"
KIND_NAMES = {
    "year": "year",
    "fy": "fiscal year",
    "split": "split year",
    "half": "half year",
    "quarter": "quarter",
    "month": "month",
    "date": "date",
}


class Period(Struct, frozen=True):
    """A reporting period: its form, a key that sorts as time, and when it ends in years
    (2025.25 is the end of Q1 2025), for rates per year and matching a KPI to its history."""

    kind: str
    key: tuple[int, ...]
    ends: float


def _years(m: re.Match) -> list[Period]:
    y = int(m[1])
    return [Period("year", (y,), float(y))]


def _fiscal(m: re.Match) -> list[Period]:
    y = _year(m[1])
    return [Period("fy", (y,), float(y))]


def _split(m: re.Match) -> list[Period]:
    """2024-25 is a split year; 2024-11 is a month; 2011-12 could be either."""
    first, second = int(m["a"]), int(m["b"])
    out = []
    if second in (first + 1, (first + 1) % 100):
        out.append(Period("split", (first + 1,), float(first + 1)))
    if len(m["b"]) == 2 and 1 <= second <= 12 and m["sep"] == "-" and not m["fy"]:
        out.append(Period("month", (first, second), first + second / 12))
    return out


def _quarter(m: re.Match) -> list[Period]:
    q, y = (m[1], m[2]) if m[1] else (m[4], m[3])
    year = _year(y)
    return [Period("quarter", (year, int(q)), year + int(q) / 4)]


def _half(m: re.Match) -> list[Period]:
    h, y = (m[1], m[2]) if m[1] else (m[4], m[3])
    year = _year(y)
    return [Period("half", (year, int(h)), year + int(h) / 2)]


def _named_month(m: re.Match) -> list[Period]:
    if m[1] not in MONTHS:
        return []
    year, month = _year(m[2]), MONTHS[m[1]]
    return [Period("month", (year, month), year + month / 12)]


def _numbered_month(m: re.Match) -> list[Period]:
    if not 1 <= int(m[1]) <= 12:
        return []
    year, month = int(m[2]), int(m[1])
    return [Period("month", (year, month), year + month / 12)]


# Each period form: a pattern over the folded text, and what its match means.
_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match], list[Period]]], ...] = (
    (re.compile(r"(?:cy ?)?((?:19|20)\d{2})"), _years),
    (re.compile(r"fy ?-?'?(\d{2}|\d{4})"), _fiscal),
    (re.compile(r"(?P<fy>fy ?)?(?P<a>(?:19|20)\d{2}) ?(?P<sep>[-/]) ?(?P<b>\d{2}|\d{4})"), _split),
    (
        re.compile(
            r"(?:fy ?)?q([1-4])[ \-/]?(?:fy ?)?((?:19|20)?\d{2})"
            r"|(?:fy ?)?((?:19|20)?\d{2})[ \-/]?q([1-4])"
        ),
        _quarter,
    ),
    (re.compile(r"h([12])[ \-/]?((?:19|20)?\d{2})|((?:19|20)\d{2})[ \-/]?h([12])"), _half),
    (re.compile(r"([a-z]{3,9})[ \-/']?((?:19|20)?\d{2})"), _named_month),
    (re.compile(r"(\d{1,2})/((?:19|20)\d{2})"), _numbered_month),
)


def period_readings(text: str, locale: str = "en-GB") -> list[Period]:
    """Every reading `text` allows (2011-12 is a split year or December 2011), or none."""
    s = re.sub(r"\s+", " ", text.strip().lower().replace("–", "-").replace("—", "-"))
    out: list[Period] = []
    for pattern, read in _FORMS:
        if m := pattern.fullmatch(s):
            out += read(m)
    if not out and re.search(r"\d", s) and len(s) <= 30:
        with contextlib.suppress(ValueError):
            day = parse_date(text, locale)
            ends = day.year + day.timetuple().tm_yday / 366
            out.append(Period("date", (day.year, day.month, day.day), ends))
    return out


class SeriesProblem(Struct, frozen=True):
    message: str


def order_series(periods: list[str], locale: str = "en-GB") -> list[Period] | SeriesProblem:
    """The periods of one series read in one form, or why they cannot be: a period no form
    reads, or forms that differ (a series of years with one fiscal year in it)."""
    readings = [period_readings(p, locale) for p in periods]
    unread = [p for p, r in zip(periods, readings, strict=True) if not r]
    if unread:
        return SeriesProblem(
            f"cannot tell when '{unread[0]}' is; expected a period like {PERIOD_FORMS}"
        )
    kinds = set.intersection(*({r.kind for r in rs} for rs in readings)) if readings else set()
    if not kinds:
        forms: dict[str, list[str]] = {}
        for p, rs in zip(periods, readings, strict=True):
            forms.setdefault(KIND_NAMES[rs[0].kind], []).append(p)
        listed = "; ".join(f"{name}: {', '.join(ps)}" for name, ps in forms.items())
        return SeriesProblem(
            f"mixes period forms ({listed}); write every period of a measure the same way"
        )
    kind = next(
        k for k in ("month", "split", "year", "fy", "quarter", "half", "date") if k in kinds
    )
    return [next(r for r in rs if r.kind == kind) for rs in readings]
