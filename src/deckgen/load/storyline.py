"""Load a storyline (`decks/<name>.yaml`): the ordered slides of a deck, with their text templates."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from deckgen.errors import DeckgenError
from deckgen.load.schema import Strict, validate
from deckgen.load.yamlfile import load_yaml
from deckgen.resources import decks_dir

Role = Literal[
    "title",
    "exec_summary",
    "acknowledge",
    "kpis",
    "trend",
    "cost",
    "benchmark",
    "evidence",
    "secondary",
    "ask",
    "sources",
    "appendix",
]


class SlideSpec(Strict):
    role: Role = Field(description="What the slide does in the argument.")
    layout: str = Field(description="Theme layout role: title, content, title_only ...")
    title: list[str] = Field(min_length=1, description="Title templates; the first that fits wins.")
    subtitle: str = Field("", description="Template for the title slide's subtitle.")
    bullets: list[str] = Field(default_factory=list, description="Bullet templates; empty drop.")
    notes: str = Field(min_length=1, description="Speaker-notes template (the talk track).")
    repeat: int = Field(1, ge=1, le=6, description="Evidence slides: how many to make.")


class Storyline(Strict):
    name: str
    description: str
    slides: list[SlideSpec] = Field(min_length=3)


def load_storyline(name: str = "default") -> Storyline:
    path = decks_dir() / f"{name}.yaml"
    if not path.is_file():
        raise DeckgenError(f"storyline '{name}' not found in {decks_dir()}")
    return validate(Storyline, load_yaml(path, f"decks/{name}.yaml"))
