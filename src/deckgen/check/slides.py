"""A built deck as the rules see it: its slides (title, shapes, notes, role), and the words they
read titles with (data/checker.yaml)."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from msgspec import Struct, field
from pydantic import Field

from deckgen.check.deck import Box, Colors, TextRun, box_of, flatten, frame_text, runs_of
from deckgen.check.findings import Finding
from deckgen.load.schema import Strict

BODY_MIN_PT, SOURCE_MIN_PT = 18, 10
NOTES_MIN_WORDS = 15  # a talk track: 15 to 130 words (deck-grammar.md)


class _CheckerWords(Strict):
    """data/checker.yaml: the words the rules read titles with."""

    nav_titles: str = Field(description="Regular expression: titles that navigate, not argue.")
    topic_labels: list[str] = Field(description="Titles that only name a topic.")
    decision: str = Field(description="Regular expression: words that ask for a decision.")
    base_verbs: list[str] = Field(description="Verbs; their -s, -es, -ed, -d and -ing forms too.")
    verbs: list[str] = Field(description="Other verb forms, counted as they are.")
    reference_titles: str = Field(description="Regular expression: titles that start the appendix.")
    data_keys: str = Field(description="Regular expression: file names and data keys (DG-06).")
    notes_internal: list[str] = Field(description="Words notes must not say (DG-07).")


def _data() -> _CheckerWords:
    from deckgen.load.datafiles import read_data

    return read_data("checker", _CheckerWords)


def _words(data: _CheckerWords) -> tuple[re.Pattern[str], set[str], re.Pattern[str], set[str]]:
    verbs = set(data.verbs)
    for verb in data.base_verbs:
        verbs |= {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"}
        if verb.endswith("y"):
            verbs.add(verb[:-1] + "ies")
    return (
        re.compile(data.nav_titles, re.I),
        set(data.topic_labels),
        re.compile(data.decision, re.I),
        verbs,
    )


def _internal(words: list[str]) -> re.Pattern[str]:
    """One pattern for the notes' internal words: whole words, a plural -s allowed."""
    parts = [re.escape(w) + (r"s?\b" if w[-1].isalnum() else "") for w in words]
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.I)


_DATA = _data()
NAV_TITLES, TOPIC_LABELS, DECISION, VERBS = _words(_DATA)
REFERENCE_TITLES = re.compile(_DATA.reference_titles, re.I)
DATA_KEYS = re.compile(_DATA.data_keys, re.I)
NOTES_INTERNAL = _internal(_DATA.notes_internal)
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


class Slide(Struct, dict=True):  # dict: room for its cached_property
    number: int
    slide: Any
    title: str
    boxes: list[Box]
    notes: str
    role: str | None  # from the manifest, when there is one
    key: tuple[str, str] | None = None  # (layout, XML digest): what per-slide findings are kept by
    _runs: dict[int, tuple[Any, list[TextRun]]] = field(default_factory=dict)

    @cached_property
    def colors(self) -> Colors:
        return Colors(self.slide)

    def runs(self, holder) -> list[TextRun]:
        """runs_of(holder), worked out once per shape or cell for all the rules that ask."""
        key = id(holder)
        if key not in self._runs:
            self._runs[key] = (holder, runs_of(holder, self.colors))  # holder kept: id stays its
        return self._runs[key][1]


def slides_of(prs, manifest: dict | None) -> list[Slide]:
    roles = {s["number"]: s["role"] for s in manifest["slides"]} if manifest else {}
    out = []
    for n, slide in enumerate(prs.slides, 1):
        title_shape = slide.shapes.title
        title = (
            frame_text(title_shape.text_frame).strip()
            if title_shape is not None and title_shape.has_text_frame
            else ""
        )
        boxes = [b for b in (box_of(s) for s in flatten(slide.shapes)) if b is not None]
        frame = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        notes = frame_text(frame) if frame is not None else ""
        out.append(Slide(n, slide, title, boxes, notes, roles.get(n)))
    return out


def finding(rule: str, sev: str, slide: int | None, shape: str, msg: str) -> Finding:
    return Finding(rule, sev, slide, shape, msg)  # type: ignore[arg-type]


def is_content(s: Slide, count: int) -> bool:
    return s.number != 1 and not NAV_TITLES.match(s.title)


def body_text(s: Slide) -> str:
    return "\n".join(
        b.shape.text_frame.text for b in s.boxes if b.kind == "text" and not b.is_title
    )
