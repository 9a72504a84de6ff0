"""Each check rule: a small deck that passes, and a variant that trips exactly that rule."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from deckgen.check import check_deck
from deckgen.library import load_library
from deckgen.resources import evidence_dir
from tests.conftest import ROOT

NOTES = (
    "Acknowledge the concern first, then ask what would change their mind, answer with "
    "our own numbers, cite the strongest source and its limits, and close on the decision "
    "we need today, naming the owner, the cost and the date of the first review."
)
LIBRARY = {i.id: i for i in load_library(evidence_dir().resolve())}
LONG = " ".join(["Turnover"] + ["costs us more each year"] * 6) + "."  # 31 words


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#1D4ED8").save(buffer, "PNG")
    return buffer.getvalue()


def _add_defects(figure, change: dict) -> None:
    """The shape-level defects a test asks for, on the figure slide."""
    if change.get("overflow"):
        box = figure.shapes.add_textbox(Inches(7), Inches(1.8), Inches(5), Inches(0.6))
        box.text_frame.text = "A long explanation that cannot fit. " * 20
        box.text_frame.word_wrap = True
    if change.get("off_slide"):
        figure.shapes.add_textbox(
            Inches(12.5), Inches(1), Inches(2), Inches(1)
        ).text_frame.text = "Off"
    if change.get("overlap"):
        figure.shapes.add_textbox(
            Inches(1), Inches(2), Inches(3), Inches(1)
        ).text_frame.text = "On top of the chart"
    if change.get("low_contrast"):
        box = figure.shapes.add_textbox(Inches(7), Inches(2), Inches(5), Inches(1))
        box.text_frame.text = "Pale grey text"
        run = box.text_frame.paragraphs[0].runs[0]
        run.font.color.rgb = RGBColor.from_string("DDDDDD")
        run.font.size = Pt(20)
    if change.get("small_text"):
        box = figure.shapes.add_textbox(Inches(7), Inches(2), Inches(5), Inches(1))
        box.text_frame.text = "Tiny body text"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(12)


def _add_bar_chart(figure, minimum, defect: str = "") -> None:
    """A native column chart where the picture would be; `minimum` sets its value axis (DG-05),
    `defect` breaks one chart rule (DG-08): legend, 3d, colours, small."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    data = CategoryChartData()
    data.categories = ["Office", "Hybrid", "Remote"]
    data.add_series("Quit rate (%)", (7.2, 4.8, 5.1))
    frame = figure.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.6), Inches(1.8), Inches(6), Inches(3), data
    )
    chart = frame.chart
    if defect == "3d":  # python-pptx writes no 3-D bars: turn the flat one into one
        chart._chartSpace.find(".//" + qn("c:barChart")).tag = qn("c:bar3DChart")
    chart.has_legend = defect == "legend"
    if defect == "colours":
        colours = ("D62728", "2CA02C", "1F77B4")
        for point, colour in zip(chart.plots[0].series[0].points, colours, strict=True):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(colour)
    if defect == "small":
        chart.font.size = Pt(9)
    frame.name = "Chart"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", "Column chart: quits fell by a third.")
    if minimum is not None:
        frame.chart.value_axis.minimum_scale = minimum


def good_deck(**change) -> bytes:
    """A four-slide deck that passes every rule; `change` names one defect to introduce."""
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    layouts = {layout.name: layout for layout in prs.slide_layouts}

    def slide(layout, title, bullets=(), notes=NOTES, big=None):
        s = prs.slides.add_slide(layouts[layout])
        s.shapes.title.text = title
        big = None if change.get("no_big") else big  # a big number (DG-04) above the bullets
        lines = [big, *bullets] if big else list(bullets)
        if lines:
            frame = s.placeholders[1].text_frame
            frame.text = lines[0]
            for b in lines[1:]:
                frame.add_paragraph().text = b
            if big:
                frame.paragraphs[0].runs[0].font.size = Pt(44)
        if notes:
            s.notes_slide.notes_text_frame.text = notes
        return s

    slide("Title Slide", "A pilot in two depots")
    summary_title = change.get("summary_title", "We recommend you approve a pilot for EUR 60k")
    summary = change.get("summary", ["Approve the pilot by March.", "It costs EUR 60k."])
    slide("Title and Content", summary_title, summary, big="EUR 60k")
    figure = slide(
        "Title Only",
        change.get("figure_title", "Quits fell by a third in a trial"),
        notes=change.get("notes", NOTES),
    )
    if "chart_min" in change:
        _add_bar_chart(figure, change["chart_min"])
    elif "chart_defect" in change:
        _add_bar_chart(figure, 0, change["chart_defect"])
    elif not change.get("no_picture"):
        pic = figure.shapes.add_picture(
            io.BytesIO(_png()), Inches(0.6), Inches(1.8), Inches(6), Inches(3)
        )
        pic.name = "Chart"
        alt = change.get("alt", "Bar chart: quits fell by 33% in the hybrid group.")
        pic._element.find(qn("p:nvPicPr")).find(qn("p:cNvPr")).set("descr", alt)
    if not change.get("no_source"):
        box = figure.shapes.add_textbox(Inches(0.6), Inches(6.6), Inches(12), Inches(0.5))
        box.name = "Source"
        box.text_frame.text = change.get("source", "Source: Bloom, Han & Liang (2024), Nature.")
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(change.get("source_pt", 11))
    _add_defects(figure, change)
    for i in range(change.get("story_slides", 0)):  # more story slides, each with a visual
        more = slide("Title Only", f"Quits fell again in depot {chr(65 + i)} after the change")
        box = more.shapes.add_textbox(Inches(0.6), Inches(2), Inches(6), Inches(1.5))
        box.text_frame.text = "-12%"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(60)
    last_title = change.get("last_title", "Decision requested: approve the pilot by 31 March")
    last_bullets = change.get("last_bullets", ["Approve the pilot.", "Owner: Sam Carter."])
    last = slide("Title and Content", last_title, last_bullets, big="31 March")
    if change.get("no_title"):
        last.shapes.title._element.getparent().remove(last.shapes.title._element)
    for i in range(change.get("appendix_slides", 0)):
        slide("Title and Content", f"Appendix: method note {i + 1}", ["How we counted."])
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def rules(data: bytes, manifest=None) -> set[str]:
    return {f.rule for f in check_deck(data, manifest, LIBRARY).findings}


def test_good_deck_passes_everything():
    report = check_deck(good_deck(), None, LIBRARY)
    assert report.findings == []
    assert report.skipped  # manifest rules are said to be skipped


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"summary": ["One.", "Two.", "Three.", "Four.", "Five.", "Six."]}, "ST-01"),
        (
            {
                "summary_title": "Where we stand today on the team",
                "summary": ["Context."],
                "last_title": "Where the programme goes from here",
            },
            "ST-02",
        ),
        ({"figure_title": "Results"}, "SL-01"),
        ({"figure_title": "We recommend you approve a pilot for EUR 60k"}, "SL-05"),
        ({"no_source": True}, "SL-06"),
        ({"notes": "Say the number."}, "SL-13"),
        ({"overflow": True}, "SL-15"),
        ({"off_slide": True}, "SL-15"),
        ({"overlap": True}, "SL-15"),
        ({"alt": ""}, "AX-01"),
        ({"no_title": True}, "AX-02"),
        ({"low_contrast": True}, "AX-04"),
        ({"small_text": True}, "AX-05"),
        ({"source_pt": 8}, "AX-05"),
        ({"story_slides": 7}, "DG-01"),
        ({"summary": [LONG, LONG, LONG]}, "DG-02"),
        ({"summary": ["One.", "Two.", "Three.", "Four.", "Five."]}, "DG-03"),
        ({"no_big": True}, "DG-04"),
        ({"chart_min": 3}, "DG-05"),
        ({"source": "Source: HR data (org.yaml, history.csv)."}, "DG-06"),
        ({"summary": ["Approve it.", "Engagement (kpis.engagement) fell."]}, "DG-06"),
        ({"notes": " ".join([NOTES] * 4)}, "DG-07"),
        ({"notes": NOTES + " The classifier read confidence 0.62."}, "DG-07"),
        ({"chart_defect": "legend"}, "DG-08"),
        ({"chart_defect": "3d"}, "DG-08"),
        ({"chart_defect": "colours"}, "DG-08"),
        ({"chart_defect": "small"}, "DG-08"),
    ],
    ids=[
        "ST-01",
        "ST-02",
        "SL-01",
        "SL-05",
        "SL-06",
        "SL-13",
        "SL-15-overflow",
        "SL-15-off",
        "SL-15-overlap",
        "AX-01",
        "AX-02",
        "AX-04",
        "AX-05-body",
        "AX-05-source",
        "DG-01",
        "DG-02",
        "DG-03",
        "DG-04",
        "DG-05",
        "DG-06-file",
        "DG-06-key",
        "DG-07-long",
        "DG-07-internal",
        "DG-08-legend",
        "DG-08-3d",
        "DG-08-colours",
        "DG-08-small",
    ],
)
def test_each_rule_trips(change, rule):
    assert rule in rules(good_deck(**change))


def test_one_checker_for_a_build_finds_the_same_as_checking_afresh():
    """A build checks all its decks with one DeckChecker; remembered slides must give the same
    findings, renumbered, and a changed slide must be measured again."""
    from deckgen.check import DeckChecker

    checker = DeckChecker(LIBRARY)
    decks = [
        good_deck(overflow=True, low_contrast=True),
        good_deck(overflow=True, low_contrast=True),
        good_deck(overlap=True),
        good_deck(),
    ]
    for data in decks:
        fresh = check_deck(data, None, LIBRARY).findings
        remembered = checker.check(data, None).findings
        assert sorted(map(str, remembered)) == sorted(map(str, fresh))
    assert checker._by_slide  # it did remember slides
    assert {"SL-15", "AX-04"} <= {f.rule for f in checker.check(decks[1], None).findings}


def test_skipped_rules_are_not_reported():
    data = good_deck(overflow=True)
    assert "SL-15" in {f.rule for f in check_deck(data, None, LIBRARY).findings}
    assert "SL-15" not in {f.rule for f in check_deck(data, None, LIBRARY, skip={"SL-15"}).findings}


def manifest_for(data: bytes, numbers: dict[int, list[dict]], sources=None, figures=()):
    prs = Presentation(io.BytesIO(data))
    return {
        "slides": [
            {
                "number": n,
                "role": None,
                "title": s.shapes.title.text if s.shapes.title else "",
                "sources": (sources or {}).get(n, []),
                "numbers": numbers.get(n, []),
            }
            for n, s in enumerate(prs.slides, 1)
        ],
        "figures": list(figures),
    }


def num(text, value=0.0, unit="text", kind="audience", ref="x"):
    return {
        "text": text,
        "value": value,
        "unit": unit,
        "source": {"kind": kind, "ref": ref, "note": ""},
    }


ALL_NUMBERS = {
    2: [num("60k"), num("60k")],
    3: [num("33%", 33, "percent", "evidence"), num("2024", kind="evidence")],
    4: [num("31")],
}


def test_manifest_rules_pass_when_every_number_is_traced():
    data = good_deck()
    assert rules(data, manifest_for(data, ALL_NUMBERS)) == set()


def test_pv01_untraced_number():
    data = good_deck()
    numbers = dict(ALL_NUMBERS)
    numbers[4] = []
    assert "PV-01" in rules(data, manifest_for(data, numbers))


def test_sl03_title_number_not_in_the_slides_data():
    data = good_deck(figure_title="Quits fell by 40% in a trial")
    assert "SL-03" in rules(data, manifest_for(data, ALL_NUMBERS))


def test_sl07_secondary_source_must_say_so():
    data = good_deck()
    manifest = manifest_for(data, ALL_NUMBERS, sources={3: ["gallup-burnout-2018"]})
    assert "SL-07" in rules(data, manifest)
    manifest = manifest_for(data, ALL_NUMBERS, sources={3: ["no-such-item"]})
    assert "SL-07" in rules(data, manifest)


def test_sl08_derived_money_needs_formula_range_and_appendix():
    data = good_deck()
    numbers = dict(ALL_NUMBERS)
    numbers[2] = [num("60k", 60000, "currency", "derived", "turnover_cost.low")]
    figure = {
        "key": "turnover_cost",
        "label": "Annual cost of voluntary turnover",
        "formula": "leavers × salary × factor",
        "low": None,
        "high": None,
        "inputs": [
            {
                "name": "factor",
                "value": 0.5,
                "unit": "multiple",
                "source": {"kind": "evidence", "ref": "g#r", "note": ""},
            }
        ],
    }
    found = check_deck(data, manifest_for(data, numbers, figures=[figure]), LIBRARY).findings
    messages = [f.message for f in found if f.rule == "SL-08"]
    assert any("without a formula and a low-high range" in m for m in messages)
    assert any("no appendix slide explains" in m for m in messages)


def test_foreign_deck_with_groups_tables_charts_and_no_notes(tmp_path):
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.enum.shapes import MSO_SHAPE

    prs = Presentation()  # python-pptx's own 4:3 default template
    first = prs.slides.add_slide(prs.slide_layouts[1])
    first.shapes.title.text = "Overview"
    second = prs.slides.add_slide(prs.slide_layouts[5])
    second.shapes.title.text = "Overview"
    group = second.shapes.add_group_shape()
    group.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(2), Inches(2), Inches(1))
    table = second.shapes.add_table(2, 2, Inches(1), Inches(4), Inches(4), Inches(1)).table
    table.cell(1, 0).text = "42"
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    second.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(5), Inches(3), Inches(4), Inches(3), data
    )
    path = tmp_path / "hand.pptx"
    prs.save(path)
    from tests.conftest import run

    result = run("check", str(path))
    assert result.exit_code == 1
    assert "error: SL-01: slide 2 [Title]: 'Overview' is a topic label" in result.stdout
    assert "error: SL-05: slide 2 [Title]: same title as slide 1" in result.stdout
    assert "error: AX-01: slide 2 [Chart" in result.stdout
    assert "skipped: SL-03, SL-07, SL-08, PV-01: need the build manifest" in result.stdout
    assert "Traceback" not in result.output


def findings_of(data: bytes, rule: str) -> list:
    return [f for f in check_deck(data, None, LIBRARY).findings if f.rule == rule]


def test_dg01_counts_the_story_not_the_title_slide_or_the_appendix():
    assert findings_of(good_deck(story_slides=6), "DG-01") == []  # 9 story slides
    assert findings_of(good_deck(story_slides=1, appendix_slides=12), "DG-01") == []
    (found,) = findings_of(good_deck(story_slides=7), "DG-01")
    assert found.severity == "warning" and "has 10 slides" in found.message


def test_dg01_story_ends_at_the_first_reference_role_in_the_manifest():
    data = good_deck(story_slides=7)
    manifest = manifest_for(data, {})
    manifest["slides"][4]["role"] = "sources"  # the story is slides 2 to 4
    assert "DG-01" not in {f.rule for f in check_deck(data, manifest, LIBRARY).findings}


def test_dg02_words_per_slide_and_the_median():
    (found,) = findings_of(good_deck(summary=[LONG, LONG, LONG]), "DG-02")
    assert found.slide == 2 and "95 body words" in found.message and "at most 80" in found.message
    assert findings_of(good_deck(summary=[LONG, LONG]), "DG-02") == []  # 64 words pass
    wordy = good_deck(summary=[LONG, LONG], last_bullets=[LONG, LONG])  # 64, 0, 64 words
    (found,) = findings_of(wordy, "DG-02")
    assert found.slide is None and "median of 64 body words; at most 40" in found.message


def test_dg03_four_bullets_pass():
    assert findings_of(good_deck(summary=["One.", "Two.", "Three."]), "DG-03") == []  # + number
    (found,) = findings_of(good_deck(summary=["One.", "Two.", "Three.", "Four."]), "DG-03")
    assert found.slide == 2 and "5 bullets" in found.message and "at most 4" in found.message


def test_dg04_says_which_slides_have_no_visual():
    (found,) = findings_of(good_deck(no_big=True), "DG-04")
    assert found.slide is None and "1 of 3 story slides" in found.message
    assert "(none on slides 2, 4)" in found.message


def test_dg05_bar_axis_from_zero_passes():
    for minimum in (None, 0):
        assert findings_of(good_deck(chart_min=minimum), "DG-05") == []
    (found,) = findings_of(good_deck(chart_min=3), "DG-05")
    assert found.severity == "error" and found.shape == "Chart" and "starts at 3" in found.message


def test_dg06_file_names_in_the_notes_are_not_on_the_slide():
    data = good_deck(notes=NOTES + " The figures come from org.yaml and history.csv.")
    assert findings_of(data, "DG-06") == []
    (found,) = findings_of(good_deck(source="Source: HR data (org.yaml, history.csv)."), "DG-06")
    assert found.slide == 3 and found.shape == "Source"
    assert "'org.yaml', 'history.csv'" in found.message


def test_dg07_internal_words_come_from_the_word_list():
    from deckgen.check.slides import NOTES_INTERNAL

    assert NOTES_INTERNAL.search("the blockers we saw") and NOTES_INTERNAL.search("Storyline")
    assert not NOTES_INTERNAL.search("a sluggish quarter; confidence intervals")
    found = findings_of(good_deck(notes=NOTES + " Their blocker is cost."), "DG-07")
    assert [f.slide for f in found] == [3] and "'blocker'" in found[0].message
    assert findings_of(good_deck(notes=" ".join([NOTES] * 3)), "DG-07") == []  # 129 words
    long = findings_of(good_deck(notes=" ".join([NOTES] * 4)), "DG-07")
    assert "has 172 words; at most 130" in long[0].message


def test_dg08_a_chart_to_the_rules_passes():
    """One series, no legend, flat, grey with at most two accents, text at 12pt or more."""
    assert findings_of(good_deck(chart_min=0), "DG-08") == []
    (found,) = findings_of(good_deck(chart_defect="legend"), "DG-08")
    assert "legend on a single series" in found.message
