"""The story a board sees, measured from the built decks (../shared/deck-grammar.md): at most nine
story slides, few words each, a visual on nearly every one, bar axes from zero, notes a person
would say. Measured here with python-pptx, independently of deckgen's own checker."""

from __future__ import annotations

import json
import re
from statistics import median

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from deckgen.blockers import SLUGS

APPENDIX = {"divider", "cards", "cost_detail", "kpis", "appendix", "sources", "limits"}
INTERNAL = re.compile(
    r"\b(classifier|confidence \d|slug|storyline|blocker|org\.yaml|audience\.yaml|kpis\.\w+|"
    r"manifest|yaml)\b",
    re.I,
)
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
NORTHWIND = ("jordan-ellis", "priya-shah", "martin-okafor", "helen-brandt", "lars-nygaard",
             "amara-osei")  # fmt: skip


def story(folder, stem):
    """(slide, role) of the story: after the title slide, before the appendix."""
    prs = Presentation(str(folder / f"{stem}.pptx"))
    roles = [
        s["role"] for s in json.loads((folder / f"{stem}.manifest.json").read_text())["slides"]
    ]
    out = []
    for slide, role in list(zip(prs.slides, roles, strict=True))[1:]:
        if role in APPENDIX:
            break
        out.append((slide, role))
    return out


def body_words(slide) -> int:
    title = slide.shapes.title
    words = 0
    for shape in slide.shapes:
        if shape == title or not shape.has_text_frame or shape.name == "Source":
            continue
        words += len(shape.text_frame.text.split())
    return words


def has_visual(slide) -> bool:
    for shape in slide.shapes:
        if shape.has_chart or shape.has_table or shape.shape_type == 13:  # 13: picture
            return True
        if shape.has_text_frame and shape != slide.shapes.title:
            for p in shape.text_frame.paragraphs:
                for run in p.runs:
                    if run.font.size and run.font.size >= Pt(40) and re.search(r"\d", run.text):
                        return True
    return False


def bar_axis_minimums(slide) -> list[float]:
    lows = []
    for shape in slide.shapes:
        if not shape.has_chart:
            continue
        root = etree.fromstring(shape.chart.part.blob)
        if root.find(f".//{C}barChart") is None:
            continue
        lows += [float(m.get("val")) for m in root.iterfind(f".//{C}valAx/{C}scaling/{C}min")]
    return lows


@pytest.fixture(scope="module")
def agreed(tmp_path_factory):
    """An executive who agrees (blocker none): the short next-steps deck."""
    import shutil

    import yaml

    from tests.conftest import NORTHWIND, run

    ws = tmp_path_factory.mktemp("agreed")
    for name in ("org.yaml", "history.csv"):
        shutil.copy(NORTHWIND / name, ws / name)
    audience = yaml.safe_load((NORTHWIND / "audience.yaml").read_text())
    audience["executives"] = [
        {"name": "Kim Yes", "role": "COO", "said": "I'm in. How do we start?", "blocker": "none"}
    ]
    (ws / "audience.yaml").write_text(yaml.safe_dump(audience, sort_keys=False))
    result = run("build", str(ws), "-o", str(ws / "out"), "--strict")
    assert result.exit_code == 0, result.stderr
    assert "check:" not in result.stderr
    return ws / "out"


def decks(northwind_decks, blocker_decks, agreed=None):
    yield from ((northwind_decks, stem) for stem in NORTHWIND)
    yield from ((blocker_decks, f"exec-{slug}") for slug in SLUGS)
    if agreed is not None:
        yield agreed, "kim-yes"


@pytest.fixture(scope="module")
def measured(northwind_decks, blocker_decks, agreed):
    out = {}
    for folder, stem in decks(northwind_decks, blocker_decks, agreed):
        slides = story(folder, stem)
        out[stem] = {
            "roles": [role for _, role in slides],
            "words": [body_words(s) for s, _ in slides],
            "visual": [has_visual(s) for s, _ in slides],
            "axes": [low for s, _ in slides for low in bar_axis_minimums(s)],
            "notes": [s.notes_slide.notes_text_frame.text for s, _ in slides],
        }
    return out


def test_every_deck_has_a_short_story_then_an_appendix(measured):
    for stem, m in measured.items():
        assert 3 <= len(m["roles"]) <= 9, f"{stem}: {len(m['roles'])} story slides {m['roles']}"
        assert m["roles"][0] == "exec_summary", f"{stem}: the answer comes first"
        assert m["roles"][-1] == "ask", f"{stem}: the story ends on the decision"


def test_story_slides_are_read_at_a_glance(measured):
    for stem, m in measured.items():
        assert median(m["words"]) <= 40, f"{stem}: median {median(m['words'])} words {m['words']}"
        assert max(m["words"]) <= 80, f"{stem}: {m['words']}"


def test_three_in_four_story_slides_carry_a_visual(measured):
    for stem, m in measured.items():
        share = sum(m["visual"]) / len(m["visual"])
        assert share >= 0.75, (
            f"{stem}: {share:.0%} {list(zip(m['roles'], m['visual'], strict=True))}"
        )


def test_bar_charts_start_at_zero(measured):
    for stem, m in measured.items():
        assert all(low <= 0 for low in m["axes"]), f"{stem}: {m['axes']}"


def test_notes_are_a_talk_track(measured):
    for stem, m in measured.items():
        for role, notes in zip(m["roles"], m["notes"], strict=True):
            words = len(notes.split())
            assert 15 <= words <= 130, f"{stem} {role}: {words} words"
            assert not INTERNAL.search(notes), f"{stem} {role}: {INTERNAL.search(notes)[0]!r}"


def test_no_question_repeats_across_the_story(measured):
    """The old notes asked 'Does this match what you see in our own teams?' on every slide."""
    for stem, m in measured.items():
        questions = [q for notes in m["notes"] for q in re.findall(r'"([^"]+\?)"', notes)]
        repeated = {q for q in questions if questions.count(q) > 1}
        assert not repeated, f"{stem}: {repeated}"


def test_no_talk_track_sentence_repeats_across_the_story(measured):
    """No sentence of eight words or more is said on two story slides: each has its own track."""
    for stem, m in measured.items():
        seen: dict[str, int] = {}
        for n, notes in enumerate(m["notes"]):
            for sentence in re.split(r"(?<=[.?!])\s+", notes):
                key = " ".join(sentence.lower().split())
                if len(key.split()) >= 8:
                    assert seen.setdefault(key, n) == n, f"{stem}: said twice: {sentence!r}"


def test_no_who_how_limits_card_in_the_story(northwind_decks, blocker_decks):
    for folder, stem in decks(northwind_decks, blocker_decks):
        for slide, role in story(folder, stem):
            text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            assert not re.search(r"^(Who|How we know|Who was studied):", text, re.M), (stem, role)


def test_each_cited_item_has_an_appendix_card(northwind_decks):
    prs = Presentation(str(northwind_decks / "jordan-ellis.pptx"))
    manifest = json.loads((northwind_decks / "jordan-ellis.manifest.json").read_text())
    story_ids = {i for s in manifest["slides"] if s["role"] not in APPENDIX for i in s["sources"]}
    cards = [
        (slide, s)
        for slide, s in zip(prs.slides, manifest["slides"], strict=True)
        if s["role"] == "cards"
    ]
    assert story_ids and story_ids == {i for _, s in cards for i in s["sources"]}
    for slide, _ in cards:
        text = (
            slide.shapes.title.text
            + "\n"
            + "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        )
        assert slide.shapes.title.text.startswith("Evidence card: ")
        for part in ("Who was studied:", "How we know:", "Limits:", "Source:"):
            assert part in text
        assert re.search(r"https?://", text)
        assert body_words(slide) <= 150
