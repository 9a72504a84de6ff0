"""The specifics an executive's words name besides the blocker (data/specifics.yaml): a source
they distrust, ... Each one found changes what the deck brings."""

from __future__ import annotations

import re
from functools import cache

from msgspec import Struct, field
from pydantic import Field, ValidationInfo, field_validator, model_validator

from deckgen.load.schema import Strict
from deckgen.load.validated import revalidating


class SpecificFit(Strict):
    """What a specific changes in which evidence fits (select/fit.py Audience)."""

    distrusts_sponsored: bool = False
    on_site: bool = False
    same_industry: bool = False


class _Specific(Strict):
    means: str = Field(description="What it says about the executive, in words for reports.")
    changes: str = Field(description="What it changes in the deck.")
    patterns: list[str] = Field(
        min_length=1, description="Regular expressions over folded, lower-cased words."
    )
    fit: SpecificFit = Field(default_factory=SpecificFit)
    lines: dict[str, str] = Field(
        default_factory=dict, description="Slide role -> a line template for that slide."
    )
    titles: dict[str, str] = Field(
        default_factory=dict, description="Slide role -> a title tried before the storyline's."
    )
    coach: str = Field("", description="For the presenter when the deck cannot answer it.")
    answers: str | None = Field(
        None,
        description="The blocker this specific raises: a deck for another blocker adds a slide "
        "answering it (the second-concern slide).",
    )

    @field_validator("answers")
    @classmethod
    def _blocker(cls, slug: str | None) -> str | None:
        from deckgen.blockers import BLOCKERS

        if slug is not None and (slug not in BLOCKERS or slug == "none"):
            raise ValueError(f"unknown blocker '{slug}'")
        return slug

    @field_validator("lines", "titles")
    @classmethod
    def _roles(cls, lines: dict[str, str]) -> dict[str, str]:
        from deckgen.load.storyline import Role

        unknown = [r for r in lines if r not in Role.__args__]
        if unknown:
            raise ValueError(f"unknown slide role(s) {', '.join(unknown)}")
        return lines


class _SpecificsFile(Strict):
    specifics: dict[str, _Specific]

    @model_validator(mode="after")
    def _valid(self, info: ValidationInfo) -> _SpecificsFile:
        if revalidating(info):
            return self  # its patterns compiled when the file was read
        for name, spec in self.specifics.items():
            for i, pattern in enumerate(spec.patterns):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(
                        f"specifics.{name}.patterns[{i}]: not a regular expression ({exc})"
                    ) from None
        return self


class Specific(Struct, frozen=True):
    name: str
    means: str
    changes: str
    words: str  # what in the executive's words matched
    fit: SpecificFit = field(default_factory=SpecificFit)
    lines: tuple[tuple[str, str], ...] = ()  # (slide role, line template)
    titles: tuple[tuple[str, str], ...] = ()  # (slide role, title template)
    coach: str = ""
    answers: str | None = None  # the blocker it raises, answered on its own slide


@cache
def _table() -> dict[str, tuple[_Specific, tuple[re.Pattern[str], ...]]]:
    from deckgen.load.datafiles import read_data

    data = read_data("specifics", _SpecificsFile)
    return {
        name: (spec, tuple(re.compile(p) for p in spec.patterns))
        for name, spec in data.specifics.items()
    }


def find_specifics(said: str | None) -> tuple[Specific, ...]:
    """The specifics named in `said`, in data-file order, each with the words that named it."""
    if not said:
        return ()
    from deckgen.classify.cues import fold

    text = fold(said.lower())
    found = []
    for name, (spec, patterns) in _table().items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                found.append(
                    Specific(
                        name,
                        spec.means,
                        spec.changes,
                        match.group(0).strip(),
                        spec.fit,
                        tuple(spec.lines.items()),
                        tuple(spec.titles.items()),
                        spec.coach,
                        spec.answers,
                    )
                )
                break
    return tuple(found)


def changes() -> dict[str, str]:
    """Specific -> what it changes in the deck, in words for reports."""
    return {name: spec.changes for name, (spec, _) in _table().items()}
