"""The chart cache: an unchanged chart is never rendered twice, a changed one always is."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pptx import Presentation

from deckgen.charts.cache import ChartCache, chart_key
from deckgen.load.theme import load_theme
from deckgen.models import ChartItem, ChartPanel, ChartPlan
from tests.conftest import NORTHWIND, run

PNG = b"\x89PNG\r\n\x1a\n" + b"pixels" * 100 + b"IEND\xaeB`\x82"


def chart(value: float = 17.5) -> ChartPlan:
    items = (ChartItem("2024", 16.4, "16.4%"), ChartItem("2025", value, f"{value}%"))
    return ChartPlan("trend", (ChartPanel("Voluntary attrition", items),), "alt", 10.0, 4.5)


def build(ws: Path, out: Path, cache: Path, *extra: str) -> dict:
    result = run(
        "build", str(ws), "-o", str(out), "--exec", "Priya Shah", "--force", "--json",
        "--cache-dir", str(cache), "--charts", "image", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["decks"][0]["charts"]


def pictures(deck: Path) -> dict[int, bytes]:
    return {
        number: shape.image.blob
        for number, slide in enumerate(Presentation(str(deck)).slides, 1)
        for shape in slide.shapes
        if shape.shape_type == 13
    }


def test_second_build_renders_no_chart_and_gives_the_same_deck(tmp_path):
    cache = tmp_path / "cache"
    first = build(NORTHWIND, tmp_path / "a", cache)
    assert first == {"rendered": 3, "cached": 0}
    second = build(NORTHWIND, tmp_path / "b", cache)
    assert second == {"rendered": 0, "cached": 3}
    deck_a = (tmp_path / "a" / "priya-shah.pptx").read_bytes()
    assert (tmp_path / "b" / "priya-shah.pptx").read_bytes() == deck_a


def test_a_changed_kpi_rerenders_only_the_chart_that_shows_it(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(NORTHWIND, ws)
    cache = tmp_path / "cache"
    build(ws, tmp_path / "before", cache)
    history = ws / "history.csv"
    history.write_text(history.read_text().replace("engagement,2022,34", "engagement,2022,36"))

    assert build(ws, tmp_path / "after", cache) == {"rendered": 1, "cached": 2}
    before = pictures(tmp_path / "before" / "priya-shah.pptx")
    after = pictures(tmp_path / "after" / "priya-shah.pptx")
    changed = [n for n in before if before[n] != after[n]]
    assert len(changed) == 1
    manifest = json.loads((tmp_path / "after" / "priya-shah.manifest.json").read_text())
    assert manifest["slides"][changed[0] - 1]["role"] == "trend"  # the only chart with history


def test_no_cache_renders_everything_and_keeps_nothing(tmp_path):
    cache = tmp_path / "cache"
    assert build(NORTHWIND, tmp_path / "a", cache, "--no-cache") == {"rendered": 3, "cached": 0}
    assert not cache.exists()


def test_key_follows_the_data_and_the_look_not_the_layout_names():
    clean, boardroom = load_theme("clean").spec, load_theme("boardroom").spec
    assert chart_key(chart(), clean) == chart_key(chart(), clean)
    assert chart_key(chart(17.5), clean) != chart_key(chart(17.6), clean)
    assert chart_key(chart(), clean) != chart_key(chart(), boardroom)
    renamed = clean.model_copy(update={"layouts": {**clean.layouts, "title": "Cover"}})
    assert chart_key(chart(), renamed) == chart_key(chart(), clean)


def test_put_then_get_and_a_cut_short_file_is_a_miss(tmp_path):
    cache = ChartCache(tmp_path)
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, PNG)
    assert cache.get("ab" * 32) == PNG
    path = tmp_path / "ab" / f"{'ab' * 32}.png"
    path.write_bytes(PNG[:50])
    assert cache.get("ab" * 32) is None
    assert not list(tmp_path.glob("**/*.tmp"))


def test_trim_drops_the_least_recently_used_first(tmp_path):
    cache = ChartCache(tmp_path, max_bytes=len(PNG) * 3)
    keys = [f"{i:02d}" * 32 for i in range(5)]
    for age, key in enumerate(keys):
        cache.put(key, PNG)
        stamp = 1_700_000_000 + age * 60
        os.utime(tmp_path / key[:2] / f"{key}.png", (stamp, stamp))
    assert cache.get(keys[0]) == PNG  # used just now: kept
    assert cache.trim() == 3
    assert [k for k in keys if cache.get(k)] == [keys[0], keys[4]]


def test_an_unwritable_cache_is_a_warning_not_a_failure(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = run(
        "build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--exec", "Priya Shah",
        "--cache-dir", str(blocked / "cache"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "is not writable" in result.stderr and "not caching" in result.stderr
    assert (tmp_path / "out" / "priya-shah.pptx").is_file()


def test_cache_command_shows_and_clears(tmp_path):
    cache = tmp_path / "cache"
    build(NORTHWIND, tmp_path / "a", cache)
    shown = run("cache", "--cache-dir", str(cache))
    assert shown.exit_code == 0
    assert shown.output.startswith(f"{cache}: 3 charts, ")
    cleared = run("cache", "--cache-dir", str(cache), "clear")
    assert cleared.exit_code == 0 and "Removed " in cleared.stderr
    assert run("cache", "--cache-dir", str(cache)).output.startswith(f"{cache}: 0 charts, 0 ")
    assert build(NORTHWIND, tmp_path / "b", cache) == {"rendered": 3, "cached": 0}


def test_an_unwritable_cache_is_reported_with_workers_too(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    args = ["build", str(NORTHWIND), "-o", str(tmp_path / "out"), "-j", "2"]
    result = subprocess.run(
        [sys.executable, "-m", "deckgen", *args, "--cache-dir", str(blocked / "cache")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("is not writable") == 1
    assert len(list((tmp_path / "out").glob("*.pptx"))) == 6
