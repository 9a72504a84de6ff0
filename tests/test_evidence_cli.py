"""`deckgen evidence list/show/search`, and the library's coverage of the 14 blockers."""

from __future__ import annotations

import json

import pytest

from deckgen.blockers import SLUGS
from tests.conftest import run


@pytest.fixture(scope="module")
def items() -> list[dict]:
    result = run("evidence", "list", "--json")
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_at_least_45_items(items):
    assert len(items) >= 45


@pytest.mark.parametrize("slug", SLUGS)
def test_every_blocker_is_answered(items, slug):
    answering = [i for i in items if slug in i["blockers"]]
    strong = [i for i in answering if i["grade"] == "A" or i["verification"] == "primary"]
    assert len(answering) >= 4, slug
    assert len(strong) >= 2, slug


@pytest.mark.parametrize(
    ("item_id", "kpi", "unit"),
    [
        ("cipd-sickness-absence-2025", "absence_days_per_fte", "days"),
        ("gallup-sogw-2024", "engagement", "percent"),
        ("gallup-hybrid-work-2025", "remote_eligible_share", "percent"),
        ("shrm-cost-per-hire", "cost_per_hire", "USD"),
        ("gallup-replacement-cost", "voluntary_attrition", "multiple"),
    ],
)
def test_benchmarks_name_population_in_catalog_units(items, item_id, kpi, unit):
    item = next(i for i in items if i["id"] == item_id)
    assert kpi in item["kpis"]
    assert item["geography"] and item["year"]
    assert all(c["population"] for c in item["claims"])
    assert any(c["unit"] == unit for c in item["claims"])


def test_list_filters(items):
    result = run("evidence", "list", "--blocker", "control-rto", "--grade", "A")
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == [
        "bloom-2015-ctrip-wfh-rct",
        "bloom-2024-hybrid-rct",
        "moen-2016-star-it-wellbeing",
        "moen-2017-star-turnover",
    ]
    by_kpi = run("evidence", "list", "--kpi", "cost_per_hire").stdout
    assert [line.split()[0] for line in by_kpi.splitlines()] == ["shrm-cost-per-hire"]


def test_list_unknown_kpi():
    result = run("evidence", "list", "--kpi", "attrition")
    assert result.exit_code == 1
    assert "--kpi: unknown KPI 'attrition'" in result.stderr


def test_show_renders_claims_from_values():
    result = run("evidence", "show", "bloom-2024-hybrid-rct")
    assert result.exit_code == 0
    assert "Bloom, Han & Liang (2024), Nature · rct, grade A, primary source" in result.stdout
    assert "[quits] Working from home two days a week cut quit rates by about 33%" in result.stdout
    assert "caveats:" in result.stdout


def test_show_unknown_id_suggests():
    result = run("evidence", "show", "bloom-2024")
    assert result.exit_code == 1
    assert "did you mean 'bloom-2024-hybrid-rct'?" in result.stderr


def test_search():
    result = run("evidence", "search", "wellness programme")
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert "song-baicker-2019-wellness-rct" in ids
    assert "bloom-2024-hybrid-rct" not in ids
