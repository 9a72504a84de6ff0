"""Storylines load with titles that always fit: never cut at build time."""

from __future__ import annotations

import pytest

from deckgen.errors import InputError
from deckgen.load import storyline as S
from deckgen.resources import decks_dir

ALL = sorted(p.stem for p in decks_dir().glob("*.yaml"))


@pytest.mark.parametrize("name", ALL)
def test_every_storyline_in_decks_loads_with_titles_that_fit(name):
    storyline = S.load_storyline(name)
    for slide in storyline.slides:
        bound = S.title_bound(slide.title[-1])
        assert bound is not None and bound <= 90, (name, slide.role, slide.title[-1])


def _decks(tmp_path, monkeypatch, slides: str):
    (tmp_path / "mine.yaml").write_text(
        "name: mine\ndescription: test\nslides:\n" + slides, encoding="utf-8"
    )
    monkeypatch.setattr(S, "decks_dir", lambda: tmp_path)


SLIDE = "  - {{role: {role}, layout: content, title: {titles}, notes: Say it.}}\n"


def test_a_plain_title_too_long_to_fit_is_a_load_error(tmp_path, monkeypatch):
    long = "The first results arrive inside your horizon; the organisation you hand over is your legacy"
    slides = "".join(
        SLIDE.format(role=r, titles=t)
        for r, t in (("title", '["Hi"]'), ("reframe", f'["{long}", "Short"]'), ("ask", '["Ask"]'))
    )
    _decks(tmp_path, monkeypatch, slides)
    with pytest.raises(InputError) as err:
        S.load_storyline("mine")
    assert str(err.value) == (
        "decks/mine.yaml: slides[1] (reframe): title[0]: 91 characters; a title must fit in 90 "
        f"(about two lines), so shorten it: '{long}'"
    )


def test_a_last_title_with_unbounded_text_is_a_load_error(tmp_path, monkeypatch):
    slides = "".join(
        SLIDE.format(role=r, titles=t)
        for r, t in (
            ("title", '["{{ ask.what }}"]'),
            ("reframe", '["{{ blocker.reframe }}", "Plain"]'),
            ("ask", '["Decision: {{ ask.cost }} by {{ ask.decision_by }}"]'),
        )
    )
    _decks(tmp_path, monkeypatch, slides)
    with pytest.raises(InputError) as err:
        S.load_storyline("mine")
    assert str(err.value) == (
        "decks/mine.yaml: slides[0] (title): the last title '{{ ask.what }}' uses text with no "
        "length limit; end the list with a title that always fits in 90 characters (plain text, "
        "or figures and blocker wording only)"
    )


def test_title_bounds():
    assert S.title_bound("Plain words") == len("Plain words")
    assert S.title_bound("Costs {{ cost.total_low }} a year") == len("Costs  a year") + 16
    assert S.title_bound("We recommend {{ ask.what }}") is None
    assert S.title_bound("{{ evidence.headline }}") == 90
