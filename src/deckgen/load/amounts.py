"""Numbers as HR exports and people write them: '17,5 %', '£1,150', '1.150 €', 'EUR 60k'.

A currency written with an amount (symbol or ISO code, before or after it) must be the
organisation's currency; amounts are never converted.
"""

from __future__ import annotations

import re

from msgspec import Struct

# Symbols and the ISO 4217 codes they can stand for. '$' and 'kr' name several currencies, so
# they are accepted for any of them; a code written out ("EUR", "usd") must match exactly.
SYMBOLS: dict[str, tuple[str, ...]] = {
    "£": ("GBP", "GIP", "FKP", "SHP"),
    "€": ("EUR",),
    "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "CLP", "COP", "ARS", "TWD"),
    "us$": ("USD",),
    "c$": ("CAD",),
    "ca$": ("CAD",),
    "a$": ("AUD",),
    "au$": ("AUD",),
    "nz$": ("NZD",),
    "s$": ("SGD",),
    "hk$": ("HKD",),
    "r$": ("BRL",),
    "¥": ("JPY", "CNY"),
    "₹": ("INR",),
    "₩": ("KRW",),
    "₪": ("ILS",),
    "₺": ("TRY",),
    "₱": ("PHP",),
    "zł": ("PLN",),
    "kč": ("CZK",),
    "ft": ("HUF",),
    "kr": ("SEK", "NOK", "DKK", "ISK"),
    "kr.": ("DKK", "ISK"),
    "fr.": ("CHF",),
    "r": ("ZAR",),
}
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}

_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d{1,2}$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_THOUSANDS_APOSTROPHE = re.compile(r"^[+-]?\d{1,3}('\d{3})+(\.\d+)?$")  # Swiss: 1'150.50


def parse_number(text: str) -> tuple[float | None, bool]:
    """(value, had_percent_sign) for the number spellings HR exports use; value None if unreadable."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.replace("\u2212", "-")  # a typographic minus
    percent = cleaned.endswith("%")
    cleaned = cleaned.rstrip("%").strip()
    if _PLAIN.match(cleaned):
        return float(cleaned), percent
    if _DECIMAL_COMMA.match(cleaned):
        return float(cleaned.replace(",", ".")), percent
    if _THOUSANDS_COMMA.match(cleaned):
        return float(cleaned.replace(",", "")), percent
    if (
        _THOUSANDS_DOT.match(cleaned)
        and cleaned.count(".") >= 1
        and ("," in cleaned or cleaned.count(".") > 1)
    ):
        return float(cleaned.replace(".", "").replace(",", ".")), percent
    if _THOUSANDS_APOSTROPHE.match(cleaned):
        return float(cleaned.replace("'", "")), percent
    return None, percent


def currency_names(code: str) -> list[str]:
    """How `code` may be written beside an amount: the code and every symbol that can mean it."""
    return [code, *(s for s, codes in SYMBOLS.items() if code in codes)]


def is_currency_unit(unit: str, code: str) -> bool:
    """True if `unit` (as written in a unit column) names the organisation's currency."""
    text = unit.strip().casefold()
    return text == code.casefold() or code in SYMBOLS.get(text, ())


class Amount(Struct, frozen=True):
    value: float | None  # None: not a number at all
    percent: bool = False
    currency: str | None = None  # the symbol or code written with it, as written
    problem: str | None = None  # why it cannot be read for this organisation


_MARKER = re.compile(
    r"^(?P<pre>[^\d\s+\-.,]{1,4})?\s*(?P<num>[+\-\u2212]?[\d][\d\s.,'\u00a0\u202f]*%?)\s*"
    r"(?P<scale>k|m|mn|bn)?\s*(?P<post>[^\d\s]{1,4})?$",
    re.IGNORECASE,
)


_DOTTED_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def parse_amount(text: str, currency: str | None = None, decimal: str = ".") -> Amount:
    """A number that may carry a currency and a k/m/bn scale: '£1,150', '1.150 €', 'EUR 60k'.
    `decimal` is the locale's decimal mark: with ',' (de-DE), '1.150' is one thousand one
    hundred and fifty, not one point one five."""
    raw = str(text).strip()
    if decimal == ",":
        bare = re.sub(r"[^\d.+-]", "", raw)
        if _DOTTED_THOUSANDS.match(bare) and not re.search(r"[,%]", raw):
            raw = raw.replace(".", "")
    value, percent = parse_number(raw)
    if value is not None:
        return Amount(value, percent)
    m = _MARKER.match(raw)
    if not m or not (m["pre"] or m["post"] or m["scale"]):
        return Amount(None)
    marker = (m["pre"] or m["post"] or "").strip()
    if m["pre"] and m["post"]:
        return Amount(None)
    number, percent = parse_number(m["num"])
    if number is None:
        return Amount(None)
    if m["scale"]:
        number *= _SCALE[m["scale"].lower()]
    if not marker:
        return Amount(number, percent) if m["scale"] else Amount(None)
    codes = SYMBOLS.get(marker.casefold()) or (
        (marker.upper(),) if re.fullmatch(r"[A-Za-z]{3}", marker) else None
    )
    if codes is None:
        return Amount(None)
    if currency is not None and currency.upper() not in codes:
        meant = (
            codes[0]
            if len(codes) == 1
            else " or ".join(codes[:3]) + (", ..." if len(codes) > 3 else "")
        )
        return Amount(
            number,
            percent,
            marker,
            f"'{raw}' is in {marker} ({meant}), but the organisation's currency is {currency}; "
            "give amounts in that currency (deckgen never converts them)",
        )
    return Amount(number, percent, marker)
