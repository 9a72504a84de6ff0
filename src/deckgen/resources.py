"""Locate the bundled data folders: evidence/, decks/, themes/ and data/ (checkout or wheel)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


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


def data_dir() -> Path:
    """deckgen's own tables: KPIs, blockers, classifier cues, checker words, zombie statistics."""
    return data_root() / "data"


def training_file() -> Path:
    """Labelled objections the classifier learns from (tests/data in a checkout)."""
    packaged = data_root() / "objections-train.yaml"
    return (
        packaged if packaged.is_file() else data_root() / "tests" / "data" / "objections-train.yaml"
    )


_CACHE: dict[str, Any] = {"folder": None, "enabled": True, "set": False}  # set by use_cache


def use_cache(folder: Path | None, enabled: bool = True) -> None:
    """Where every cache of this process lives: `folder` (--cache-dir), else the default; with
    `enabled` False (--no-cache) nothing is kept on disk at all."""
    _CACHE.update(folder=folder, enabled=enabled, set=True)


def cache_configured() -> bool:
    """Whether this run has said where its cache is (what is read before that, at import, is
    read from the files: it must not use a cache the run was told not to)."""
    return bool(_CACHE["set"])


def cache_root() -> Path | None:
    """deckgen's cache folder for this run, or None when caching is off (--no-cache)."""
    if not _CACHE["enabled"]:
        return None
    return _CACHE["folder"] or default_cache_root()


def default_cache_root() -> Path:
    """$DECKGEN_CACHE_DIR, else the platform's user cache folder + deckgen."""
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
