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
