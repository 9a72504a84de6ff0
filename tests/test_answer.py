"""`deckgen answer`: evidence-only decks from an objection alone, no workspace: checked as any
deck, every number published, one deck per line of --file, bad flags refused up front."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from deckgen.answer import answer_stem
from tests.conftest import ROOT, run

LIBRARY = {p.stem: yaml.safe_load(p.read_text()) for p in (ROOT / "evidence").glob("*.yaml")}
AFFORD = "We can't afford this right now"
DECK = "answer-we-cant-afford-this-right-now"


def _texts(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def _cited_ids(ref: str) -> list[str]:
    """The evidence ids a manifest ref names: 'x#claim.population', 'source line: x,y', 'x'."""
    ref = ref.removeprefix("source line: ")
    return [part.split("#")[0] for part in ref.split(",")]


@pytest.fixture(scope="module")
def from_empty_folder(tmp_path_factory) -> Path:
    """`deckgen answer "We can't afford this right now"` run in an empty folder."""
    import os

    folder = tmp_path_factory.mktemp("empty")
    here = Path.cwd()
    os.chdir(folder)
    try:
        result = run("answer", AFFORD)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output + result.stderr
    return folder


def test_writes_a_deck_named_from_the_objection(from_empty_folder):
    names = sorted(p.name for p in from_empty_folder.iterdir() if not p.name.startswith("."))
    assert names == [f"{DECK}.manifest.json", f"{DECK}.pptx"]


def test_the_deck_passes_check_strict(from_empty_folder):
    result = run("check", "--strict", str(from_empty_folder / f"{DECK}.pptx"))
    assert result.exit_code == 0, result.output + result.stderr
    assert "0 errors, 0 warnings" in result.output


def test_every_number_is_published_evidence_or_the_plan(from_empty_folder):
    manifest = json.loads((from_empty_folder / f"{DECK}.manifest.json").read_text())
    assert manifest["figures"] == [] and manifest["assumptions"] == {}
    shown = [n for s in manifest["slides"] for n in s["numbers"]]
    assert shown
    for number in shown:
        kind, ref = number["source"]["kind"], number["source"]["ref"]
        assert kind in ("evidence", "assumption", "build"), number  # never org, audience, derived
        if kind == "evidence":
            for item_id in _cited_ids(ref):
                item = LIBRARY[item_id]
                assert item["publisher"] and item["url"].startswith("http"), item_id
        if kind == "assumption":
            assert ref.startswith("pilot plan: "), number  # the timetable to agree, said so


def test_no_org_slides_and_no_names(from_empty_folder):
    deck = Presentation(str(from_empty_folder / f"{DECK}.pptx"))
    manifest = json.loads((from_empty_folder / f"{DECK}.manifest.json").read_text())
    roles = [s["role"] for s in manifest["slides"]]
    for org_only in ("trend", "benchmark", "kpis", "cost_detail", "appendix"):
        assert org_only not in roles
    # no --country: no national cost model fits, so no BIG NUMBER, and the notes say why
    assert "cost" not in roles
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    assert 'Evidence gap ("the published cost of doing nothing")' in notes
    text = "\n".join(_texts(s) for s in deck.slides)
    assert "HR data" not in text and "our organisation" not in text
    assert "The executive" not in text  # no name given: never one made up, nor capitalised
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides)
    assert "the executive" in notes  # addressed without a name ...
    assert not re.search(r"(^|[.!?]\s+)the executive\b", notes, re.M)  # ... and capitalised
    quote = deck.slides[roles.index("acknowledge")]
    assert quote.shapes.title.text == "A fair concern, and a straight answer"
    assert "As it was put to us" in _texts(quote)


def test_published_cost_for_a_comparable_population(tmp_path):
    out = tmp_path / "deck.pptx"
    result = run("answer", AFFORD, "-o", str(out), "--country", "GB", "--role", "CFO")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads(out.with_suffix(".manifest.json").read_text())
    roles = [s["role"] for s in manifest["slides"]]
    cost = manifest["slides"][roles.index("cost")]
    assert cost["title"] == "Poor mental health now costs UK employers about £51bn a year"
    assert cost["sources"] == ["deloitte-uk-mental-health-2024"]
    deck = Presentation(str(out))
    text = _texts(deck.slides[roles.index("cost")])
    assert "£51bn" in text and "a published figure, not ours" in text
    assert "Source: Hampson & Cruz (2024), Deloitte UK." in text
    assert "— CFO" in _texts(deck.slides[roles.index("acknowledge")])
    assert run("check", "--strict", str(out)).exit_code == 0


def test_without_an_industry_no_one_industrys_figure_stands_for_all(tmp_path):
    """Answering for a GB organisation of unknown industry, the evidence slides cite what holds
    across industries (here: how many quits were preventable), not England's teacher leaver rate."""
    out = tmp_path / "gb.pptx"
    assert run("answer", AFFORD, "-o", str(out), "--country", "GB").exit_code == 0
    manifest = json.loads(out.with_suffix(".manifest.json").read_text())
    cited = [i for s in manifest["slides"] if s["role"] == "evidence" for i in s["sources"]]
    assert cited and "dfe-school-workforce-leavers-2025" not in cited
    for item in cited:
        assert LIBRARY[item]["fit"]["industries"] == ["all"], item


def test_no_published_cost_where_the_library_has_none(tmp_path):
    out = tmp_path / "se.pptx"
    assert run("answer", AFFORD, "-o", str(out), "--country", "SE").exit_code == 0
    manifest = json.loads(out.with_suffix(".manifest.json").read_text())
    assert "cost" not in [s["role"] for s in manifest["slides"]]
    notes = Presentation(str(out)).slides[0].notes_slide.notes_text_frame.text
    assert "figures for United Kingdom, not where we are. That slide is left out." in notes


def test_file_builds_one_deck_per_line(tmp_path):
    lines = tmp_path / "objections.txt"
    lines.write_text(
        "# what we hear\n"
        f"{AFFORD}\n\n"
        "People need to be in the office to collaborate\n"
        "We tried that in 2022 and nothing changed\n"
        "Show me the data\n"
        "Wellbeing is a personal responsibility\n",
        encoding="utf-8",
    )
    out = tmp_path / "decks"
    result = run("answer", "--file", str(lines), "-o", str(out), "--country", "US", "--json")
    assert result.exit_code == 0, result.stderr
    decks = sorted(p.name for p in out.glob("*.pptx"))
    assert len(decks) == 5 and f"{DECK}.pptx" in decks
    report = json.loads(result.stdout)
    blockers = {Path(d["path"]).stem: d["blocker"] for d in report["decks"]}
    assert blockers[DECK] == "too-expensive"
    assert blockers["answer-people-need-to-be-in-the-office-to"] == "control-rto"
    assert all(d["blocker_chosen"] == "classified" for d in report["decks"])
    assert run("check", "--strict", *map(str, out.glob("*.pptx"))).exit_code == 0


def test_unknown_country_and_industry_are_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    result = run("answer", AFFORD, "-o", str(out), "--country", "Swedn", "--industry", "retale")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 2 problems in the input:\n"
        "  --country: expected an ISO 3166 country code like GB, SE or US, got 'Swedn'; "
        "did you mean 'SE' (Sweden)?\n"
        "  --industry: unknown industry 'retale'; did you mean 'retail'?; give one of: "
        "healthcare, social-care, retail, hospitality, logistics, manufacturing, construction, "
        "energy-utilities, financial-services, technology, professional-services, "
        "public-sector, education, charity, media, life-sciences, agriculture\n"
    )
    assert not out.exists()


def test_an_existing_deck_is_kept_without_force(tmp_path):
    out = tmp_path / "deck.pptx"
    assert run("answer", AFFORD, "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    result = run("answer", "Show me the data", "-o", str(out))
    assert result.exit_code == 1
    assert "already exists; pass --force to overwrite (nothing was written)" in result.stderr
    assert out.read_bytes() == before
    assert run("answer", "Show me the data", "-o", str(out), "--force").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), 'Error: answer: give the objection as "TEXT" or --file PATH (not both)\n'),
        (("  ",), "Error: answer: expected the executive's words, got empty text\n"),
    ],
)
def test_the_objection_is_required(args, message):
    result = run("answer", *args)
    assert result.exit_code == 1
    assert result.stderr == message


def test_file_with_a_pptx_target_is_refused(tmp_path):
    lines = tmp_path / "o.txt"
    lines.write_text("Show me the data\n", encoding="utf-8")
    result = run("answer", "--file", str(lines), "-o", str(tmp_path / "x.pptx"))
    assert result.exit_code == 1
    assert "--file writes one deck per line; give a folder, not a .pptx" in result.stderr


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        (AFFORD, DECK),
        (
            "People need to be in the office to collaborate",
            "answer-people-need-to-be-in-the-office-to",
        ),
        ("Show me the data", "answer-show-me-the-data"),
        ("???", "answer"),
    ],
)
def test_answer_stem(words, stem):
    """The deck's file name: the objection's opening words, whole words, no apostrophes."""
    assert answer_stem(words) == stem


def test_blocker_flag_and_its_did_you_mean(tmp_path):
    out = tmp_path / "d.pptx"
    result = run("answer", "Whatever", "--blocker", "too-expensiv", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --blocker: unknown blocker 'too-expensiv'; did you mean 'too-expensive'?\n"
    )
    result = run("answer", "Whatever", "--blocker", "no-roi", "-o", str(out), "--json")
    assert result.exit_code == 0
    deck = json.loads(result.stdout)["decks"][0]
    assert (deck["blocker"], deck["blocker_chosen"]) == ("no-roi", "given")
