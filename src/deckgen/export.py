"""Export decks to PDF with LibreOffice (one soffice call for all decks), for users who have it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from deckgen.errors import DeckgenError


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def export_pdf(decks: list[Path], outdir: Path, timeout: int = 600) -> list[Path]:
    binary = soffice()
    if binary is None:
        raise DeckgenError(
            "export: LibreOffice not found (install libreoffice-impress, or open "
            "the .pptx in PowerPoint and save as PDF)"
        )
    missing = [str(d) for d in decks if not d.is_file()]
    if missing:
        raise DeckgenError(f"export: file not found: {', '.join(missing)}")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deckgen-lo-") as profile:
        env = {**os.environ, "FONTCONFIG_FILE": _fontconfig(Path(profile))}
        # A private profile: a user's open LibreOffice must not block or be disturbed.
        cmd = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *[str(d) for d in decks],
        ]
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=timeout, check=False, env=env
            )
        except subprocess.TimeoutExpired:
            raise DeckgenError(f"export: LibreOffice took longer than {timeout} s") from None
    pdfs = [outdir / (d.stem + ".pdf") for d in decks]
    failed = [p.name for p in pdfs if not p.is_file()]
    if done.returncode != 0 or failed:
        raise DeckgenError(
            f"export: LibreOffice could not convert {', '.join(failed) or 'the decks'}"
            f" ({done.stderr.strip()[:200]})"
        )
    return pdfs


def _fontconfig(folder: Path) -> str:
    """A fontconfig file for LibreOffice (Linux): the machine's own fonts first, then deckgen's
    chart faces, named as fallbacks for the fonts they share widths with, so a PDF can be drawn
    even where no font is installed, with line breaks close to PowerPoint's."""
    from xml.sax.saxutils import escape

    from deckgen.textfit import chart_face, chart_fonts_dir

    aliases = "".join(
        f'<alias binding="weak"><family>{escape(font)}</family>'
        f"<accept><family>{escape(chart_face(font))}</family></accept></alias>"
        for font in ("Calibri", "Carlito", "Arial", "Helvetica", "Liberation Sans")
    )
    text = (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        "<fontconfig>"
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{escape(str(chart_fonts_dir()))}</dir>"
        f"<cachedir>{escape(str(folder / 'fontconfig'))}</cachedir>"
        f"{aliases}"
        "<alias><family>sans-serif</family>"
        "<default><family>Deckgen Grotesk</family></default></alias>"
        "</fontconfig>"
    )
    path = folder / "fonts.conf"
    path.write_text(text, encoding="utf-8")
    return str(path)
