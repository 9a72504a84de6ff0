"""deckgen: decks that answer an executive's objection with sourced evidence and the org's own numbers."""

__version__ = "0.1.0"
