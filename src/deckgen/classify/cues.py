"""The cue lexicon (data/cues.yaml): spelling folds, cue phrases per blocker and word concepts."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pydantic import ConfigDict, Field, ValidationInfo, model_validator

from deckgen.load.schema import Strict
from deckgen.load.validated import revalidating


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
    def _valid(self, info: ValidationInfo) -> _CueFile:
        from deckgen.blockers import BLOCKERS

        unknown = [slug for slug in self.cues if slug not in BLOCKERS]
        if unknown:
            raise ValueError(f"cues for unknown blocker(s): {', '.join(unknown)}")
        if revalidating(info):
            return self  # its patterns compiled when the file was read
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


# Chosen with the combination constants in classify/__init__.py, by 5-fold cross-validation on
# the training file only (tools/calibrate_classifier.py).
LEAD_BONUS = 0.5


@cache
def concept_patterns() -> dict[str, re.Pattern[str]]:
    # Word-level concepts: many words, one meaning. The centroids learn how concepts combine
    # (money + return -> no-roi; money + afford -> too-expensive), which generalises beyond the
    # exact phrasings in the training file.
    return {name: re.compile(rf"^({pattern})$") for name, pattern in _cue_file().concepts.items()}


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
