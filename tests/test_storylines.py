"""Every blocker gets its own storyline: roles in order, evidence that answers it, accessible slides."""

from __future__ import annotations

import json
from itertools import groupby

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.blockers import SLUGS
from deckgen.library import load_library
from deckgen.load.storyline import load_storyline, storyline_for
from deckgen.resources import evidence_dir

LIBRARY = {item.id: item for item in load_library(evidence_dir().resolve())}


def collapse(roles):
    return [role for role, _ in groupby(roles)]


@pytest.mark.parametrize("slug", SLUGS)
def test_storyline_roles_in_order(blocker_decks, slug):
    assert storyline_for(slug) == slug, "every blocker has a storyline of its own"
    manifest = json.loads((blocker_decks / f"exec-{slug}.manifest.json").read_text())
    built = collapse(s["role"] for s in manifest["slides"])
    planned = collapse(s.role for s in load_storyline(slug).slides)
    rest = iter(planned)
    assert all(role in rest for role in built), "slides appear in the storyline's order"
    for role in ("exec_summary", "acknowledge", "evidence", "options", "how", "ask", "divider"):
        assert role in built, f"{slug} deck lacks its {role} slide"
    assert (
        built.index("exec_summary")
        < built.index("acknowledge")
        < built.index("options")
        < built.index("how")
        < built.index("ask")
        < built.index("divider")
    ), "the decision first, their words, ..., options, the plan, the decision, then the appendix"


@pytest.mark.parametrize("slug", SLUGS)
def test_evidence_answers_the_blocker(blocker_decks, slug):
    manifest = json.loads((blocker_decks / f"exec-{slug}.manifest.json").read_text())
    cited = [i for s in manifest["slides"] if s["role"] == "evidence" for i in s["sources"]]
    assert len(cited) >= 2
    assert len(cited) == len(set(cited)), "no item twice"
    for item_id in cited:
        assert slug in LIBRARY[item_id].blockers, f"{item_id} does not answer {slug}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_slide_has_title_notes_and_alt_text(blocker_decks, slug):
    prs = Presentation(str(blocker_decks / f"exec-{slug}.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        assert slide.shapes.title is not None and slide.shapes.title.text.strip(), number
        assert len(slide.notes_slide.notes_text_frame.text.split()) >= 20, number
        for shape in slide.shapes:
            element = shape._element
            props = element.find(".//" + qn("p:cNvPr"))
            if element.tag in (qn("p:pic"), qn("p:graphicFrame")):
                assert props.get("descr", "").strip(), (
                    f"slide {number}: {shape.name} lacks alt text"
                )


DURATIONS = ("three-month", "three months", "six-month", "six months", "four-week", "90-day")


def _slide_texts(path):
    prs = Presentation(str(path))
    return [
        "\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides
    ]


def _build_all_blockers(tmp_path, ask):
    import shutil

    import yaml

    from tests.conftest import NORTHWIND, run

    ws = tmp_path / "ws"
    ws.mkdir()
    shutil.copy(NORTHWIND / "org.yaml", ws / "org.yaml")
    audience = {"date": "2026-05-04", "executives": []}
    if ask:
        audience["ask"] = ask
    audience["executives"] = [
        {"name": f"Exec {slug}", "role": "Director", "blocker": slug} for slug in SLUGS
    ]
    (ws / "audience.yaml").write_text(yaml.safe_dump(audience, sort_keys=False))
    result = run("build", str(ws), "-o", str(ws / "out"))
    assert result.exit_code == 0, result.stderr
    return ws / "out"


def test_the_users_ask_is_the_only_description_of_the_step(tmp_path):
    """Storyline defaults ("a three-month pilot") never contradict the ask the user gave."""
    ask = {"what": "a 10-week rota trial in one warehouse", "cost": 25000}
    out = _build_all_blockers(tmp_path, ask)
    step_roles = ("title", "exec_summary", "acknowledge", "reframe", "how", "ask", "secondary")
    for slug in SLUGS:
        texts = _slide_texts(out / f"exec-{slug}.pptx")
        roles = [
            s["role"]
            for s in json.loads((out / f"exec-{slug}.manifest.json").read_text())["slides"]
        ]
        story = "\n".join(t for t, role in zip(texts, roles, strict=True) if role in step_roles)
        for words in DURATIONS:
            assert words not in story.lower(), f"{slug}: '{words}' contradicts the ask"
        assert "our proposal" not in story.lower()
        assert any("10-week rota trial in one warehouse" in t for t in texts[:3]), slug


def test_without_an_ask_the_storyline_step_is_called_a_proposal(tmp_path):
    out = _build_all_blockers(tmp_path, None)
    for slug in ("too-expensive", "control-rto", "no-problem-here", "no-roi"):
        story = "\n".join(_slide_texts(out / f"exec-{slug}.pptx"))
        assert "our proposal" in story.lower(), slug


def test_too_risky_to_ask_meets_the_strain_that_already_shows(blocker_decks):
    """ "Asking opens a can of worms": the trend slide says the problems show without asking,
    from the organisation's own worsening measure, and that not asking does not remove them."""
    manifest = json.loads((blocker_decks / "exec-can-of-worms.manifest.json").read_text())
    number = [s["role"] for s in manifest["slides"]].index("trend")
    assert manifest["slides"][number]["title"] == (
        "The strain shows anyway: voluntary attrition has risen from 13.1% to 17.5% since 2022"
    )
    slide = Presentation(str(blocker_decks / "exec-can-of-worms.pptx")).slides[number]
    text = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "Not asking does not remove the problems" in text
