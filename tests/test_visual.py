"""Render the Northwind decks as a person would see them: LibreOffice -> PDF -> PNG pages.

Skips (saying why) where LibreOffice or poppler is missing; CI installs both (.ci/run).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image, ImageStat
from pptx import Presentation

from deckgen.export import export_pdf, soffice
from tests.conftest import run

pytestmark = pytest.mark.skipif(
    soffice() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) and poppler (pdftoppm) are needed to render decks; "
    ".ci/run installs them",
)


@pytest.fixture(scope="module")
def rendered(northwind_decks, tmp_path_factory):
    out = tmp_path_factory.mktemp("rendered")
    decks = sorted(northwind_decks.glob("*.pptx"))
    pdfs = export_pdf(decks, out)  # one soffice call for all decks
    pages = {}
    for deck, pdf in zip(decks, pdfs, strict=True):
        prefix = out / deck.stem
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(prefix)], check=True)
        pages[deck] = sorted(out.glob(f"{deck.stem}-*.png"))
    return pages


def test_one_page_per_slide(rendered):
    for deck, pngs in rendered.items():
        assert len(pngs) == len(Presentation(str(deck)).slides), deck.name


def test_no_blank_pages(rendered):
    for pngs in rendered.values():
        for png in pngs:
            with Image.open(png) as image:
                variance = sum(ImageStat.Stat(image.convert("L")).var)
            assert variance > 50, f"{png.name} looks blank (pixel variance {variance:.0f})"


def test_export_command(northwind_decks, tmp_path):
    result = run("export", "--pdf", str(northwind_decks / "priya-shah.pptx"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "priya-shah.pdf").stat().st_size > 10_000


def test_export_draws_text_where_no_font_is_installed(northwind_decks, tmp_path):
    """With an empty font folder, LibreOffice still draws the deck: deckgen hands it its own
    faces as fallbacks for Calibri and Arial."""
    from tests.test_textfit import _can_unshare_mounts

    if not _can_unshare_mounts():
        pytest.skip("needs `unshare -rm` (Linux user and mount namespaces)")
    import sys

    home = tmp_path / "home"
    home.mkdir()
    deck = northwind_decks / "priya-shah.pptx"
    script = (
        "for d in /usr/share/fonts /usr/local/share/fonts; do [ -d $d ] && mount -t tmpfs none $d; "
        f"done; HOME={home} exec {sys.executable} -m deckgen export --pdf {deck} -o {tmp_path}"
    )
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "priya-shah.pdf")], capture_output=True, text=True
    ).stdout
    assert "DeckgenSans-Regular" in fonts
