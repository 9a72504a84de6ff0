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
