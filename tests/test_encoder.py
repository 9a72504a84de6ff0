"""The sentence encoder: same tokens and (near) same vectors as the published float32 model."""

from __future__ import annotations

import json

import numpy as np
import pytest
import yaml

from deckgen import encoder
from tests.conftest import ROOT

# Token ids and unit-length embeddings computed with the original all-MiniLM-L6-v2 in PyTorch
# (transformers' BertTokenizer and BertModel, mean pooling), rounded to 6 decimals.
REFERENCE = json.loads((ROOT / "tests/data/encoder-reference.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("ref", REFERENCE, ids=lambda ref: ref["text"][:20])
def test_token_ids_match_the_original_tokeniser(ref):
    assert encoder.token_ids(ref["text"]) == ref["ids"]


@pytest.mark.parametrize("ref", REFERENCE, ids=lambda ref: ref["text"][:20])
def test_embedding_matches_the_original_model(ref):
    ours = encoder.embed(ref["text"])
    assert ours.shape == (384,)
    assert abs(float(np.linalg.norm(ours)) - 1) < 1e-5
    assert float(ours @ np.array(ref["embedding"])) >= 0.998  # int8 weights, float32 model


def test_meaning_beyond_shared_words():
    money = encoder.embed("There is simply no money for this.")
    assert float(money @ encoder.embed("We cannot afford it this year.")) > float(
        money @ encoder.embed("I want everyone back in the office.")
    )


def test_odd_input_is_handled():
    assert encoder.token_ids("") == [101, 102]  # [CLS] [SEP]
    assert len(encoder.token_ids("word " * 1000)) == encoder.MAX_TOKENS
    assert encoder.token_ids("x" * 150)[1] == encoder.vocab()["[UNK]"]
    for text in ("", "😀 שלום مرحبا 中文", "\x00\x0b control", "word " * 1000):
        vector = encoder.embed(text)
        assert np.isfinite(vector).all()


def test_every_training_phrasing_is_in_the_shipped_cache():
    # Start-up reads these instead of embedding ~1,400 phrasings. After editing the training file,
    # run: python tools/export_encoder.py --cache-only
    texts = [
        d["text"] for d in yaml.safe_load((ROOT / "tests/data/objections-train.yaml").read_text())
    ]
    cached = encoder._train_cache()
    missing = [t for t in texts if encoder.text_key(t) not in cached]
    assert not missing, f"{len(missing)} phrasings not in the cache, e.g. {missing[0]!r}"
    sample = texts[0]
    assert float(cached[encoder.text_key(sample)] @ encoder.embed(sample)) > 0.999
