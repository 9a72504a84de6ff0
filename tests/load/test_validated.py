"""Validated inputs kept as plain data (load/validated.py): a hit gives what validating the file
gives, without parsing it; a planted or damaged entry is a miss; problems are never kept."""

from __future__ import annotations

import pytest

from deckgen.cachefiles import store
from deckgen.errors import InputError
from deckgen.library import load_library_checked
from deckgen.load import datafiles
from deckgen.load.validated import cached_plain
from deckgen.resources import evidence_dir, use_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    from deckgen.load import validated

    monkeypatch.setattr(validated, "_prebuilt", lambda name: None)  # the cache's own behaviour
    use_cache(tmp_path / "cache")
    load_library_checked.cache_clear()
    datafiles.read_data.cache_clear()
    yield tmp_path / "cache"
    load_library_checked.cache_clear()
    datafiles.read_data.cache_clear()


def _no_yaml(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("parsed YAML on a hit")

    monkeypatch.setattr("deckgen.load.evidence.load_yaml", refuse)
    monkeypatch.setattr(datafiles, "load_yaml", refuse)


def test_a_library_read_again_is_the_same_items_without_parsing_yaml(cache, monkeypatch):
    folder = evidence_dir().resolve()
    first = load_library_checked(folder)
    load_library_checked.cache_clear()
    _no_yaml(monkeypatch)
    again = load_library_checked(folder)
    assert again == first
    assert [i.model_fields_set for i in again[0]] == [i.model_fields_set for i in first[0]]


def test_a_data_table_read_again_is_the_same_without_parsing_yaml(cache, monkeypatch):
    from deckgen.classify.cues import _CueFile

    first = datafiles.read_data("cues", _CueFile)
    datafiles.read_data.cache_clear()
    _no_yaml(monkeypatch)
    assert datafiles.read_data("cues", _CueFile) == first


def test_an_altered_entry_is_a_miss_and_the_file_is_read_again(cache):
    folder = evidence_dir().resolve()
    first = load_library_checked(folder)
    entries = store(cache / "validated", "validated").entries()
    assert entries
    for _, _, path in entries:
        path.write_bytes(path.read_bytes()[:-1] + b"x")  # its signature no longer matches
    load_library_checked.cache_clear()
    assert load_library_checked(folder) == first


def test_problems_are_never_kept(cache):
    calls = []

    def failing():
        calls.append(1)
        raise InputError([])

    for _ in range(2):
        with pytest.raises(InputError):
            cached_plain(lambda: "0" * 32, failing, lambda r: r, lambda p: p)
    assert len(calls) == 2
    assert not store(cache / "validated", "validated").entries()


def test_with_caching_off_every_read_validates():
    use_cache(None, False)
    calls = []
    for _ in range(2):
        cached_plain(lambda: "0" * 32, lambda: calls.append(1) or "found", str, str)
    assert len(calls) == 2
