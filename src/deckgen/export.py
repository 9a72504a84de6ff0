"""Export decks to PDF with LibreOffice (one soffice call for all decks), for users who have it."""

from __future__ import annotations

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
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
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
