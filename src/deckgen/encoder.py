"""A small sentence encoder that runs offline on numpy: all-MiniLM-L6-v2, weights stored as int8.

It gives the classifier a sense of meaning beyond shared words ("babied" is near "coddled", "the
local paper" is near "the press"). The weights are the published sentence-transformers model
(Apache-2.0, see `_encoder/NOTICE.md`), quantised per row to int8 by tools/export_encoder.py. The
forward pass is the standard BERT one: embeddings, six attention layers, mean pooling, unit length,
with BLAS held to one thread. Words become ids with Hugging Face `tokenizers` (the same ids as the
original tokeniser). numpy is imported on first use, so commands that never classify never pay.
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DIR = Path(__file__).resolve().parent / "_encoder"
WEIGHTS = DIR / "minilm-l6-v2-int8.npz"
VOCAB = DIR / "vocab.txt"
TRAIN_CACHE = DIR / "train-embeddings.npz"
MAX_TOKENS = 256  # the model's own limit (sentence_bert_config.json); longer text is cut
LAYERS, HEADS, EPS = 6, 12, 1e-12


# ---------------------------------------------------------------------------------------------
# Tokeniser: BERT's uncased WordPiece, from Hugging Face `tokenizers` on the model's own vocab.


@cache
def _tokenizer():
    from tokenizers import BertWordPieceTokenizer

    tokenizer = BertWordPieceTokenizer(
        str(VOCAB), lowercase=True, clean_text=True, handle_chinese_chars=True, strip_accents=None
    )
    tokenizer.enable_truncation(MAX_TOKENS)  # the original model's limit: longer text is cut
    return tokenizer


@cache
def vocab() -> dict[str, int]:
    return _tokenizer().get_vocab()


def token_ids(text: str) -> list[int]:
    """[CLS] + word pieces + [SEP], cut to MAX_TOKENS like the original model."""
    return _tokenizer().encode(text[: MAX_TOKENS * 100]).ids  # far more text than 256 pieces


# ---------------------------------------------------------------------------------------------
# Forward pass.


@cache
def _weights() -> dict[str, np.ndarray]:
    """The model in float32 (int8 matrices times their per-row scales), word table still int8."""
    import numpy as np

    with np.load(WEIGHTS) as stored:
        raw = {name: stored[name] for name in stored.files}
    weights = {"word.scale": raw["word.scale"]}
    for name, value in raw.items():
        if name.endswith(".scale"):
            continue
        if name == "word":  # 30,522 rows: only the rows a text uses are turned into floats
            weights[name] = value
        elif value.dtype == np.int8:
            weights[name] = value.astype(np.float32) * raw[name + ".scale"][:, None]
        else:
            weights[name] = value.astype(np.float32)
    return weights


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / (var + EPS) ** 0.5 * gain + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, with erf from Abramowitz & Stegun 7.1.26 (error below 1.5e-7)."""
    import numpy as np

    z = x / 2**0.5
    sign = np.sign(z)
    a = np.abs(z)
    t = 1 / (1 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = sign * (1 - poly * np.exp(-a * a))
    return 0.5 * x * (1 + erf)


@cache
def _one_thread():
    """numpy's BLAS limited to one thread while the encoder runs: for one small matrix product at
    a time, more threads only wait for each other (10-13 ms a phrase alone, 156-365 ms with two
    threads on a busy two-core machine)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@lru_cache(maxsize=64)  # a phrase is embedded once for scoring and once for its example
def embed(text: str) -> np.ndarray:
    """The unit-length 384-number meaning of `text` (mean of the last layer over its tokens)."""
    with _one_thread().limit(limits=1, user_api="blas"):
        return _forward(token_ids(text))


def _forward(ids: list[int]) -> np.ndarray:
    import numpy as np

    w = _weights()
    word = w["word"][ids].astype(np.float32) * w["word.scale"][ids, None]
    x = word + w["position"][: len(ids)] + w["token_type"][0]
    x = _layer_norm(x, w["embed_ln.g"], w["embed_ln.b"])
    n, width = x.shape
    head = width // HEADS
    for i in range(LAYERS):
        p = f"l{i}."
        q, k, v = (
            (x @ w[p + name].T + w[p + name + ".b"]).reshape(n, HEADS, head).transpose(1, 0, 2)
            for name in ("q", "k", "v")
        )
        scores = q @ k.transpose(0, 2, 1) / head**0.5
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(1, 0, 2).reshape(n, width)
        x = _layer_norm(x + context @ w[p + "o"].T + w[p + "o.b"], w[p + "ln1.g"], w[p + "ln1.b"])
        hidden = _gelu(x @ w[p + "up"].T + w[p + "up.b"])
        x = _layer_norm(
            x + hidden @ w[p + "down"].T + w[p + "down.b"], w[p + "ln2.g"], w[p + "ln2.b"]
        )
    pooled = x.mean(0)
    return pooled / (np.linalg.norm(pooled) or 1.0)


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@cache
def _train_cache() -> dict[str, np.ndarray]:
    import numpy as np

    if not TRAIN_CACHE.is_file():
        return {}
    with np.load(TRAIN_CACHE) as stored:
        keys, vectors = stored["keys"], stored["vectors"].astype(np.float32)
    return {str(key): vector for key, vector in zip(keys, vectors, strict=True)}


def embed_many(texts: list[str]) -> np.ndarray:
    """Embeddings for `texts`, from the shipped cache of training phrasings where it has them."""
    import numpy as np

    stored = _train_cache()  # each embed limits BLAS to one thread itself
    keys = [text_key(t) for t in texts]
    return np.array(
        [stored[k] if k in stored else embed(t) for k, t in zip(keys, texts, strict=True)]
    )


class MiniLM:
    """The encoder as an object (classify.SentenceEncoder): what the meaning signal calls."""

    def embed(self, text: str) -> np.ndarray:
        return embed(text)

    def embed_many(self, texts: list[str]) -> np.ndarray:
        return embed_many(texts)
