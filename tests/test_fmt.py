"""Numbers, money and dates formatted for the organisation's locale."""

from __future__ import annotations

from datetime import date

import pytest

from deckgen.fmt import Formatter


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (17.5, "percent", "17.5%"),
        (2.6, "multiple", "2.6×"),
        (9.4, "days", "9.4 days"),
        (1, "days", "1 day"),
        (1612, "count", "1,612"),
        (12e9, "count", "12 billion"),
        (8.9, "USD-tn", "$8.9tn"),
        (51, "GBP-bn", "£51bn"),
        (4.7, "GBP", "£4.70"),
        (60000, "currency", "EUR 60k"),
        (1_250_000, "currency", "EUR 1.2m"),
        (-12, "score", "-12"),
        (4, "score", "4"),  # a level on its scale, not a change
        (3.2, "score", "3.2"),
    ],
)
def test_quantities_en_gb(value, unit, text):
    assert Formatter("en-GB", "EUR").quantity(value, unit) == text


def test_german_separators():
    fmt = Formatter("de-DE", "EUR")
    assert fmt.number(1234.5) == "1.234,5"
    assert fmt.money(5200) == "EUR 5.200"


def test_dates():
    assert Formatter("en-GB").date(date(2026, 3, 31)) == "31 March 2026"
    assert Formatter("en-US").date(date(2026, 3, 31)) == "March 31, 2026"
