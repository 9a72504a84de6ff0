"""Storyline text: sandboxed templates, user words only as values, compiled once across runs."""

from __future__ import annotations

import pytest
from jinja2.sandbox import SandboxedEnvironment

from deckgen.errors import DeckgenError
from deckgen.fmt import Formatter
from deckgen.text import Renderer, UserText, use_template_cache


@pytest.fixture(autouse=True)
def _no_cache_after():
    yield
    use_template_cache(None)


def render(template: str, **context) -> str:
    return Renderer(Formatter("en-GB", "EUR")).render(template, context, "decks/x.yaml title")


def test_user_words_are_values_never_templates():
    words = UserText("{{ 7*7 }} and {% for x in y %}", "audience.yaml executives[0].said")
    assert (
        render("They said: {{ said }}", said=words) == "They said: {{ 7*7 }} and {% for x in y %}"
    )


def test_unknown_names_are_errors_that_name_the_place():
    with pytest.raises(DeckgenError) as err:
        render("Hello {{ nobody }}")
    assert str(err.value).startswith("decks/x.yaml title: template uses an unknown name")


def test_plain_text_needs_no_template():
    assert render("  Agree the outcomes first.  ") == "Agree the outcomes first."


def test_compiled_templates_are_reused_from_the_cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    use_template_cache(folder)
    assert render("Hello {{ name }}", name="Ann") == "Hello Ann"
    assert list(folder.glob("*.marshal"))

    use_template_cache(None)  # a fresh process, as far as the in-memory caches know
    use_template_cache(folder)

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again although the cache holds it")

    monkeypatch.setattr(SandboxedEnvironment, "compile", no_compiling)
    assert render("Hello {{ name }}", name="Bo") == "Hello Bo"


def test_an_unusable_cache_folder_is_ignored(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    use_template_cache(blocked / "templates")
    assert render("Hello {{ name }}", name="Ann") == "Hello Ann"


def test_a_line_ending_in_a_block_keeps_its_line_break():
    # With Jinja's trim_blocks this came out as "...meeting.Likely follow-up" in the notes.
    text = render(
        "Proof: see the paper.{% if extra %} {{ extra }}{% endif %}\nLikely follow-up: cost.",
        extra="",
    )
    assert text == "Proof: see the paper.\nLikely follow-up: cost."


def test_filters_agree_counts_and_record_the_numbers_they_show():
    from deckgen.models import Provenance, Quantity

    r = Renderer(Formatter("en-GB", "EUR"))
    one = Quantity(1, "count", Provenance("derived", "break-even"))
    many = Quantity(3, "count", Provenance("derived", "break-even"))
    org = UserText("Meridian Health Partners 2", "org.yaml name", "org")
    out = r.render(
        "{{ a | plural('leaver') }}; {{ b | plural('leaver') }}; {{ org | possessive }} data; "
        "{{ b | all_of('measure') }} {{ b | noun('has', 'have') }} worsened",
        {"a": one, "b": many, "org": org},
        "decks/x.yaml",
    )
    assert out == (
        "1 leaver; 3 leavers; Meridian Health Partners 2's data; All three measures have worsened"
    )
    shown = {(n.text, n.provenance.ref) for n in r.take()}
    assert ("1", "break-even") in shown and ("3", "break-even") in shown
    assert ("2", "org.yaml name") in shown  # a digit in the name keeps its source
