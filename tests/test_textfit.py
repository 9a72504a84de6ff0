"""Text measuring uses the metrics deckgen ships, never the machine's fonts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen.textfit import (
    Para,
    chart_face,
    chart_fonts_dir,
    has_metrics,
    measure,
    text_width_pt,
    wrap_count,
)
from tests.conftest import NORTHWIND, ROOT


def test_calibri_is_measured_with_carlito_widths():
    # 'AVATAR Wave To' in Carlito Regular sums to 14,577 of 2,048 units per em (read with
    # fontTools from Carlito 1.103), i.e. 1,423.6 pt at 200 pt, before kerning.
    assert text_width_pt("AVATAR Wave To", "Calibri", 200) == pytest.approx(1423.63, abs=0.01)
    assert text_width_pt("AVATAR Wave To", "CALIBRI ", 200) == text_width_pt(
        "AVATAR Wave To", "Carlito", 200
    )


def test_arial_is_wider_than_calibri_and_bold_wider_than_regular():
    text = "Voluntary attrition has risen from 13.1% to 17.5% since 2022"
    calibri, arial = text_width_pt(text, "Calibri", 20), text_width_pt(text, "Arial", 20)
    assert arial > calibri * 1.05
    assert text_width_pt(text, "Calibri", 20, bold=True) > calibri


def test_a_font_without_metrics_is_measured_as_arial_widened():
    text = "Sickness absence"
    assert not has_metrics("Gill Sans MT")
    assert text_width_pt(text, "Gill Sans MT", 20) == pytest.approx(
        text_width_pt(text, "Arial", 20) * 1.1
    )
    result = measure([Para(text, 20)], 400, "Gill Sans MT")
    assert result.fallback and result.lines == 1
    assert not measure([Para(text, 20)], 400, "Calibri").fallback


def test_characters_the_font_lacks_still_take_room():
    wide = text_width_pt("会議", "Calibri", 20)
    assert wide == pytest.approx(40)  # East Asian wide characters: one em each
    assert text_width_pt("e\u0301", "Calibri", 20) == text_width_pt("e", "Calibri", 20)


def test_a_word_longer_than_the_line_wraps_across_lines():
    url = "https://www.example.org/" + "a" * 200
    one_line = text_width_pt("https://www.example.org/", "Calibri", 18) + 5
    assert wrap_count(url, one_line, "Calibri", 18) > 4
    assert wrap_count("short words only", 1000, "Calibri", 18) == 1


def test_chart_faces_are_bundled_under_names_no_machine_has():
    assert chart_face("Calibri") == "Deckgen Sans"
    assert chart_face("Arial") == "Deckgen Grotesk"
    assert chart_face("Gill Sans MT") == "Deckgen Grotesk"
    names = sorted(p.name for p in chart_fonts_dir().glob("*.ttf"))
    assert names == [
        "DeckgenGrotesk-Bold.ttf",
        "DeckgenGrotesk-Regular.ttf",
        "DeckgenSans-Bold.ttf",
        "DeckgenSans-Regular.ttf",
    ]


def test_chart_specs_name_the_bundled_face_first():
    from deckgen.charts.specs import _config
    from deckgen.load.theme import load_theme

    assert _config(load_theme("clean").spec)["font"].startswith("Deckgen Sans, ")
    assert _config(load_theme("boardroom").spec)["font"].startswith("Deckgen Grotesk, ")


def _can_unshare_mounts() -> bool:
    if shutil.which("unshare") is None or not Path("/usr/share/fonts").is_dir():
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs none /usr/share/fonts"],
        capture_output=True,
    )
    return probe.returncode == 0


def _build_in(fonts: Path | None, out: Path, home: Path) -> None:
    """Build Northwind with the font folders replaced by `fonts` (None: empty), HOME empty."""
    mount = "mount -t tmpfs none {0}" if fonts is None else f"mount --bind {fonts} {{0}}"
    folders = ("/usr/share/fonts", "/usr/local/share/fonts")
    mounts = " && ".join(mount.format(d) for d in folders if Path(d).is_dir()) or "true"
    build = f"{sys.executable} -m deckgen build {NORTHWIND} -o {out} --quiet --strict --no-cache"
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"{mounts} && exec {build}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home), "SOURCE_DATE_EPOCH": "1767225600"},
    )
    assert result.returncode == 0, result.stderr


def _build_here(out: Path) -> None:
    build = [sys.executable, "-m", "deckgen", "build", str(NORTHWIND), "-o", str(out)]
    result = subprocess.run(
        [*build, "--quiet", "--strict", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(
    not _can_unshare_mounts(), reason="needs `unshare -rm` (Linux user and mount namespaces)"
)
def test_same_bytes_with_no_fonts_with_fonts_and_with_fonts_that_lie(tmp_path):
    """The Northwind decks come out byte-identical on a machine with no fonts installed at all,
    on this machine as it is, and on one whose font files are misnamed (a wider font saved as
    Carlito-Regular.ttf and Calibri.ttf); all of them pass --strict."""
    home = tmp_path / "home"
    home.mkdir()
    liars = tmp_path / "liars"
    liars.mkdir()
    wider = chart_fonts_dir() / "DeckgenGrotesk-Regular.ttf"
    for name in ("Carlito-Regular.ttf", "Carlito-Bold.ttf", "Calibri.ttf", "calibrib.ttf"):
        shutil.copy(wider, liars / name)
    builds = {}
    for label, fonts in (("none", None), ("liars", liars), ("machine", "as is")):
        out = tmp_path / f"decks-{label}"
        if fonts == "as is":
            _build_here(out)
        else:
            _build_in(fonts, out, home)
        builds[label] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert len(builds["none"]) == 12
    assert builds["none"] == builds["machine"] == builds["liars"]
