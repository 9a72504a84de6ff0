"""deckgen: decks that answer an executive's objection with sourced evidence and the org's own numbers."""

__version__ = "0.1.0"


def collect_rarely() -> None:
    """A build makes many objects that live until it ends (parsed files, models, slides). At
    Python's default, a collection per 700 new objects, a cold deck spends ~15 ms (measured)
    looking for garbage that is not there; every 10,000 still frees cycles as they appear. The
    older generations keep their default pace: collected 5x less often, a 200-deck build's
    cyclic leftovers from python-pptx doubled its peak memory (126 -> 244 MB, measured)."""
    import gc

    gc.set_threshold(10_000, 10, 10)
