"""`deckgen build --board-pack`: one deck for the whole audience (issue 19), checked from the
built deck: one section per concern raised, naming who raised it, one ask, no evidence twice."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation

from tests.conftest import NORTHWIND, run

APPENDIX = {"divider", "cards", "cost_detail", "kpis", "appendix", "sources", "limits"}


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("board")
    result = run("build", str(NORTHWIND), "--board-pack", "-o", str(out / "board.pptx"))
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "board.manifest.json").read_text())
    return out / "board.pptx", manifest, result


def test_one_section_per_concern_naming_who_raised_it(pack, northwind_decks):
    deck, manifest, _ = pack
    raised: dict[str, list[str]] = {}
    for path in sorted(northwind_decks.glob("*.manifest.json")):
        one = json.loads(path.read_text())
        raised.setdefault(one["blocker"], []).append(one["executive"])
    prs = Presentation(str(deck))
    sections = [
        (slide, record)
        for slide, record in zip(prs.slides, manifest["slides"], strict=True)
        if record["role"] == "acknowledge"
    ]
    assert manifest["sections"] == len(sections) == len(raised) == 6
    named = set()
    for slide, _ in sections:
        title = slide.shapes.title.text
        who = next(names for names in raised.values() if title.startswith(" and ".join(names)))
        named.update(who)
        said = next(sh.text_frame.text for sh in slide.shapes if sh.name == "Executive quote")
        attribution = next(
            sh.text_frame.text for sh in slide.shapes if sh.name == "Quote attribution"
        )
        assert said.startswith("“") and who[0] in attribution  # their words, attributed
    assert named == {n for names in raised.values() for n in names}


def test_a_single_opening_a_single_ask_and_one_appendix(pack):
    _, manifest, _ = pack
    roles = [s["role"] for s in manifest["slides"]]
    assert roles.count("exec_summary") == roles.count("ask") == roles.count("divider") == 1
    assert roles.index("exec_summary") < roles.index("acknowledge") < roles.index("ask")
    assert roles.index("ask") < roles.index("divider")
    assert all(role in APPENDIX for role in roles[roles.index("divider") :])


def test_no_evidence_item_shown_twice(pack):
    _, manifest, _ = pack
    story = [s for s in manifest["slides"] if s["role"] not in APPENDIX]
    cited = [i for s in story for i in s["sources"]]
    assert cited and len(cited) == len(set(cited))
    cards = [i for s in manifest["slides"] if s["role"] == "cards" for i in s["sources"]]
    assert sorted(cards) == sorted(set(cited))  # one evidence card for each, in the appendix


def test_the_pack_passes_check_strict(pack):
    deck, _, result = pack
    assert "check:" not in result.stderr
    checked = run("check", "--strict", str(deck))
    assert checked.exit_code == 0, checked.stdout


def test_the_title_slide_is_for_the_board(pack):
    deck, _, _ = pack
    subtitle = Presentation(str(deck)).slides[0].placeholders[1].text_frame.text
    assert subtitle.startswith("For the board: Jordan Ellis, Priya Shah, Martin Okafor")


def test_board_pack_with_an_objection_is_a_clear_error(tmp_path):
    result = run(
        "build",
        str(NORTHWIND),
        "--board-pack",
        "--objection",
        "Too dear.",
        "-o",
        str(tmp_path / "x"),
    )
    assert result.exit_code == 1
    assert "--board-pack builds one deck for the executives in audience.yaml" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x").exists()


def test_a_pptx_name_without_board_pack_is_a_clear_error(tmp_path):
    result = run("build", str(NORTHWIND), "-o", str(tmp_path / "board.pptx"))
    assert result.exit_code == 1
    assert "add --board-pack for one deck for the whole audience" in result.stderr
    assert not (tmp_path / "board.pptx").exists()
