"""Locate the bundled data folders: evidence/, decks/ and themes/ (repo checkout or installed wheel)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_root() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "_data"
    if packaged.is_dir():
        return packaged
    return here.parent.parent  # src/deckgen -> repository root (editable install / checkout)


def evidence_dir() -> Path:
    return data_root() / "evidence"


def decks_dir() -> Path:
    return data_root() / "decks"


def themes_dir() -> Path:
    return data_root() / "themes"


def training_file() -> Path:
    """Labelled objections the classifier learns from (tests/data in a checkout)."""
    packaged = data_root() / "objections-train.yaml"
    return (
        packaged if packaged.is_file() else data_root() / "tests" / "data" / "objections-train.yaml"
    )


def cache_root() -> Path:
    """deckgen's cache folder: $DECKGEN_CACHE_DIR, else the platform's user cache + deckgen."""
    import os
    import sys

    if os.environ.get("DECKGEN_CACHE_DIR"):
        return Path(os.environ["DECKGEN_CACHE_DIR"]).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "deckgen"
