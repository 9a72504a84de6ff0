"""The fit rules and the slot choice (deckgen/select), on the bundled library and on variants of
its items: each hard rule keeps an item out and says why, a slot nothing fits is reported."""

from __future__ import annotations

import pytest

from deckgen.library import load_library
from deckgen.load.storyline import Want
from deckgen.select import select_for_slots
from deckgen.select.fit import Audience, broken_rule
from deckgen.specifics import find_specifics
from tests.conftest import ROOT

LIBRARY = load_library(ROOT / "evidence")
BY_ID = {item.id: item for item in LIBRARY}
OFFICE_SE = Audience("SE", "europe", "technology", "office")
CARE_GB = Audience("GB", "uk", "social-care", "frontline")


def _variant(item_id: str, **fit) -> object:
    item = BY_ID[item_id]
    return item.model_copy(update={"fit": item.fit.model_copy(update=fit)})


def test_remote_work_evidence_stays_out_for_on_site_staff():
    bloom = BY_ID["bloom-2024-hybrid-rct"]
    assert broken_rule(bloom, CARE_GB)[0] == "remote-work-on-site"
    assert broken_rule(bloom, OFFICE_SE) is None


def test_guidance_only_where_it_applies():
    surgeon = BY_ID["us-surgeon-general-framework-2022"]
    assert broken_rule(surgeon, Audience("US", "north-america", None, None)) is None
    rule, why = broken_rule(surgeon, CARE_GB)
    assert rule == "own-jurisdiction" and "United States" in why
    assert broken_rule(BY_ID["iso-45003-2021"], CARE_GB) is None  # international


def test_benchmarks_and_national_statistics_only_for_their_own_population():
    cipd = BY_ID["cipd-sickness-absence-2025"]
    assert broken_rule(cipd, CARE_GB) is None
    assert broken_rule(cipd, OFFICE_SE)[0] == "own-population"
    nordic = _variant("cipd-sickness-absence-2025", countries=["nordics"])
    assert broken_rule(nordic, OFFICE_SE) is None or broken_rule(nordic, OFFICE_SE)[0] != (
        "own-population"
    )


def test_sponsored_research_stays_out_only_for_an_executive_who_doubts_it():
    gallup = BY_ID["gallup-q12-meta-analysis-2024"]
    doubter = Audience("GB", "uk", "retail", "frontline", distrusts_sponsored=True)
    assert broken_rule(gallup, doubter)[0] == "sponsored"
    assert broken_rule(gallup, Audience("GB", "uk", "retail", "frontline")) is None


@pytest.mark.parametrize(
    "said, found",
    [
        ("Show me a study that isn't sponsored by someone selling wellbeing apps.", True),
        ("Every one of these reports was paid for by a consultancy.", True),
        ("Show me the data.", False),
        ("We can't afford it this year.", False),
    ],
)
def test_distrust_of_sponsors_is_read_from_the_words(said, found):
    names = [s.name for s in find_specifics(said)]
    assert ("distrusts-sponsored" in names) is found


def test_clinical_and_office_findings_stay_in_their_setting():
    clinical = _variant("frazier-2017-psych-safety-meta", setting="clinical")
    assert broken_rule(clinical, OFFICE_SE)[0] == "other-setting"
    assert broken_rule(clinical, Audience("GB", "uk", "healthcare", "frontline")) is None
    aristotle = BY_ID["google-project-aristotle"]
    assert broken_rule(aristotle, CARE_GB)[0] == "other-setting"
    assert broken_rule(aristotle, OFFICE_SE) is None


def test_a_superseded_edition_is_never_chosen():
    picks = select_for_slots(LIBRARY, "too-expensive", [Want(argues=["hidden-cost"])], CARE_GB)
    chosen = [p.item.id for p in picks.picks]
    assert "deloitte-uk-mental-health-2022" not in chosen
    assert "deloitte-uk-mental-health-2020" not in chosen


def test_a_slot_picks_only_items_that_make_its_argument():
    want = Want(argues=["wellness-trial"], purpose="the randomised test")
    picks = select_for_slots(LIBRARY, "tried-before", [want, want], CARE_GB).picks
    assert picks and all("wellness-trial" in p.item.argues for p in picks)


def test_a_slot_nothing_fits_is_reported_with_the_nearest_item_kept_out():
    want = Want(argues=["presence-and-output"], purpose="presence and output")
    only_remote = tuple(i for i in LIBRARY if "presence-and-output" in i.argues)
    assert all(i.fit.remote_work for i in only_remote)
    chosen = select_for_slots(LIBRARY, "control-rto", [want], CARE_GB)
    assert not chosen.picks
    (gap,) = chosen.missing
    assert gap.purpose == "presence and output"
    assert gap.excluded.rule == "remote-work-on-site"
    assert gap.excluded.item_id in {i.id for i in only_remote}
