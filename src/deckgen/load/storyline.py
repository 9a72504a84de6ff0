"""Load a storyline (`decks/<name>.yaml`): the ordered slides of a deck, with their text templates.

A storyline may `extends: default`; its slides are then listed in its own order, and any field a
slide leaves out is taken from the parent's slide with the same role.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.load.schema import Strict, validate
from deckgen.load.yamlfile import load_yaml
from deckgen.resources import decks_dir
from deckgen.words import TITLE_MAX

Role = Literal[
    "title",
    "exec_summary",
    "acknowledge",
    "reframe",
    "kpis",
    "trend",
    "cost",
    "benchmark",
    "evidence",
    "secondary",
    "options",
    "how",
    "ask",
    "divider",
    "cards",
    "cost_detail",
    "sources",
    "limits",
    "appendix",
]

# Roles that begin and fill the appendix: read, not projected (deck-grammar.md).
APPENDIX_ROLES = frozenset(
    {"divider", "cards", "cost_detail", "kpis", "appendix", "sources", "limits"}
)
STORY_MAX = 9  # story slides after the title slide (a 10-minute board slot)


class Want(Strict):
    """What an evidence slot asks for; the best remaining item that fits is chosen."""

    argues: list[str] = Field(
        default_factory=list,
        description="The arguments the slot needs (data/arguments.yaml), first preferred; an item "
        "must make one of them. Never evidence ids: which item wins is a matter of fit.",
    )
    blocker: str | None = Field(None, description="Answer this blocker (default: the deck's).")
    kinds: list[str] = Field(default_factory=list, description="Only these kinds, if any fit.")
    grades: list[Literal["A", "B", "C"]] = Field(default_factory=list)
    chart: bool = Field(False, description="Prefer items with chart data.")
    purpose: str = Field("", description="Why this slot exists, for --explain.")

    @field_validator("argues")
    @classmethod
    def _known(cls, names: list[str]) -> list[str]:
        from deckgen.load.evidence import arguments

        known = arguments()
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(
                f"unknown argument(s) {', '.join(unknown)}; data/arguments.yaml has: "
                f"{', '.join(known)}"
            )
        return names


class CellSpec(Strict):
    """One figure of a row of cards: `value` set large, `label` in at most 8 words."""

    value: str = Field(description="Template for the figure; a cell rendering empty is dropped.")
    label: str = Field("", description="Template: what the figure is, in a few words.")
    heading: str = Field("", description="Template: the step's name above the figure.")


class RawSlide(Strict):
    role: Role
    layout: str | None = None
    title: list[str] | None = None
    subtitle: str | None = None
    tag: str | None = None
    cells: list[CellSpec] | None = None
    rows: list[list[str]] | None = None
    bullets: list[str] | None = None
    notes: str | None = None
    repeat: int | None = Field(None, ge=1, le=6)
    want: Want | list[Want] | None = None


class SlideSpec(Strict):
    role: Role = Field(description="What the slide does in the argument.")
    layout: str = Field(description="Theme layout role: title, content, title_only ...")
    title: list[str] = Field(min_length=1, description="Title templates; the first that fits wins.")
    subtitle: str = Field("", description="Template for the title slide's subtitle.")
    tag: str = Field("", description="A small label above the body ('For decision').")
    cells: list[CellSpec] = Field(
        default_factory=list, description="Figures set large: DECISION, BIG NUMBER, steps."
    )
    rows: list[list[str]] = Field(
        default_factory=list,
        description="A table's cell templates, header row first (OPTIONS, ROADMAP); a row whose "
        "cells after the first all render empty is dropped.",
    )
    bullets: list[str] = Field(default_factory=list, description="Bullet templates; empty drop.")
    notes: str = Field(min_length=1, description="Speaker-notes template (the talk track).")
    repeat: int = Field(1, ge=1, le=6, description="Evidence slides: how many to make.")
    want: list[Want] = Field(default_factory=list, description="Evidence slots, one per slide.")


class RawStoryline(Strict):
    name: str
    description: str
    extends: str | None = None
    trim: list[Role] | None = None
    slides: list[RawSlide] = Field(min_length=3)


class Storyline(Strict):
    name: str
    description: str
    trim: list[Role] = Field(
        default_factory=list,
        description="When the story would run past STORY_MAX slides: the roles given up first "
        "(a repeated role loses one slide at a time).",
    )
    slides: list[SlideSpec] = Field(min_length=3)


def _merge(raw: RawSlide, parent: SlideSpec | None, where: str) -> SlideSpec:
    data = parent.model_dump() if parent else {}
    for key, value in raw.model_dump(exclude_none=True).items():
        data[key] = value
    if isinstance(data.get("want"), dict):
        data["want"] = [data["want"]]
    if raw.role == "evidence" and raw.repeat is None and raw.want is not None:
        data["repeat"] = len(data["want"])  # an entry's own slots decide how many slides it makes
    missing = [k for k in ("layout", "title", "notes") if k not in data]
    if missing:
        raise InputError(
            Problem(
                where,
                f"slide '{raw.role}' has no parent slide to inherit "
                f"from; give {', '.join(missing)}",
            )
        )
    return SlideSpec.model_validate(data)


# Longest text a template name can put into a title. Names not listed (the organisation's name,
# the ask, the executive's words) have no limit, so a storyline's last title must not use them.
_NUMBER = 16  # a formatted figure or date: "EUR 1,234.5m", "31 December 2026"
_TITLE_NAME_BOUNDS: dict[str, int] = {
    "evidence.headline": TITLE_MAX,  # the library's lint holds headlines to TITLE_MAX
    **{f"cost.{k}": _NUMBER for k in ("total_low", "total_high", "turnover_low", "turnover_high")},
    **{f"trend.{k}": _NUMBER for k in ("first", "last", "first_period", "last_period")},
    **{f"trends.{k}": _NUMBER for k in ("total", "worsening", "first_period")},
    **{k: _NUMBER for k in ("break_even", "date", "ask.cost", "ask.decision_by", "kpi_count")},
    "gap.abs": _NUMBER,
    "cost.what": len("Turnover and absence"),
    "cost.costs": len("costs"),
    "gap.word": len("below"),
}
_EXPRESSION = re.compile(r"{{-?\s*([A-Za-z_][A-Za-z0-9_.]*)[^}]*}}")
_STATEMENT = re.compile(r"{%.*?%}|{#.*?#}", re.S)


def _name_bound(name: str) -> int | None:
    """Longest text `name` can render to in a title, or None if it has no limit."""
    from deckgen.blockers import BLOCKERS
    from deckgen.kpis import CATALOG

    head, _, field = name.partition(".")
    if head in ("blocker", "follow_up") and field:
        lengths = [len(str(getattr(b, field, ""))) for b in BLOCKERS.values()]
        return max(lengths) if any(hasattr(b, field) for b in BLOCKERS.values()) else None
    if name in ("trend.label", "gap.label"):
        return max(len(spec.label) for spec in CATALOG.values())
    return _TITLE_NAME_BOUNDS.get(name)


def title_bound(template: str) -> int | None:
    """The longest title `template` can produce (every branch counted), or None if unbounded."""
    total = len(_STATEMENT.sub("", _EXPRESSION.sub("", template)))
    for name in _EXPRESSION.findall(template):
        bound = _name_bound(name)
        if bound is None:
            return None
        total += bound
    return total


def _check_titles(slides: list[SlideSpec], where: str) -> list[Problem]:
    """Every plain title fits, and the last of each slide's titles fits whatever the inputs: a
    title is never cut at build time ("...the organisation you hand over is your")."""
    problems = []
    for i, slide in enumerate(slides):
        for j, title in enumerate(slide.title):
            key = f"slides[{i}] ({slide.role}): title[{j}]"
            if "{" not in title and len(title) > TITLE_MAX:
                problems.append(
                    Problem(
                        where,
                        f"{key}: {len(title)} characters; a title must fit in {TITLE_MAX} "
                        f"(about two lines), so shorten it: '{title}'",
                    )
                )
        last = slide.title[-1]
        bound = title_bound(last)
        if "{" in last and (bound is None or bound > TITLE_MAX):
            why = (
                "uses text with no length limit"
                if bound is None
                else f"can reach {bound} characters"
            )
            problems.append(
                Problem(
                    where,
                    f"slides[{i}] ({slide.role}): the last title '{last}' {why}; end the list "
                    f"with a title that always fits in {TITLE_MAX} characters (plain text, or "
                    "figures and blocker wording only)",
                )
            )
    return problems


def load_storyline(name: str = "default", _seen: tuple[str, ...] = ()) -> Storyline:
    path = decks_dir() / f"{name}.yaml"
    if not path.is_file():
        raise DeckgenError(f"storyline '{name}' not found in {decks_dir()}")
    if name in _seen:
        raise DeckgenError(f"decks/{name}.yaml: storylines extend each other in a loop")
    raw = validate(RawStoryline, load_yaml(path, f"decks/{name}.yaml"))
    parent = load_storyline(raw.extends, (*_seen, name)) if raw.extends else None
    by_role = {s.role: s for s in reversed(parent.slides)} if parent else {}
    slides = [_merge(s, by_role.get(s.role), f"decks/{name}.yaml") for s in raw.slides]
    problems = _check_titles(slides, f"decks/{name}.yaml")
    if problems:
        raise InputError(problems)
    trim = raw.trim if raw.trim is not None else (parent.trim if parent else [])
    return Storyline(name=raw.name, description=raw.description, trim=trim, slides=slides)


def storyline_for(blocker: str) -> str:
    """The storyline file for a blocker: its own if it exists, else the fallback."""
    if blocker == "none":
        return "none"
    return blocker if (decks_dir() / f"{blocker}.yaml").is_file() else "fallback"
