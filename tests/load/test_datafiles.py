"""deckgen's own tables in data/*.yaml: validated with file, line and key like any input."""

from __future__ import annotations

import shutil

import pytest

from deckgen.errors import InputError
from deckgen.load import datafiles
from deckgen.resources import data_dir


@pytest.fixture
def copy(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    monkeypatch.setattr(datafiles, "data_dir", lambda: target)
    datafiles.read_data.cache_clear()
    yield target
    datafiles.read_data.cache_clear()


def _break(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    datafiles.read_data.cache_clear()  # the modules read their tables when first imported


def test_a_kpi_with_an_unknown_unit(copy):
    from deckgen.kpis import _KpiFile

    _break(copy / "kpis.yaml", "unit: days", "unit: furlongs")
    with pytest.raises(InputError) as err:
        datafiles.read_data("kpis", _KpiFile)
    assert str(err.value).startswith("data/kpis.yaml:")
    assert "kpis.absence_days_per_fte.unit: input should be 'percent'" in str(err.value)


def test_a_cue_that_is_not_a_regular_expression(copy):
    from deckgen.classify.cues import _CueFile

    _break(copy / "cues.yaml", "- pattern: '\\bain''?t broke", "- pattern: '(\\bain''?t broke")
    with pytest.raises(InputError) as err:
        datafiles.read_data("cues", _CueFile)
    assert "data/cues.yaml" in str(err.value)
    assert "cues.no-problem-here[0]: not a regular expression" in str(err.value)


def test_a_blocker_whose_follow_up_does_not_exist(copy):
    from deckgen.blockers import _BlockerFile

    _break(copy / "blockers.yaml", "follow_up: evidence-skeptic", "follow_up: evidence-sceptic")
    with pytest.raises(InputError) as err:
        datafiles.read_data("blockers", _BlockerFile)
    assert "unknown blocker 'evidence-sceptic'" in str(err.value)


def test_a_zombie_with_an_unknown_key(copy):
    from deckgen.evidence_lint import _ZombieFile

    _break(copy / "zombies.yaml", "  message:", "  mesage:")
    with pytest.raises(InputError) as err:
        datafiles.read_data("zombies", _ZombieFile)
    assert "mesage: unknown key; did you mean 'message'?" in str(err.value)


def test_a_region_compared_with_a_region_that_does_not_exist(copy):
    from deckgen.regions import _RegionFile

    _break(
        copy / "regions.yaml", "benchmarks: [uk, europe, global]", "benchmarks: [uk, eu, global]"
    )
    with pytest.raises(InputError) as err:
        datafiles.read_data("regions", _RegionFile)
    assert str(err.value).startswith("data/regions.yaml:")
    assert "regions.uk.benchmarks: unknown region(s): eu" in str(err.value)


def test_a_figures_claim_with_a_misspelt_key(copy):
    from deckgen.figures.data import _FiguresFile

    _break(copy / "figures.yaml", "    claim: replacement-range", "    clam: replacement-range")
    with pytest.raises(InputError) as err:
        datafiles.read_data("figures", _FiguresFile)
    assert str(err.value) == (
        "data/figures.yaml:21: claims.replacement_cost[1].clam: unknown key; did you mean 'claim'?"
    )


def test_a_replacement_source_names_a_range_or_all_three_roles(copy):
    from deckgen.figures.data import _FiguresFile

    _break(copy / "figures.yaml", "      leaders: cost-leader\n", "")
    with pytest.raises(InputError) as err:
        datafiles.read_data("figures", _FiguresFile)
    assert str(err.value) == (
        "data/figures.yaml:15: claims.replacement_cost[0]: expected `claim` (a range) or all "
        "three role claims; missing leaders"
    )


def test_a_figures_assumption_that_is_not_a_number(copy):
    from deckgen.figures.data import _FiguresFile

    _break(copy / "figures.yaml", "    value: 228", "    value: many")
    with pytest.raises(InputError) as err:
        datafiles.read_data("figures", _FiguresFile)
    assert str(err.value) == (
        "data/figures.yaml:33: assumptions.working_days_per_year.value: "
        "expected a number, got 'many'"
    )


def test_an_evidence_kind_without_label_words(copy):
    from deckgen.load.kinds import _OwnerFile

    _break(copy / "owners.yaml", "  modelling: model\n", "")
    with pytest.raises(InputError) as err:
        datafiles.read_data("owners", _OwnerFile)
    assert str(err.value) == "data/owners.yaml:6: kinds: no label word for modelling"
