"""The model trained on deckgen's own labelled phrasings, its word part kept in the cache folder."""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path

from msgspec import structs

from deckgen.classify.model import CentroidModel, Meaning, train


@cache
def default_model() -> CentroidModel:
    """The model trained on the shipped phrasings. The word part takes ~0.4 s to train, so it is
    kept in deckgen's cache folder, keyed by the training file and the classifier's code."""

    import yaml

    from deckgen.load.yamlfile import SAFE_LOADER
    from deckgen.resources import training_file

    raw = training_file().read_bytes()
    data = yaml.load(raw.decode("utf-8"), Loader=SAFE_LOADER)
    examples = [(d["text"], d["blocker"], d.get("secondary")) for d in data]
    lexical = cached_lexical_model(raw, examples)
    meaning = Meaning.fit([text for text, _, _ in examples], lexical.labels)
    return structs.replace(lexical, meaning=meaning)


def _code() -> bytes:
    """What the word model is made by: this package's source files (sorted) and the cue lexicon,
    so a change to either trains it afresh."""
    from deckgen.resources import data_dir

    sources = sorted(Path(__file__).parent.glob("*.py"))
    return b"".join(p.read_bytes() for p in sources) + (data_dir() / "cues.yaml").read_bytes()


def cached_lexical_model(raw: bytes, examples: list[tuple[str, str, str | None]]) -> CentroidModel:
    """The word model from deckgen's cache folder (signed marshal data, see cachefiles.py), or
    trained and stored there; with caching off (--no-cache) it is trained and kept in memory."""
    import hashlib
    import marshal

    from deckgen.cachefiles import store as signed_store
    from deckgen.resources import cache_root

    key = hashlib.sha256(raw + _code()).hexdigest()[:24]
    root = cache_root()
    store = signed_store(root / "classifier", "classifier") if root is not None else None
    payload = store.get(key) if store is not None else None
    if payload is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            return CentroidModel(*marshal.loads(payload))
    model = train(examples, meaning=False)
    if store is not None:
        with contextlib.suppress(OSError):  # a read-only cache folder only costs training time
            for _, _, old in store.entries():
                store.delete(old)
            store.put(
                key, marshal.dumps((model.idf, model.centroids, model.labels, model.postings))
            )
    return model


@cache
def answer_code() -> bytes:
    """What decides an answer besides the text: the word model's code and lexicon, the training
    phrasings, and the sentence encoder's code, vocabulary and weights (by name and size)."""
    import hashlib

    from deckgen import encoder
    from deckgen.resources import training_file

    digest = hashlib.sha256(_code() + training_file().read_bytes())
    here = Path(encoder.__file__)
    digest.update(here.read_bytes())
    for path in sorted((here.parent / "_encoder").iterdir()):
        digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
    return digest.digest()
