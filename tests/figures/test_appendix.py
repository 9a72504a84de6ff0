"""The money figures reach the deck: each has an appendix slide that lists its inputs, read back
from a built .pptx of a small workspace."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation

from tests.conftest import run

ORG = """name: Small Depot Ltd
industry: logistics
country: GB
currency: GBP
headcount: 100
average_salary: 22800
workforce: {on_site: 90, roles: {frontline: 70, technical: 20, leaders: 10}}
kpis:
  voluntary_attrition: {value: 20, unit: percent, period: "2025"}
  time_to_fill_days: {value: 73, unit: days, period: "2025"}
  remote_eligible_share: {value: 10, unit: percent, period: "2025"}
assumptions:
  cover_premium: 0.5
"""

AUDIENCE = """executives:
  - name: Chris Finance
    role: CFO
    said: "What is the payback? Give me a number."
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    ws = tmp_path_factory.mktemp("small-depot")
    (ws / "org.yaml").write_text(ORG)
    (ws / "audience.yaml").write_text(AUDIENCE)
    out = ws / "out"
    result = run("build", str(ws), "-o", str(out), "--charts", "native")
    assert result.exit_code == 0, result.output + result.stderr
    return out


def _appendix(out, label: str) -> list[str]:
    """The text lines of the appendix slides (one, or "1 of 2" and "2 of 2") for `label`."""
    prs = Presentation(str(out / "chris-finance.pptx"))
    lines = [
        p.text
        for slide in prs.slides
        if slide.shapes.title is not None
        and slide.shapes.title.text.startswith("Appendix")
        and label in slide.shapes.title.text
        for sh in slide.shapes
        if sh.has_text_frame and sh != slide.shapes.title
        for p in sh.text_frame.paragraphs
        if p.text
    ]
    assert lines, f"no appendix slide for {label}"
    return lines


def test_the_vacancy_cost_slide_lists_its_inputs(built):
    # 20 leavers × 73 days / 365 = 4 posts; × £22,800 × 0.5 = £45,600
    lines = _appendix(built, "annual cost of covering empty posts")
    assert lines[0] == ("Formula: posts empty on an average day × average salary × cover premium.")
    assert (
        "Posts empty on an average day: 4 posts (voluntary leavers × time to fill (days) ÷ "
        "days in a year)"
    ) in lines
    assert "Average salary: £23k (our HR data)" in lines
    assert "Cover premium: 0.5× (our HR data)" in lines
    assert "Result: £46k." in lines


def test_the_value_of_one_leaver_slide_shows_the_role_mix(built):
    # without an ask cost: 70/20/10 × 40/80/200% = 64% of £22,800 = £14,592
    lines = _appendix(built, "value of one leaver prevented")
    assert lines[0] == "Formula: average salary × replacement cost factor."
    assert "Frontline share of roles: 70% (our HR data)" in lines
    assert any(line.startswith("Replacement factor, leaders: 200% (") for line in lines)
    assert any(
        line.startswith("Replacement factor, base: 64% (frontline share × ") for line in lines
    )
    # the high end is derived, not Gallup's: it is listed apart, with its own formula
    assert any(
        line.startswith("Replacement factor, high: 92% (frontline share × ") for line in lines
    )
    assert "Range: £9,120 to £21k." in lines  # 40% and 92% of £22,800


def test_a_frontline_workspace_gets_no_figure_from_the_hybrid_trial(built):
    figures = json.loads((built / "chris-finance.manifest.json").read_text())["figures"]
    keys = {f["key"] for f in figures}
    assert "improvement_value" not in keys and "payback_months" not in keys
    assert {"value_one_leaver", "value_one_point", "posts_empty", "vacancy_cost"} <= keys
    refs = {i["source"]["ref"] for f in figures for i in f.get("inputs", [])}
    assert not any(ref.startswith("bloom-") for ref in refs)
