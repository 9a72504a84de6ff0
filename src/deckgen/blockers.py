"""The 14 executive blockers (../shared/blockers.md) plus `none`, read from data/blockers.yaml:
the fear behind each and how to answer it."""

from __future__ import annotations

import difflib

from msgspec import Struct
from pydantic import Field, model_validator

from deckgen.errors import DeckgenError
from deckgen.load.schema import Strict


class Blocker(Struct, frozen=True):
    slug: str
    name: str  # the executive's voice, e.g. "We're fine"
    concern: str  # what they fear, said respectfully, completing "You are concerned that ..."
    reframe: str  # one sentence that moves the conversation
    strategy: str  # lead strategy for the deck
    probe: str  # the Explore question to ask before answering
    next_step: str  # the smallest safe step this storyline asks for
    follow_up: str  # slug of the objection this executive is likely to raise next


class _Card(Strict):
    name: str = Field(min_length=2, max_length=60)
    concern: str = Field(min_length=10)
    reframe: str = Field(min_length=10)
    strategy: str = Field(min_length=10)
    probe: str = Field(min_length=10)
    next_step: str = Field(min_length=5)
    follow_up: str


class _BlockerFile(Strict):
    blockers: dict[str, _Card] = Field(min_length=2)
    aliases: dict[str, str] = Field(default_factory=dict, description="Older slugs still read.")

    @model_validator(mode="after")
    def _known(self) -> _BlockerFile:
        for slug, card in self.blockers.items():
            if card.follow_up not in self.blockers:
                raise ValueError(f"blockers.{slug}.follow_up: unknown blocker '{card.follow_up}'")
        for alias, slug in self.aliases.items():
            if slug not in self.blockers:
                raise ValueError(f"aliases.{alias}: unknown blocker '{slug}'")
        return self


def _cards() -> tuple[dict[str, Blocker], dict[str, str]]:
    from deckgen.load.datafiles import read_data

    data = read_data("blockers", _BlockerFile)
    cards = {slug: Blocker(slug, **card.model_dump()) for slug, card in data.blockers.items()}
    return cards, dict(data.aliases)


# data/blockers.yaml: the cards (slug -> Blocker) and the draft slugs still accepted as input.
BLOCKERS, ALIASES = _cards()
SLUGS = tuple(s for s in BLOCKERS if s != "none")


def resolve_blocker(slug: str) -> str:
    """A known slug (aliases accepted), or a DeckgenError with a 'did you mean'."""
    text = slug.strip().lower()
    text = ALIASES.get(text, text)
    if text in BLOCKERS:
        return text
    hint = difflib.get_close_matches(text, list(BLOCKERS), n=1, cutoff=0.5)
    tail = f"; did you mean '{hint[0]}'?" if hint else f"; known blockers: {', '.join(BLOCKERS)}"
    raise DeckgenError(f"unknown blocker '{slug}'{tail}")
