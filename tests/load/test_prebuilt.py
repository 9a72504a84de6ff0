"""prebuilt/ (load/prebuild.py): deckgen's own tables, library and storyline templates,
validated and compiled once and shipped. Kept current with the files they are made from, used
by a build, and never in the way of a file that differs."""

from __future__ import annotations

import json

import pytest

from deckgen.load.prebuild import prebuilt_files
from deckgen.resources import data_root
from tests.test_golden import HASHES, _digest

PREBUILT = data_root() / "prebuilt"


def test_prebuilt_is_made_from_the_files_as_they_are():
    year = json.loads((PREBUILT / "index.json").read_bytes())["library_year"]
    made = prebuilt_files(year)
    shipped = {
        str(p.relative_to(PREBUILT)): p.read_bytes() for p in PREBUILT.rglob("*") if p.is_file()
    }
    stale = sorted(set(made) ^ set(shipped) | {n for n in made if made[n] != shipped.get(n)})
    assert not stale, f"prebuilt/ is out of date ({', '.join(stale[:4])}): run `make prebuilt`"


def _clear():
    from deckgen import text
    from deckgen.library import load_library_checked
    from deckgen.load.datafiles import read_data

    for cached in (read_data, load_library_checked, text._compile, text._prebuilt):
        getattr(cached, "cache_clear", lambda: None)()  # a test may have replaced one


@pytest.fixture
def counted(monkeypatch):
    """Counts YAML parses of deckgen's own tables and library, and Jinja template parses."""
    import jinja2.environment

    from deckgen.load import datafiles, evidence

    seen = {"yaml": [], "jinja": 0}
    _clear()
    for module in (datafiles, evidence):
        original = module.load_yaml

        def parse(path, *args, _original=original, **kwargs):
            seen["yaml"].append(str(path))
            return _original(path, *args, **kwargs)

        monkeypatch.setattr(module, "load_yaml", parse)
    parse_template = jinja2.environment.Environment._parse

    def counted_parse(self, *args, **kwargs):
        seen["jinja"] += 1
        return parse_template(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.environment.Environment, "_parse", counted_parse)
    yield seen
    _clear()


def test_a_first_build_parses_none_of_deckgens_own_files(counted, tmp_path):
    """With no cache at all, the Northwind decks are built from prebuilt/ alone: no table or
    evidence file is parsed, no storyline template compiled; the decks are the golden ones."""
    from tests.conftest import NORTHWIND, run

    result = run("build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert counted["yaml"] == []
    assert counted["jinja"] == 0
    golden = json.loads(HASHES.read_text())
    for name, digest in golden.items():
        if name.startswith("northwind/"):
            assert _digest(tmp_path / "out" / name.split("/", 1)[1]) == digest, name


def test_a_table_that_differs_from_its_prebuilt_entry_is_validated_from_its_file(
    counted, monkeypatch, tmp_path
):
    """An edited table (here: the blockers file with a comment added) is not the one prebuilt:
    it is parsed and validated as before."""
    from deckgen.blockers import _BlockerFile
    from deckgen.load import datafiles

    data = tmp_path / "data"
    data.mkdir()
    original = datafiles.data_dir() / "blockers.yaml"
    (data / "blockers.yaml").write_bytes(original.read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(datafiles, "data_dir", lambda: data)
    found = datafiles.read_data("blockers", _BlockerFile)
    assert counted["yaml"] == [str(data / "blockers.yaml")]
    datafiles.read_data.cache_clear()
    monkeypatch.setattr(datafiles, "data_dir", lambda: original.parent)
    assert datafiles.read_data("blockers", _BlockerFile) == found  # the prebuilt one: the same
    assert len(counted["yaml"]) == 1


def test_a_damaged_prebuilt_entry_is_a_miss(counted, monkeypatch, tmp_path):
    """A prebuilt entry the schema refuses, or that is not JSON, is read from its file."""
    from deckgen.classify.cues import _CueFile
    from deckgen.load import datafiles, validated
    from deckgen.resources import use_cache

    use_cache(None, False)  # only the prebuilt entry or the file
    key = datafiles.prebuilt_key("cues", _CueFile)
    monkeypatch.setattr(validated, "prebuilt_dir", lambda: tmp_path)
    for damaged in (b'{"fold": 3}', b"not json"):
        (tmp_path / f"{key}.json").write_bytes(damaged)
        datafiles.read_data.cache_clear()
        assert datafiles.read_data("cues", _CueFile).cues
    assert len(counted["yaml"]) == 2


def test_a_damaged_prebuilt_template_is_compiled_from_its_text(counted, monkeypatch):
    from deckgen import text
    from deckgen.fmt import Formatter

    template = "{{ a | sentence }} and {{ b }}"
    monkeypatch.setattr(text, "_prebuilt", lambda: {text.prebuilt_name(template): "def ("})
    rendered = text.Renderer(Formatter()).render(template, {"a": "x", "b": "y"}, "here")
    assert rendered == "X and y"
    assert counted["jinja"] == 1
