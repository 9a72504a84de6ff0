"""The learned part: TF-IDF over word and character n-grams, one centroid per blocker, nearest
training phrasings, the leading clause and, with the sentence encoder, meaning (Meaning).

Trained from the shipped labelled phrasings (deterministic: no randomness anywhere).
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any, Protocol

from msgspec import Struct, field

from deckgen.classify.cues import concept_patterns, fold

_WORD = re.compile(r"[a-z0-9&']+")
SECONDARY_WEIGHT = 0.5  # how much a phrasing counts towards the centroid of its second label
# The signals' weights below, NEIGHBOUR_WEIGHT to MEANING_WEIGHT, are cross-validated with the
# combination constants in classify/__init__.py (tools/calibrate_classifier.py).
NEIGHBOURS = 3  # how many of a label's closest training phrasings vote for it
NEIGHBOUR_WEIGHT = 1.0
LEAD_CLAUSE_WEIGHT = 0.5
MEANING_WEIGHT = 1.0  # the sentence encoder's say (deckgen/encoder.py)
CONCEPT_WEIGHT = 3.0  # a concept token counts like a word seen three times


@cache
def _word_features(word: str) -> tuple[tuple[str, float], ...]:
    """What one word contributes wherever it appears: itself, its concepts, its 3-4-grams."""
    items = [("w:" + word, 1.0)]
    items += [
        ("k:" + name, CONCEPT_WEIGHT) for name, rx in concept_patterns().items() if rx.match(word)
    ]
    padded = f" {word} "
    items += [("c:" + padded[j : j + n], 1.0) for n in (3, 4) for j in range(len(padded) - n + 1)]
    return tuple(items)


def features(text: str) -> dict[str, float]:
    """Sublinear term frequencies of word uni/bigrams, concepts and in-word character 3-4-grams."""
    words = _WORD.findall(fold(text))
    counts: dict[str, float] = {}
    for i, word in enumerate(words):
        for key, value in _word_features(word):
            counts[key] = counts.get(key, 0) + value
        if i:
            key = f"b:{words[i - 1]} {word}"
            counts[key] = counts.get(key, 0) + 1
    return {k: 1 + math.log(v) for k, v in counts.items()}


def _normalise(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


# The concern an executive leads with is the primary one, so the first clause of a long turn
# gets a say of its own (LEAD_CLAUSE_WEIGHT) next to the whole text.
_CLAUSE = re.compile(r"[.;:!?]+\s|,\s*(?:and|but|so|plus)\s|\s(?:and|but|plus|also)\s|\s-\s|,\s")


def first_clause(text: str) -> str:
    """The opening clause of at least three words, or the whole text when there is only one."""
    parts = [part for part in _CLAUSE.split(text) if len(part.split()) >= 3]
    return parts[0] if parts else text


class CentroidModel(Struct, frozen=True):
    """TF-IDF centroids per label, plus the training phrasings themselves for nearest neighbours."""

    idf: dict[str, float]
    centroids: dict[str, dict[str, float]]
    labels: tuple[str, ...] = ()  # the primary label of each training phrasing
    postings: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)
    meaning: Meaning | None = None  # sentence-encoder view of the same phrasings

    def vector(self, text: str) -> dict[str, float]:
        return _normalise({k: v * self.idf[k] for k, v in features(text).items() if k in self.idf})

    def similarities(self, vec: dict[str, float]) -> dict[str, float]:
        return {
            label: sum(w * centroid.get(k, 0.0) for k, w in vec.items())
            for label, centroid in self.centroids.items()
        }

    def neighbours(self, vec: dict[str, float]) -> dict[str, float]:
        """Per label, the mean cosine similarity of its NEIGHBOURS closest training phrasings."""
        dots = [0.0] * len(self.labels)
        for key, weight in vec.items():
            for index, value in self.postings.get(key, ()):
                dots[index] += weight * value
        per_label: dict[str, list[float]] = {}
        for label, dot in zip(self.labels, dots, strict=True):
            per_label.setdefault(label, []).append(dot)
        return {
            label: sum(sorted(values, reverse=True)[:NEIGHBOURS]) / NEIGHBOURS
            for label, values in per_label.items()
        }

    def scores(self, text: str, vec: dict[str, float] | None = None) -> dict[str, float]:
        """Similarity of `text` (whose `vector` may be passed in) to each label: centroid, nearest
        phrasings, leading clause and, with the sentence encoder, meaning."""
        vec = self.vector(text) if vec is None else vec
        sims = self.similarities(vec)
        near = self.neighbours(vec)
        lead = first_clause(text)
        lead_sims = self.similarities(self.vector(lead)) if lead != text else sims
        meant = self.meaning.scores(text) if self.meaning else {}
        return {
            label: sims[label]
            + NEIGHBOUR_WEIGHT * near.get(label, 0.0)
            + LEAD_CLAUSE_WEIGHT * lead_sims[label]
            + MEANING_WEIGHT * meant.get(label, 0.0)
            for label in sims
        }


class SentenceEncoder(Protocol):
    """What the meaning signal needs from an encoder: unit-length vectors for texts. The real one
    is deckgen.encoder.MiniLM; tests may pass a small fake."""

    def embed(self, text: str) -> Any: ...

    def embed_many(self, texts: list[str]) -> Any: ...


class Meaning(Struct, frozen=True):
    """The training phrasings as sentence-encoder vectors (rows of `matrix`), with their labels."""

    labels: tuple[str, ...]
    texts: tuple[str, ...]
    matrix: Any  # numpy array, one unit-length row per phrasing
    centroids: dict[str, Any]  # unit-length mean vector per label
    encoder: SentenceEncoder

    @staticmethod
    def fit(
        texts: list[str], labels: tuple[str, ...], encoder: SentenceEncoder | None = None
    ) -> Meaning:
        import numpy as np

        if encoder is None:
            from deckgen.encoder import MiniLM

            encoder = MiniLM()
        matrix = encoder.embed_many(texts)
        centroids = {}
        for label in sorted(set(labels)):
            mean = matrix[np.array([x == label for x in labels])].mean(0)
            centroids[label] = mean / (np.linalg.norm(mean) or 1.0)
        return Meaning(labels, tuple(texts), matrix, centroids, encoder)

    def scores(self, text: str) -> dict[str, float]:
        """Per label: cosine to its centroid plus the mean of its NEIGHBOURS closest phrasings."""
        query = self.encoder.embed(text)
        sims = self.matrix @ query
        per_label: dict[str, list[float]] = {}
        for label, sim in zip(self.labels, sims.tolist(), strict=True):
            per_label.setdefault(label, []).append(sim)
        return {
            label: float(centroid @ query)
            + sum(sorted(per_label[label], reverse=True)[:NEIGHBOURS]) / NEIGHBOURS
            for label, centroid in self.centroids.items()
        }

    def nearest(self, text: str, label: str) -> str:
        """The training phrasing of `label` closest in meaning to `text` (shown as an example)."""
        sims = (self.matrix @ self.encoder.embed(text)).tolist()
        best = max(
            (i for i, own in enumerate(self.labels) if own == label),
            key=sims.__getitem__,
            default=None,
        )
        return "" if best is None else self.texts[best]


def train(examples: list[tuple[str, str, str | None]], meaning: bool = True) -> CentroidModel:
    """Fit IDF weights, one L2-normalised centroid per label and an index of every phrasing;
    with `meaning`, also the sentence-encoder vectors of every phrasing."""
    docs = [features(text) for text, _, _ in examples]
    df: dict[str, int] = {}
    for doc in docs:
        for key in doc:
            df[key] = df.get(key, 0) + 1
    n = len(docs)
    idf = {k: math.log((1 + n) / (1 + d)) + 1 for k, d in df.items()}
    sums: dict[str, dict[str, float]] = {}
    postings: dict[str, list[tuple[int, float]]] = {}
    labels = tuple(label for _, label, _ in examples)
    for index, (doc, (_, label, secondary)) in enumerate(zip(docs, examples, strict=True)):
        vec = _normalise({k: v * idf[k] for k, v in doc.items()})
        for k, v in vec.items():
            postings.setdefault(k, []).append((index, v))
        for target, weight in ((label, 1.0), (secondary, SECONDARY_WEIGHT)):
            if target is None:
                continue
            acc = sums.setdefault(target, {})
            for k, v in vec.items():
                acc[k] = acc.get(k, 0.0) + weight * v
    return CentroidModel(
        idf,
        {label: _normalise(vec) for label, vec in sorted(sums.items())},
        labels,
        {k: tuple(v) for k, v in postings.items()},
        Meaning.fit([text for text, _, _ in examples], labels) if meaning else None,
    )
