"""Map an executive's own words to a blocker, with a confidence and the cues that decided it.

Two explainable signals, combined: a hand-written cue lexicon (phrases that mark a blocker) and a
TF-IDF model trained at load time on the labelled phrasings shipped with deckgen, which scores each
blocker by its centroid, by its three nearest training phrasings and by how the opening clause
reads (the concern an executive leads with is the primary one). Deterministic, offline, no ML
dependencies.
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from pydantic import ConfigDict, Field, model_validator

from deckgen.load.schema import Strict
from deckgen.models import Classification


class _Fold(Strict):
    model_config = ConfigDict(str_strip_whitespace=False)  # a replacement of " " is meant

    pattern: str = Field(description="Regular expression for a spelling variant.")
    replace: str = Field(description="What it becomes (British spelling).")


class _Cue(Strict):
    pattern: str = Field(description="Regular expression over folded, lower-cased text.")
    weight: float = Field(gt=0, le=10)


class _CueFile(Strict):
    """data/cues.yaml: spelling folds, cue patterns per blocker, and word concepts."""

    fold: list[_Fold]
    cues: dict[str, list[_Cue]]
    concepts: dict[str, str]

    @model_validator(mode="after")
    def _valid(self) -> _CueFile:
        from deckgen.blockers import BLOCKERS

        unknown = [slug for slug in self.cues if slug not in BLOCKERS]
        if unknown:
            raise ValueError(f"cues for unknown blocker(s): {', '.join(unknown)}")
        patterns = [(f"fold[{i}]", f.pattern) for i, f in enumerate(self.fold)]
        patterns += [
            (f"cues.{slug}[{i}]", c.pattern) for slug, cues in self.cues.items()
            for i, c in enumerate(cues)
        ]  # fmt: skip
        patterns += [(f"concepts.{name}", p) for name, p in self.concepts.items()]
        for where, pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{where}: not a regular expression ({exc})") from None
        return self


@cache
def _cue_file() -> _CueFile:
    from deckgen.load.datafiles import read_data

    return read_data("cues", _CueFile)


@cache
def _compiled() -> dict[str, list[tuple[re.Pattern[str], float]]]:
    """The cue patterns, compiled on first use (a build with given blockers never needs them)."""
    return {
        slug: [(re.compile(c.pattern), c.weight) for c in cues]
        for slug, cues in _cue_file().cues.items()
    }


# Combination constants, chosen by 5-fold cross-validation on the training file only
# (tools/calibrate_classifier.py); the test file never informs them.
SIM_WEIGHT = 10.0
CUE_WEIGHT = 0.25
TEMPERATURE = 1.0
LEAD_BONUS = 0.5
UNSURE_BELOW = 0.6  # below this confidence the build warns and asks for an explicit blocker
CLOSE_RATIO = 0.5  # a runner-up at least this share of the winner is a real second concern
SECOND_CUE_MIN = 3.0  # cue score at which a second blocker counts as clearly expressed


@cache
def _folds() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(f.pattern), f.replace) for f in _cue_file().fold)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for pattern, repl in _folds():
        text = pattern.sub(repl, text)
    return text.strip()


def cue_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Summed cue weights per blocker, and the phrases that fired.

    The concern an executive leads with is the primary one (blockers.md section 5), so a cue
    counts up to LEAD_BONUS more the earlier it appears.
    """
    folded = fold(text)
    length = max(len(folded), 1)
    scores: dict[str, float] = {}
    fired: dict[str, list[str]] = {}
    for slug, cues in _compiled().items():
        for pattern, weight in cues:
            match = pattern.search(folded)
            if match:
                lead = 1 + LEAD_BONUS * (1 - match.start() / length)
                scores[slug] = scores.get(slug, 0.0) + weight * lead
                phrase = match.group(0).strip()
                fired.setdefault(slug, []).append(
                    phrase if len(phrase) <= 40 else phrase[:37] + "..."
                )
    return scores, fired


# ---------------------------------------------------------------------------------------------
# Learned part: TF-IDF over word and character n-grams, one centroid per blocker, trained at
# load time from the shipped labelled phrasings (deterministic: no randomness anywhere).

_WORD = re.compile(r"[a-z0-9&']+")
SECONDARY_WEIGHT = 0.5
NEIGHBOURS = 3  # how many of a label's closest training phrasings vote for it
NEIGHBOUR_WEIGHT = 1.0
LEAD_CLAUSE_WEIGHT = 0.5
MEANING_WEIGHT = 1.0  # the sentence encoder's say (deckgen/encoder.py)
CONCEPT_WEIGHT = 3.0  # a concept token counts like a word seen three times


@cache
def _concept_res() -> dict[str, re.Pattern[str]]:
    # Word-level concepts: many words, one meaning. The centroids learn how concepts combine
    # (money + return -> no-roi; money + afford -> too-expensive), which generalises beyond the
    # exact phrasings in the training file.
    return {name: re.compile(rf"^({pattern})$") for name, pattern in _cue_file().concepts.items()}


@cache
def _word_features(word: str) -> tuple[tuple[str, float], ...]:
    """What one word contributes wherever it appears: itself, its concepts, its 3-4-grams."""
    items = [("w:" + word, 1.0)]
    items += [
        ("k:" + name, CONCEPT_WEIGHT) for name, rx in _concept_res().items() if rx.match(word)
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


@dataclass(frozen=True)
class CentroidModel:
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


@dataclass(frozen=True)
class Meaning:
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


@cache
def default_model() -> CentroidModel:
    """The model trained on the shipped phrasings. The word part takes ~0.4 s to train, so it is
    kept in deckgen's cache folder, keyed by the training file and this module's code."""
    import dataclasses

    import yaml

    from deckgen.load.yamlfile import SAFE_LOADER
    from deckgen.resources import training_file

    raw = training_file().read_bytes()
    data = yaml.load(raw.decode("utf-8"), Loader=SAFE_LOADER)
    examples = [(d["text"], d["blocker"], d.get("secondary")) for d in data]
    lexical = _cached_lexical_model(raw, examples)
    meaning = Meaning.fit([text for text, _, _ in examples], lexical.labels)
    return dataclasses.replace(lexical, meaning=meaning)


def _cached_lexical_model(raw: bytes, examples: list[tuple[str, str, str | None]]) -> CentroidModel:
    """The word model from deckgen's cache folder (signed marshal data, see cachefiles.py), or
    trained and stored there; with caching off (--no-cache) it is trained and kept in memory."""
    import hashlib
    import marshal
    from pathlib import Path

    from deckgen.cachefiles import store as signed_store
    from deckgen.resources import cache_root, data_dir

    code = Path(__file__).read_bytes() + (data_dir() / "cues.yaml").read_bytes()
    key = hashlib.sha256(raw + code).hexdigest()[:24]
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


def combine(sims: dict[str, float], cues: dict[str, float]) -> dict[str, float]:
    """Softmax over the weighted sum of centroid similarity and cue score."""
    z = {
        label: SIM_WEIGHT * sims.get(label, 0.0) + CUE_WEIGHT * cues.get(label, 0.0)
        for label in sorted(set(sims) | set(cues))
    }
    top = max(z.values())
    exp = {label: math.exp((v - top) / TEMPERATURE) for label, v in z.items()}
    total = sum(exp.values())
    return {label: v / total for label, v in exp.items()}


def _evidence_words(model: CentroidModel, vec: dict[str, float], label: str) -> list[str]:
    centroid = model.centroids.get(label, {})
    weights = [
        (w * centroid.get(k, 0.0), f"[{k[2:]}]" if k[0] == "k" else k[2:])
        for k, w in vec.items()
        if k[0] in "wbk"
    ]
    return [word for weight, word in sorted(weights, reverse=True)[:3] if weight > 0.01]


def apply_decision_rules(probs: dict[str, float], cues: dict[str, float]) -> dict[str, float]:
    """The labelling rules of blockers.md section 5 that the scores alone can get wrong.

    Talk of presence, remote work or monitoring is control-rto "even if output is mentioned": when
    the two lead and presence cues fired, control-rto comes first.
    """
    top = sorted(probs, key=lambda label: (-probs[label], label))[:2]
    if top == ["performance-will-drop", "control-rto"] and cues.get("control-rto", 0.0) > 0:
        probs = {**probs, top[0]: probs[top[1]], top[1]: probs[top[0]]}
    return probs


def probabilities(text: str, model: CentroidModel) -> dict[str, float]:
    cues = cue_scores(text)[0]
    return apply_decision_rules(combine(model.scores(text), cues), cues)


def rank(text: str, model: CentroidModel | None = None) -> list[tuple[str, float]]:
    """Every label with its probability, most likely first (ties by name)."""
    probs = probabilities(text, model or default_model())
    return sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))


def classify_objection(text: str, model: CentroidModel | None = None) -> Classification:
    """The best blocker for `text`, a confidence, the second concern and the deciding cues.

    The second concern is one with strong cues of its own (clearly expressed, per the decision
    rules), otherwise simply the runner-up.
    """
    model = model or default_model()
    if not text.strip():
        return Classification("none", 0.0, "classified")
    vec = model.vector(text)
    cues, fired = cue_scores(text)
    probs = apply_decision_rules(combine(model.scores(text, vec), cues), cues)
    ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))
    best, p1 = ranked[0]
    second, p2 = ranked[1]
    clear = sorted(
        ((v, k) for k, v in cues.items() if k not in (best, "none")), key=lambda t: (-t[0], t[1])
    )
    is_clear = best != "none" and bool(clear) and clear[0][0] >= SECOND_CUE_MIN
    if is_clear:
        second, p2 = clear[0][1], probs.get(clear[0][1], 0.0)
    explain = list(dict.fromkeys([*fired.get(best, []), *_evidence_words(model, vec, best)]))
    example = model.meaning.nearest(text, best) if model.meaning else ""
    return Classification(
        best,
        round(p1, 3),
        "classified",
        second,
        round(p2, 3),
        tuple(explain[:6]),
        is_clear,
        example,
    )


def is_close(result: Classification) -> bool:
    """True when the runner-up is a genuine second concern worth its own slide."""
    return (
        bool(result.secondary)
        and result.secondary != "none"
        and (
            result.secondary_clear or result.secondary_confidence >= CLOSE_RATIO * result.confidence
        )
    )
