"""Dates in a locale's order and reporting periods read as time."""

from __future__ import annotations

import datetime as dt

import pytest

from deckgen.load.dates import SeriesProblem, order_series, parse_date


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("10/03/26", "en-GB", dt.date(2026, 3, 10)),
        ("2026/03/10", "en-US", dt.date(2026, 3, 10)),
        ("10 Mar 2026", "de-DE", dt.date(2026, 3, 10)),
        ("Mar 10 2026", "en-US", dt.date(2026, 3, 10)),
    ],
)
def test_parse_date(text, locale, day):
    assert parse_date(text, locale) == day


@pytest.mark.parametrize("text", ["31/02/2026", "2026-13-01", "soon", "10/03"])
def test_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text, "en-GB")


def test_split_years_and_months_that_look_alike():
    years = order_series(["2011-12", "2012-13", "2013-14"])
    assert [p.kind for p in years] == ["split"] * 3
    months = order_series(["2011-11", "2011-12"])
    assert [p.kind for p in months] == ["month"] * 2


def test_an_unreadable_period():
    result = order_series(["2024", "next year"])
    assert isinstance(result, SeriesProblem)
    assert result.message.startswith("cannot tell when 'next year' is")
