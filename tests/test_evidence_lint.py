"""Each evidence lint rule, tripped by a tiny fixture item; and the real library passes --strict."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from deckgen.evidence_lint import lint_items
from deckgen.load.evidence import read_library
from tests.conftest import run

FIT = {"countries": ["GB"], "industries": ["all"], "setting": "any", "funder": "independent"}
BASE = {
    "id": "item",
    "kind": "survey",
    "title": "A survey of workers",
    "publisher": "Some Institute",
    "year": 2024,
    "url": "https://example.org/report",
    "verification": "primary",
    "as_of": "2026-01-01",
    "method": "survey",
    "geography": "UK",
    "fit": {"countries": ["GB"], "industries": ["all"], "setting": "any", "funder": "independent"},
    "argues": ["exposure"],
    "grade": "B",
    "caveats": ["A survey of perceptions."],
    "blockers": ["too-expensive"],
    "claims": [
        {"id": "c", "statement": "About {value} of workers agree.", "value": 42, "unit": "percent"}
    ],
}


def library(tmp_path, *items: dict) -> str:
    folder = tmp_path / "lib"
    folder.mkdir(exist_ok=True)
    for item in items:
        (folder / f"{item['id']}.yaml").write_text(yaml.safe_dump(item, sort_keys=False))
    return str(folder)


def item(**changes) -> dict:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def claim(**changes) -> list[dict]:
    return [{**BASE["claims"][0], **changes}]


def lint(folder: str, *flags: str):
    return run("evidence", "lint", "--library", folder, *flags)


def test_clean_fixture_passes(tmp_path):
    result = lint(library(tmp_path, item()), "--strict")
    assert result.exit_code == 0, result.output
    assert "Evidence library: 1 item, 0 errors, 0 warnings" in result.stderr


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"url": None}, "evidence/item.yaml:1: url: required key is missing"),
        ({"year": None}, "evidence/item.yaml:1: year: required key is missing"),
        ({"publisher": None}, "evidence/item.yaml:1: publisher: required key is missing"),
        (
            {
                "claims": [
                    {"id": "c", "statement": "About {value} of workers agree.", "unit": "percent"}
                ]
            },
            "claims[0].value: required key is missing",
        ),
        (
            {"claims": [{"id": "c", "statement": "About {value} of workers agree.", "value": 4}]},
            "claims[0].unit: required key is missing",
        ),
        ({"blockers": ["too-expensiv"]}, "blockers: unknown blocker(s): too-expensiv"),
        ({"kpis": ["attrition"]}, "kpis: unknown KPI(s): attrition"),
        ({"caveats": []}, "caveats are required for grade B/C, modelled or secondary items"),
        (
            {"claims": claim(statement="Forty percent of workers agree with this.")},
            "statement must show its figure as {value}",
        ),
        ({"sample_size": 3}, "sample_size: unknown key"),
        ({"fit": None}, "fit: required key is missing"),
        (
            {"fit": {**FIT, "countries": ["Narnia"]}},
            "fit.countries: unknown country or region 'Narnia'",
        ),
        (
            {"fit": {**FIT, "countries": [False]}},
            "fit.countries[0]: expected text, got false: YAML reads a bare yes, no, on or off",
        ),
        (
            {"fit": {**FIT, "industries": ["helthcare"]}},
            "fit.industries: unknown industry 'helthcare'",
        ),
        ({"fit": {**FIT, "funder": "sponsor"}}, "fit.funder: input should be 'independent'"),
        ({"kind": "benchmark"}, "fit.measure is required for benchmarks"),
        ({"kind": "law", "grade": "B"}, "fit.jurisdiction is required for a law"),
        (
            {"argues": ["perception-gaps"]},
            "unknown argument 'perception-gaps' (see data/arguments.yaml); did you mean 'perception-gap'?",
        ),
    ],
    ids=[
        "no-url",
        "no-year",
        "no-publisher",
        "no-value",
        "no-unit",
        "unknown-blocker",
        "unknown-kpi",
        "no-caveats",
        "no-placeholder",
        "unknown-key",
        "no-fit",
        "unknown-country",
        "norway-read-as-false",
        "unknown-industry",
        "unknown-funder",
        "benchmark-needs-measure",
        "law-needs-jurisdiction",
        "unknown-argument",
    ],
)
def test_schema_rules(tmp_path, changes, expected):
    result = lint(library(tmp_path, item(**changes)))
    assert result.exit_code == 1
    assert expected in result.output, result.output


def test_typed_number(tmp_path):
    folder = library(
        tmp_path,
        item(claims=claim(statement="About {value} of workers agree, up from 35% last year.")),
    )
    result = lint(folder)
    assert result.exit_code == 1
    lines = (tmp_path / "lib" / "item.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "statement:" in text)
    assert (
        f"error: typed-number: evidence/item.yaml:{line}: claims[0].statement: types the "
        "number '35'"
    ) in result.output


def test_value_outside_range(tmp_path):
    result = lint(library(tmp_path, item(claims=claim(low=50, high=60))))
    assert (
        "error: range:" in result.output
        and "value 42 lies outside low 50 to high 60" in result.output
    )


def test_grade_a_needs_trial_or_meta_analysis(tmp_path):
    result = lint(library(tmp_path, item(grade="A")))
    assert (
        "grade A is for randomised trials and meta-analyses; this item is kind 'survey'"
        in result.output
    )


def test_series_needs_edition(tmp_path):
    result = lint(library(tmp_path, item(series="annual-report")))
    assert result.exit_code == 1
    assert (
        "item belongs to series 'annual-report', whose editions give different figures; "
        "name the edition" in result.output
    )
    assert (
        lint(library(tmp_path, item(series="annual-report", edition="2024 edition"))).exit_code == 0
    )


def test_freshness_is_a_warning_and_configurable(tmp_path):
    old = library(tmp_path, item(year=2010))
    relaxed = lint(old)
    assert relaxed.exit_code == 0
    assert "warning: freshness:" in relaxed.output
    assert lint(old, "--strict").exit_code == 1
    assert "warning: freshness" not in lint(old, "--max-age", "30").output


def test_duplicate_ids(tmp_path):
    loaded, _ = read_library(tmp_path / library(tmp_path, item()))
    findings = lint_items(loaded + loaded, today=date(2026, 1, 1))
    assert [f.rule for f in findings] == ["duplicate-id"]


def test_id_must_match_file_name(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "other.yaml").write_text(yaml.safe_dump(item()))
    assert "id 'item' must match the file name 'other'" in lint(str(folder)).output


ZOMBIES = [
    (
        "bankruptcy-2x",
        {
            "claims": claim(
                statement="Burnout cultures are {value} as likely to go bankrupt.",
                value=2,
                unit="multiple",
            )
        },
        "Dunham et al.",
    ),
    (
        "desperate-job-hunting",
        {"claims": claim(statement="About {value} of workers are desperately job hunting.")},
        "Harris Poll",
    ),
    ("tavistock-courage", {"publisher": "Tavistock Institute"}, "Howard & Cogswell"),
    (
        "hr-burnout-98-shrm",
        {
            "publisher": "SHRM",
            "claims": claim(statement="{value} of HR professionals are burned out.", value=98),
        },
        "Workvivo",
    ),
    (
        "who-12-hazards",
        {
            "publisher": "World Health Organization",
            "claims": claim(
                statement="There are {value} psychosocial hazards.", value=12, unit="count"
            ),
        },
        "ten categories",
    ),
    (
        "disengaged-34pct",
        {
            "claims": claim(
                statement="A disengaged employee costs {value} of their salary.", value=34
            )
        },
        "cannot be traced",
    ),
    (
        "shrm-months-salary",
        {
            "publisher": "SHRM",
            "claims": claim(
                statement="Replacing an employee costs {value} months of salary.",
                value=6,
                unit="count",
            ),
        },
        "Gallup's 2024 replacement factors by role",
    ),
]


@pytest.mark.parametrize(("rule", "changes", "real_source"), ZOMBIES, ids=[z[0] for z in ZOMBIES])
def test_do_not_use_rules(tmp_path, rule, changes, real_source):
    result = lint(library(tmp_path, item(**changes)))
    assert result.exit_code == 1
    assert f"error: do-not-use:{rule}:" in result.output
    assert real_source in result.output


def test_real_library_passes_strict():
    result = run("evidence", "lint", "--strict")
    assert result.exit_code == 0, result.output
    assert ", 0 errors, 0 warnings" in result.stderr


def test_build_refuses_a_library_with_errors(tmp_path):
    from tests.conftest import NORTHWIND

    bad = library(tmp_path, item(claims=claim(statement="About {value} agree; 35% did before.")))
    result = run("build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--evidence", bad)
    assert result.exit_code == 1
    assert "types the number '35'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_claim_too_long_for_a_title_needs_a_headline(tmp_path):
    long = (
        "Teams in the top quarter for engagement were {value} more profitable than teams in "
        "the bottom quarter of the same companies."
    )
    result = lint(library(tmp_path, item(claims=claim(statement=long))))
    assert result.exit_code == 1
    assert "error: headline:" in result.output
    assert "titles fit in 90, so give the claim a shorter `headline:`" in result.output
    fixed = claim(statement=long, headline="Top-quarter teams were {value} more profitable")
    assert "headline:" not in lint(library(tmp_path, item(claims=fixed))).output


def test_a_headline_without_a_verb_is_flagged(tmp_path):
    """A slide title states the takeaway: 'All absence' (a statement's first clause) will not do."""
    bad = claim(
        statement="All absence, leave included, took {value} of working time in the year.",
        headline="Sickness absence at {value} of the year",
    )
    result = lint(library(tmp_path, item(claims=bad)))
    assert "warning: headline-verb:" in result.output and "which has no verb" in result.output
    fixed = claim(
        statement="All absence, leave included, took {value} of working time in the year.",
        headline="Absence took {value} of working time",
    )
    assert "headline-verb" not in lint(library(tmp_path, item(claims=fixed))).output
