"""The cache folder is shared or writable by others: nothing planted there runs, is used, or
makes deckgen delete files it never wrote; --cache-dir and --no-cache hold for every cache."""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import shutil

import pytest
from jinja2 import BytecodeCache

from deckgen.cachefiles import KEY_FILE, stores
from deckgen.fmt import Formatter
from deckgen.text import Renderer, _signature, use_template_cache
from tests.conftest import NORTHWIND
from tests.hostile.conftest import deckgen, tree

TEMPLATE = "Hello {{ name }}, from a template"


class _Opens:
    """Unpickling this opens (creates) a file: what a planted pickle could do."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


def _plant(folder, canary) -> None:
    """What an attacker would put in a template cache folder for TEMPLATE: Jinja's own format
    (magic, a pickle, marshalled code) and deckgen's file name with unsigned marshalled code."""
    name = hashlib.sha256(f"{_signature()}\n{TEMPLATE}".encode()).hexdigest()
    key = BytecodeCache().get_cache_key(name)
    folder.mkdir(parents=True, exist_ok=True)
    evil = compile(f"open({str(canary)!r}, 'w').close()", "<planted>", "exec")
    from jinja2.bccache import bc_magic

    (folder / f"__jinja2_{key}.cache").write_bytes(bc_magic + pickle.dumps(_Opens(canary)))
    (folder / f"{key}.marshal").write_bytes(b"\0" * 32 + marshal.dumps(("x", evil)))
    (folder / f"{key}.marshal.sig").write_bytes(b"not used")


@pytest.mark.parametrize("variant", ["empty cache", "cache with a key"])
def test_a_planted_template_cache_entry_never_runs(tmp_path, canary, variant):
    folder = tmp_path / "cache" / "templates"
    if variant == "cache with a key":
        use_template_cache(folder)
        Renderer(Formatter()).render("warm {{ x }}", {"x": 1}, "t")  # makes the key
    _plant(folder, canary)
    use_template_cache(None)
    use_template_cache(folder)
    try:
        text = Renderer(Formatter()).render(TEMPLATE, {"name": "Ann"}, "decks/x.yaml")
    finally:
        use_template_cache(None)
    assert text == "Hello Ann, from a template"
    assert not canary.exists()


def test_a_planted_chart_is_never_put_in_a_deck(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ["build", str(NORTHWIND), "-o", str(out), "--exec", "Priya Shah", "--charts", "image"]
    args.append("--cache-dir")
    assert deckgen(*args, str(cache), "--quiet").code == 0
    real = {p.name: p.read_bytes() for p in (cache / "charts").rglob("*.png")}
    planted = b"\x89PNG\r\n\x1a\n" + b"a chart someone else drew" + b"IEND\xaeB`\x82"
    for path in (cache / "charts").rglob("*.png"):
        path.write_bytes(planted)  # same names, other bytes (unsigned)
    shutil.rmtree(out)
    result = deckgen(*args, str(cache), "--json", "--quiet")
    assert result.code == 0, result.stderr
    assert '"rendered": 3' in result.stdout  # every planted entry was a miss
    deck = (out / "priya-shah.pptx").read_bytes()
    assert b"a chart someone else drew" not in deck
    assert {p.name: p.read_bytes()[32:] for p in (cache / "charts").rglob("*.png")} == {
        name: data[32:] for name, data in real.items()
    }


@pytest.mark.parametrize("how", ["cache folder is a link", "chart folder is a link"])
def test_clear_and_trim_delete_only_what_deckgen_wrote(tmp_path, how):
    home = tmp_path / "home"  # the user's own files, which a link exposes to the cache
    (home / "ab").mkdir(parents=True)
    mine = {
        "ab/photo.png": b"a holiday photo",
        "ab/" + "ab" * 32 + ".png": b"looks like a chart entry, lives in home",
        "notes.txt": b"board notes",
        "charts/readme.png": b"not a hash name",
    }
    for name, data in mine.items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_bytes(data)
    cache = tmp_path / "cache"
    if how == "cache folder is a link":
        cache.symlink_to(home)
    else:
        cache.mkdir()
        (cache / "charts").symlink_to(home)
    before = tree(home)
    assert deckgen("cache", "--cache-dir", str(cache), "clear").code == 0
    assert tree(home) == before


def test_clear_removes_deckgen_entries_and_leaves_other_files(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    assert deckgen("build", str(NORTHWIND), "-o", str(out), "--cache-dir", str(cache)).code == 0
    (cache / "charts" / "keep-me.txt").write_text("mine")
    result = deckgen("cache", "--cache-dir", str(cache), "clear")
    assert result.code == 0
    left = sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file())
    assert left == ["charts/keep-me.txt", KEY_FILE]


def test_a_key_others_can_read_or_write_disables_the_cache(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ["build", str(NORTHWIND), "-o", str(out), "--exec", "Priya Shah", "--charts", "image"]
    args.append("--cache-dir")
    assert deckgen(*args, str(cache)).code == 0
    os.chmod(cache / KEY_FILE, 0o666)
    result = deckgen(*args, str(cache), "--force", "--json")
    assert result.code == 0
    assert "its key file is not private to this user); not caching" in result.stderr
    assert '"cached": 0' in result.stdout


@pytest.mark.parametrize("flag", ["--cache-dir", "--no-cache"])
def test_the_classifier_cache_obeys_cache_dir_and_no_cache(tmp_path, flag):
    home = tmp_path / "home"
    home.mkdir()
    cache = tmp_path / "cache"
    env = {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "DECKGEN_CACHE_DIR": ""}
    where = [flag, str(cache)] if flag == "--cache-dir" else [flag]
    objection = ["--objection", "We can't afford it this year."]
    result = deckgen(
        "build", str(NORTHWIND), "-o", str(tmp_path / "out"), *objection, *where, env=env
    )
    assert result.code == 0, result.stderr
    assert not (home / ".cache").exists(), "nothing in the default cache folder"
    classified = deckgen("classify", "We can't afford it.", *where, env=env)
    assert classified.code == 0 and not (home / ".cache").exists()
    if flag == "--cache-dir":
        assert len(stores(cache)["classifier"].entries()) == 1
    else:
        assert not cache.exists()
