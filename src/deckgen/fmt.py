"""Format numbers, money and dates for the org's locale; the only place numbers become text."""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct

from deckgen.words import plural

# Decimal mark and thousands separator per language/region. Unknown locales fall back to en-GB.
_SEPARATORS = {
    "en": (".", ","),
    "de": (",", "."),
    "nl": (",", "."),
    "es": (",", "."),
    "it": (",", "."),
    "pt": (",", "."),
    "da": (",", "."),
    "fr": (",", "\u202f"),
    "nb": (",", "\u00a0"),
    "no": (",", "\u00a0"),
    "sv": (",", "\u00a0"),
    "fi": (",", "\u00a0"),
    "pl": (",", "\u00a0"),
    "de-CH": (".", "'"),
}
_SYMBOLS = {"GBP": "£", "USD": "$"}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_COUNTED = {"days": "day", "hours": "hour", "years": "year", "months": "month", "posts": "post"}
_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9, "tn": 1e12}
MONEY_UNIT = re.compile(r"^([A-Z]{3})(?:-(k|m|bn|tn))?$")


class Formatter(Struct, frozen=True):
    locale: str = "en-GB"
    currency: str = "EUR"

    @property
    def decimal_mark(self) -> str:
        return self._seps[0]

    @property
    def _seps(self) -> tuple[str, str]:
        return _SEPARATORS.get(self.locale) or _SEPARATORS.get(self.locale[:2], (".", ","))

    def number(self, value: float, decimals: int | None = None) -> str:
        """1234.5 -> '1,234.5' (en) / '1.234,5' (de); decimals default to what the value needs."""
        if decimals is None:
            decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
            if decimals == 2 and round(value, 1) == round(value, 2):
                decimals = 1
        text = f"{abs(value):,.{decimals}f}"
        dec, thou = self._seps
        text = text.replace(",", "\x00").replace(".", dec).replace("\x00", thou)
        return ("-" if value < 0 and float(text.replace(thou, "").replace(dec, ".")) else "") + text

    def money(self, amount: float, code: str | None = None) -> str:
        """Whole amounts below 10,000 in full; larger ones abbreviated: EUR 1.2m, $3.1m, £51bn."""
        code = code or self.currency
        for suffix, size in (("tn", 1e12), ("bn", 1e9), ("m", 1e6)):
            if abs(amount) >= size:
                return self._money_text(code, self.number(round(amount / size, 1)) + suffix)
        if abs(amount) >= 10_000:
            return self._money_text(code, self.number(round(amount / 1e3)) + "k")
        decimals = 2 if amount % 1 else 0
        return self._money_text(code, self.number(amount, decimals))

    def _money_text(self, code: str, digits: str) -> str:
        symbol = _SYMBOLS.get(code)
        return f"{symbol}{digits}" if symbol else f"{code} {digits}"

    def quantity(self, value: float, unit: str) -> str:
        """A value in one of the evidence or KPI units, e.g. 17.5 percent -> '17.5%'."""
        money = MONEY_UNIT.match(unit)
        if unit == "currency":
            return self.money(value)
        if money:
            return self.money(value * _SCALE.get(money.group(2) or "", 1), money.group(1))
        if unit == "percent":
            return f"{self.number(value)}%"
        if unit in ("pp", "percentage-points"):
            return f"{self.number(value)} percentage points"
        if unit == "multiple":
            return f"{self.number(value)}×"
        if unit in _COUNTED:
            return plural(value, _COUNTED[unit], shown=self.number(value))
        if unit == "score":  # a level on its scale (3.2 of 5), not a change: no '+' sign
            return self.number(value)
        if unit == "count" and abs(value) >= 1e6:
            for word, size in (("billion", 1e9), ("million", 1e6)):
                if abs(value) >= size:
                    return f"{self.number(round(value / size, 1))} {word}"
        return self.number(value)  # count, ratio ...

    def date(self, day: date) -> str:
        if self.locale.startswith("en-US"):
            return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
