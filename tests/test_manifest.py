"""The manifest beside each deck traces every number on every slide; sparse workspaces stay honest."""

from __future__ import annotations

import json
import re

import pytest
from pptx import Presentation

from tests.conftest import run
from tests.test_build import EXECS, slide_texts

DIGITS = re.compile(r"\d[\d,.]*\d|\d")


def stem(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower())


@pytest.mark.parametrize("entry", EXECS, ids=[e["name"] for e in EXECS])
def test_manifest_lists_every_number_on_every_slide(northwind_decks, entry):
    deck = northwind_decks / f"{stem(entry['name'])}.pptx"
    manifest = json.loads(deck.with_suffix(".manifest.json").read_text())
    prs = Presentation(str(deck))
    assert len(manifest["slides"]) == len(prs.slides)
    for slide, record in zip(prs.slides, manifest["slides"], strict=True):
        recorded = [n["text"] for n in record["numbers"]]
        for number in record["numbers"]:
            assert number["source"]["kind"] in (
                "org",
                "audience",
                "evidence",
                "derived",
                "assumption",
            )
            assert number["source"]["ref"]
        for text in slide_texts(slide):
            for token in DIGITS.findall(text):
                assert any(token in r for r in recorded), (
                    f"slide {record['number']} ({record['role']}): '{token}' in {text!r} "
                    "is not in the manifest"
                )


def test_manifest_carries_formulas_and_assumptions(northwind_decks):
    manifest = json.loads((northwind_decks / "jordan-ellis.manifest.json").read_text())
    figures = {f["key"]: f for f in manifest["figures"]}
    turnover = figures["turnover_cost"]
    assert turnover["formula"] == "voluntary leavers × average salary × replacement cost factor"
    assert turnover["low"]["value"] == pytest.approx(7_728_000)  # 420 × 46,000 × 40%
    assert {i["name"] for i in turnover["inputs"]} >= {"headcount", "average salary"}
    assert manifest["assumptions"]["on_cost_factor"]["value"] == 1.25


def test_cost_slide_shows_a_range_with_its_formula(northwind_decks):
    prs = Presentation(str(northwind_decks / "jordan-ellis.pptx"))
    cost = next(s for s in prs.slides if s.shapes.title.text.startswith("Turnover and absence"))
    # the headline is the conservative case; the range is in the table, notes and appendix
    assert (
        cost.shapes.title.text == "Turnover and absence already cost us at least EUR 14.2m a year"
    )
    notes = cost.notes_slide.notes_text_frame.text
    assert "EUR 7.7m to EUR 15.5m" in notes
    figure = {sh.name: sh.text_frame.text for sh in cost.shapes if sh.has_text_frame}
    assert figure["Big number"] == "EUR 14.2m"  # the BIG NUMBER archetype: the base case
    detail = next(
        s for s in prs.slides if s.shapes.title.text.startswith("Appendix: the cost of doing")
    )
    assert any(sh.has_chart for sh in detail.shapes)  # the range, low to high
    table = next(sh.table for sh in detail.shapes if sh.has_table)
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows}
    assert rows["Voluntary turnover"][1:] == [
        "420 leavers × EUR 46k × 40% to 80%",
        "EUR 7.7m",
        "EUR 15.5m",
    ]
    titles = [s.shapes.title.text for s in prs.slides]
    assert "Appendix: how we calculated the annual cost of voluntary turnover" in titles


def test_cost_notes_state_the_replacement_factor_the_figures_use(northwind_decks):
    prs = Presentation(str(northwind_decks / "jordan-ellis.pptx"))
    cost = next(s for s in prs.slides if s.shapes.title.text.startswith("Turnover and absence"))
    notes = cost.notes_slide.notes_text_frame.text
    assert "half a salary" not in notes
    assert "40%" in notes


def test_benchmark_and_trend_slides(northwind_decks, workspace, tmp_path):
    titles = [
        s.shapes.title.text for s in Presentation(str(northwind_decks / "jordan-ellis.pptx")).slides
    ]
    assert "Voluntary attrition has risen from 13.1% to 17.5% since 2022" in titles
    # Northwind is European: the UK absence survey is no benchmark for it.
    assert not any("benchmark" in t for t in titles)
    org = workspace / "org.yaml"
    org.write_text(org.read_text().replace("region: europe", "country: GB"))
    out = tmp_path / "uk"
    result = run("build", str(workspace), "-o", str(out), "--exec", "Jordan Ellis")
    assert result.exit_code == 0, result.stderr
    titles = [s.shapes.title.text for s in Presentation(str(out / "jordan-ellis.pptx")).slides]
    assert "Our sickness absence is 1.8 days above the UK benchmark" in titles


def test_two_kpi_workspace_builds_fewer_slides_and_invents_nothing(tmp_path):
    ws = tmp_path / "small"
    ws.mkdir()
    (ws / "org.yaml").write_text("""name: Small Co
currency: GBP
headcount: 80
average_salary: 30000
kpis:
  engagement: {value: 41, unit: percent, period: "2025"}
  enps: {value: 5, unit: score, period: "2025"}
""")
    (ws / "audience.yaml").write_text("""presenter: {name: Ana Ruiz}
executives:
  - {name: Ben Cole, role: MD, said: "We can't afford anything new this year."}
""")
    result = run("build", str(ws), "-o", str(tmp_path / "out"), "--json")
    assert result.exit_code == 0, result.stderr
    prs = Presentation(str(tmp_path / "out" / "ben-cole.pptx"))
    titles = [s.shapes.title.text for s in prs.slides]
    assert not any(
        t.startswith(("Turnover and absence", "Appendix: how we calculated", "All "))
        for t in titles
    )
    text = "\n".join(t for s in prs.slides for t in slide_texts(s))
    assert "Voluntary attrition" not in text  # no KPI we were not given
    manifest = json.loads((tmp_path / "out" / "ben-cole.manifest.json").read_text())
    assert manifest["figures"] == []


def test_assumption_keys_are_checked(workspace, tmp_path):
    org = workspace / "org.yaml"
    org.write_text(org.read_text() + "assumptions:\n  on_cost: 1.3\n")
    result = run("build", str(workspace), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "assumptions.on_cost: unknown key; did you mean 'on_cost_factor'?" in result.stderr


def test_assumption_override_changes_the_cost(workspace, tmp_path):
    org = workspace / "org.yaml"
    org.write_text(org.read_text() + "assumptions:\n  on_cost_factor: 1.3\n")
    result = run("build", str(workspace), "-o", str(tmp_path), "--exec", "Jordan Ellis")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((tmp_path / "jordan-ellis.manifest.json").read_text())
    assert manifest["assumptions"]["on_cost_factor"] == {
        "value": 1.3,
        "unit": "multiple",
        "source": "set in org.yaml assumptions",
    }
