"""The classifier gives the Northwind executives the blockers a careful reader would."""

from __future__ import annotations

import pytest
import yaml

from deckgen.classify import classify_objection
from tests.conftest import NORTHWIND

EXPECTED = {
    "Jordan Ellis": "too-expensive",
    "Priya Shah": "control-rto",
    "Martin Okafor": "short-horizon",
    "Helen Brandt": "tried-before",
    "Lars Nygaard": "evidence-skeptic",
    "Amara Osei": "can-of-worms",
}
EXECS = yaml.safe_load((NORTHWIND / "audience.yaml").read_text())["executives"]


@pytest.mark.parametrize("entry", EXECS, ids=[e["name"] for e in EXECS])
def test_northwind_blockers(entry):
    result = classify_objection(entry["said"])
    assert result.blocker == EXPECTED[entry["name"]]
    assert result.cues, "the cues that decided it are reported"


def test_agreement_is_none():
    assert (
        classify_objection("Sounds good. Who will own it and when can we start?").blocker == "none"
    )


def test_american_spelling_folds():
    assert (
        classify_objection("We already have an EAP program for that.").blocker
        == "already-have-programme"
    )
