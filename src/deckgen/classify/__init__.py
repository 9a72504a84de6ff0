"""Map an executive's own words to a blocker, with a confidence and the cues that decided it.

Two explainable signals, combined: a hand-written cue lexicon (phrases that mark a blocker) and a
TF-IDF model trained at load time on the labelled phrasings shipped with deckgen, which scores each
blocker by its centroid, by its three nearest training phrasings and by how the opening clause
reads (the concern an executive leads with is the primary one). Deterministic, offline, no ML
dependencies.
"""

from __future__ import annotations

import math

from msgspec import structs

from deckgen.classify.cues import LEAD_BONUS, cue_scores, fold
from deckgen.classify.model import (
    CentroidModel,
    Meaning,
    SentenceEncoder,
    features,
    first_clause,
    train,
)
from deckgen.classify.shipped import cached_lexical_model, default_model
from deckgen.models import Classification

__all__ = [
    "CUE_WEIGHT",
    "LEAD_BONUS",
    "SECOND_CUE_MIN",
    "SIM_WEIGHT",
    "TEMPERATURE",
    "UNSURE_BELOW",
    "CentroidModel",
    "Meaning",
    "SentenceEncoder",
    "apply_decision_rules",
    "cached_lexical_model",
    "classify_objection",
    "combine",
    "cue_scores",
    "default_model",
    "features",
    "first_clause",
    "fold",
    "is_close",
    "probabilities",
    "rank",
    "remembered_classification",
    "train",
]

# Combination constants, chosen by 5-fold cross-validation on the training file only
# (tools/calibrate_classifier.py, with LEAD_BONUS in cues.py and the signal weights in model.py);
# the test file never informs them.
SIM_WEIGHT = 10.0
CUE_WEIGHT = 0.25
TEMPERATURE = 1.0
UNSURE_BELOW = 0.6  # below this confidence the build warns and asks for an explicit blocker
SECOND_CUE_MIN = 3.0  # cue score at which a second blocker counts as clearly expressed


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


def remembered_classification(text: str) -> Classification:
    """`classify_objection(text)` with the shipped model, kept in deckgen's cache folder by the
    text and everything that decides the answer (shipped.answer_code): the same words classified
    again answer without loading the encoder (~0.2 s and ~100 MB). With caching off (or an
    unusable cache folder) the answer is worked out every time."""
    import contextlib
    import hashlib
    import marshal

    from deckgen.cachefiles import store as signed_store
    from deckgen.classify.shipped import answer_code
    from deckgen.resources import cache_root

    root = cache_root()
    if root is None:
        return classify_objection(text)
    key = hashlib.sha256(b"classification-1\0" + answer_code() + text.encode()).hexdigest()
    store = signed_store(root / "classifications", "classifications")
    payload = store.get(key[:32])
    if payload is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            fields = marshal.loads(payload)
            return Classification(*fields[:5], tuple(fields[5]), *fields[6:])
    found = classify_objection(text)
    with contextlib.suppress(OSError, ValueError):  # a read-only folder only costs the encoder
        store.put(key[:32], marshal.dumps(structs.astuple(found)))
    return found


def is_close(result: Classification) -> bool:
    """True when the executive clearly expressed a second concern (its own cues reach
    SECOND_CUE_MIN): only then does it get a slide. A runner-up that is merely close in score is
    ambiguity about one concern, not a second one, and is never answered as if it were said."""
    return bool(result.secondary) and result.secondary != "none" and result.secondary_clear
