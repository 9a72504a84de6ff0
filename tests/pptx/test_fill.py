"""Slide fillers: each kind of slide goes to its filler by role, else by layout; a new kind of slide
is one more registered filler, and fill_slide gives it the title, source line and tidy-up."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation

from deckgen.errors import TemplateError
from deckgen.load.theme import load_theme
from deckgen.models import ChartItem, ChartPanel, ChartPlan, SlidePlan, Table
from deckgen.pptx import fill
from deckgen.pptx.internals import remove_shape
from tests.conftest import ROOT

LAYOUTS = {  # deckgen's layout roles -> the clean template's layouts
    "title": "Title Slide",
    "content": "Title and Content",
    "section": "Section Header",
    "two_content": "Two Content",
    "title_only": "Title Only",
    "blank": "Blank",
}
CHART = ChartPlan(
    "comparison", (ChartPanel("", (ChartItem("Depot A", 1.0, "1"),)),), "Depot A: 1", 6.0, 3.0
)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), "white").save(out, "PNG")
    return out.getvalue()


def _filled(plan: SlidePlan, image: bytes | None = None):
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    layout = prs.slide_layouts.get_by_name(LAYOUTS.get(plan.layout, "Title Only"))
    slide = prs.slides.add_slide(layout)
    page = fill.Page(load_theme("clean"), prs.slide_width, layout.name, image)
    fill.fill_slide(slide, plan, page)
    return slide


@pytest.mark.parametrize(
    ("role", "layout", "expected"),
    [
        ("title", "title", fill.TitleSlide),
        ("title", "content", fill.TitleSlide),  # the role decides first
        ("exec_summary", "content", fill.Bullets),
        ("appendix", "content", fill.Bullets),
        ("evidence", "two_content", fill.ChartBesideBullets),
        ("kpis", "title_only", fill.Canvas),
        ("ask", "section", fill.Canvas),
        ("ask", "blank", fill.Canvas),
        ("ask", "a_layout_a_theme_added", fill.Canvas),
    ],
)
def test_a_slide_goes_to_its_roles_filler_else_its_layouts(role, layout, expected):
    assert type(fill.filler_for(SlidePlan(role, layout, "T"))) is expected


def test_every_layout_role_has_a_filler():
    from deckgen.load.theme import ROLES

    assert set(ROLES) - {"title"} <= set(fill.FILLERS_BY_LAYOUT)


def test_a_new_kind_of_slide_is_one_registered_filler(monkeypatch):
    monkeypatch.setattr(fill, "FILLERS_BY_ROLE", dict(fill.FILLERS_BY_ROLE))

    @fill.filler
    class BigNumber(fill.Filler):
        roles = ("big_number",)

        def fill(self, slide, plan, page):
            g = fill.geometry(page.theme)
            fill.textbox(
                slide, "Big number", g.margin, g.body_top, page.width, 10
            ).text = plan.bullets[0]

    plan = SlidePlan("big_number", "content", "Cost of doing nothing", bullets=["£1.2m"])
    plan.source_line = "Source: org.yaml"
    slide = _filled(plan)
    assert [s.name for s in slide.shapes][1:] == ["Big number", "Source"]
    assert slide.shapes.title.text == "Cost of doing nothing"
    assert [p.placeholder_format.idx for p in slide.placeholders] == [0]  # the body is dropped


def test_two_columns_without_a_chart_are_bullets_and_with_one_the_chart_replaces_the_right():
    bullets = _filled(SlidePlan("evidence", "two_content", "T", bullets=["One", "Two"]))
    assert [p.placeholder_format.idx for p in bullets.placeholders] == [0, 1]
    assert bullets.placeholders[1].text_frame.text == "One\nTwo"
    charted = _filled(
        SlidePlan("evidence", "two_content", "T", bullets=["One"], chart=CHART), _png()
    )
    assert [p.placeholder_format.idx for p in charted.placeholders] == [0, 1]
    assert [s.name for s in charted.shapes if not s.is_placeholder] == ["Chart"]


def test_the_canvas_stacks_quote_chart_and_table():
    plan = SlidePlan(
        "kpis",
        "title_only",
        "T",
        quote="We can't justify it.",
        quote_by="Jordan Ellis, CFO",
        table=Table(["Measure", "Now"], [["Attrition", "17%"]]),
        chart=ChartPlan("comparison", CHART.panels, CHART.alt_text, 6.0, 1.0),
    )
    slide = _filled(plan, _png())
    drawn = [s for s in slide.shapes if not s.is_placeholder]
    assert [s.name for s in drawn] == [
        "Quote bar (decorative)",
        "Executive quote",
        "Chart",
        "Table",
    ]
    tops = [s.top for s in drawn[1:]]
    assert tops == sorted(tops)


def test_a_layout_without_what_its_filler_needs_is_a_template_error():
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    layout = prs.slide_layouts.get_by_name("Two Content")
    slide = prs.slides.add_slide(layout)
    remove_shape(slide.placeholders[2])  # as a client's layout with one body would have it
    page = fill.Page(load_theme("clean"), prs.slide_width, layout.name, _png())
    plan = SlidePlan("evidence", "two_content", "T", bullets=["One"], chart=CHART)
    with pytest.raises(TemplateError) as caught:
        fill.fill_slide(slide, plan, page)
    assert str(caught.value) == "layout 'Two Content' needs two body placeholders (idx 1, 2)"
