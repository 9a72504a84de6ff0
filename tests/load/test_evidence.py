"""The evidence library loads cleanly and every statement renders from its structured values."""

from __future__ import annotations

import re

import pytest

from deckgen.errors import InputError
from deckgen.fmt import Formatter
from deckgen.library import load_library
from deckgen.load.evidence import render_statement, statement_with
from deckgen.resources import evidence_dir

LIBRARY = load_library(evidence_dir())
CLAIMS = [(item, claim) for item in LIBRARY for claim in item.claims]


def test_library_covers_every_blocker():
    from deckgen.blockers import SLUGS

    covered = {b for item in LIBRARY for b in item.blockers}
    assert covered == set(SLUGS)


@pytest.mark.parametrize(("item", "claim"), CLAIMS, ids=[f"{i.id}#{c.id}" for i, c in CLAIMS])
def test_statements_type_no_numbers_of_their_own(item, claim):
    for text in (claim.statement, claim.headline or ""):
        assert not re.search(r"\d", re.sub(r"\{(value|low|high)\}", "", text)), (
            f"digits in {text!r} must come from value/low/high"
        )
    text = render_statement(item, claim, statement_with(Formatter()))
    assert "{" not in text
    if claim.headline:
        assert len(render_statement(item, claim, statement_with(Formatter()), claim.headline)) <= 90


@pytest.mark.parametrize("item", LIBRARY, ids=[i.id for i in LIBRARY])
def test_first_caveat_is_fit_for_the_slide(item):
    """caveats[0] is shown on the slide as 'Limits': no digits (they would be untraced numbers)
    and no instructions to the presenter, which belong in the notes."""
    if item.caveats:
        first = item.caveats[0]
        assert not re.search(r"\d", first), first
        assert not re.match(r"(say|use|name|check|quote)\b", first, re.I), first
        assert "was not seen" not in first and "secondary coverage" not in first, first


def test_schema_errors_name_file_and_key(tmp_path):
    (tmp_path / "bad.yaml").write_text("""id: bad
kind: survey
title: A title
publisher: Someone
year: 2020
url: https://example.org
verification: primary
as_of: 2026-01-01
method: survey
geography: UK
grade: B
caveats: [x]
blockers: [too-expensive]
claims:
  - id: c
    statement: Forty-two percent of people agree with this.
    value: 42
    unit: percent
""")
    (tmp_path / "worse.yaml").write_text(
        (tmp_path / "bad.yaml").read_text().replace("id: bad", "id: worse") + "    sample_size: 3\n"
    )
    with pytest.raises(InputError) as err:
        load_library(tmp_path)
    text = str(err.value)
    assert "evidence/bad.yaml:15: claims[0]: statement must show its figure as {value}" in text
    assert "evidence/worse.yaml:19: claims[0].sample_size: unknown key; did you mean" not in text
    assert "evidence/worse.yaml:19: claims[0].sample_size: unknown key; allowed keys:" in text
