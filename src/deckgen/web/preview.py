"""Slide images for the page: the built decks to PDF with LibreOffice (deckgen's own export),
then one PNG per slide with pdftoppm, in a folder inside the output folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from deckgen.errors import DeckgenError

FOLDER = ".deckgen-preview"  # inside the output folder; deckgen's other files never go here


def can_draw() -> bool:
    from deckgen.export import soffice

    return soffice() is not None and shutil.which("pdftoppm") is not None


def preview_dir(outdir: Path) -> Path:
    return outdir / FOLDER


def render_previews(decks: list[Path], outdir: Path) -> dict[str, tuple[str, list[str]]]:
    """deck stem -> (its PDF's file name, its slides' PNG file names), all in preview_dir."""
    from deckgen.export import export_pdf

    folder = preview_dir(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    pdfs = export_pdf(decks, folder)
    found = {}
    for pdf in pdfs:
        for old in folder.glob(f"{pdf.stem}-*.png"):
            old.unlink()
        try:
            subprocess.run(
                ["pdftoppm", "-png", "-r", "48", str(pdf), str(folder / pdf.stem)],
                capture_output=True,
                timeout=300,
                check=True,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise DeckgenError(f"pdftoppm could not draw {pdf.name} ({exc})") from None
        pngs = sorted(folder.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        found[pdf.stem] = (pdf.name, [p.name for p in pngs])
    return found
