"""Load `audience.yaml`: the presenter, the ask, and each executive with their own words."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from deckgen.blockers import ALIASES, BLOCKERS
from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.load.schema import Strict, validate
from deckgen.load.yamlfile import YamlDoc, load_yaml
from deckgen.models import Executive

MAX_TEXT = 4000  # characters of an executive's words kept for the deck


class Person(Strict):
    name: str = Field(min_length=1, description="Full name as shown on the title slide.")
    role: str | None = Field(None, description="Job title, e.g. Chief People Officer.")


class Ask(Strict):
    what: str = Field(min_length=1, description="The decision requested, in plain words.")
    cost: float | None = Field(None, ge=0, description="Cost of the ask in the org currency.")
    decision_by: dt.date | None = Field(None, description="Date the decision is needed by.")
    owner: str | None = Field(None, description="Who will own the work if approved.")


class ExecutiveEntry(Strict):
    name: str = Field(min_length=1, description="The executive's name.")
    role: str | None = Field(None, description="Their role, e.g. CFO.")
    said: str | None = Field(None, description="What they said, in their own words.")
    blocker: str | None = Field(None, description="Explicit blocker slug; overrides classifying.")
    file: str | None = Field(None, description="Output file name (without .pptx) if not the name.")

    @model_validator(mode="after")
    def _said_or_blocker(self) -> ExecutiveEntry:
        if not (self.said and self.said.strip()) and not self.blocker:
            raise ValueError("give `said` (their words) or `blocker` (a slug) for each executive")
        return self


class AudienceFile(Strict):
    presenter: Person | None = Field(None, description="Who presents the deck.")
    date: dt.date | None = Field(None, description="Meeting date shown on the title slide.")
    purpose: Literal["decision", "discussion", "information"] = Field(
        "decision", description="What the paper is for (shown on the title slide)."
    )
    ask: Ask | None = Field(None, description="The decision the decks request.")
    executives: list[ExecutiveEntry] = Field(
        default_factory=list, description="One deck is built per executive."
    )


_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def safe_stem(name: str) -> str:
    """`Jordan Ellis` -> `jordan-ellis`; letters of any script survive, everything else becomes '-'."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(c if (c.isalnum() and c.isprintable()) else "-" for c in text)
    text = re.sub(r"-{2,}", "-", text).strip("-.")
    return text[:80].rstrip("-")


def check_stem(stem: str, name: str) -> str | None:
    """Why `stem` cannot be a file name, or None."""
    if not stem:
        return f"'{name}' leaves no usable file name; add `file: some-name` to this executive"
    if stem in _RESERVED:
        return f"'{stem}' is a reserved device name on Windows; add `file: another-name`"
    return None


def load_audience(root: Path) -> AudienceFile | None:
    path = root / "audience.yaml"
    if not path.exists():
        return None
    doc = load_yaml(path, "audience.yaml")
    if doc.data is None:
        raise InputError(
            Problem("audience.yaml", "the file is empty; expected presenter, ask and executives")
        )
    if not isinstance(doc.data, dict):
        raise InputError(
            Problem("audience.yaml", "expected a mapping with presenter, ask and executives")
        )
    audience = validate(AudienceFile, doc)
    _check_executives(audience, doc)
    return audience


def _check_executives(audience: AudienceFile, doc: YamlDoc) -> None:
    problems: list[Problem] = []
    if not audience.executives:
        problems.append(doc.problem(("executives",), "expected at least one executive"))
    names: dict[str, int] = {}
    stems: dict[str, int] = {}
    for i, entry in enumerate(audience.executives):
        path = ("executives", i)
        key = entry.name.casefold()
        if key in names:
            problems.append(
                doc.problem(
                    (*path, "name"),
                    f"duplicate executive '{entry.name}' (also executives[{names[key]}])",
                )
            )
        names.setdefault(key, i)
        if entry.blocker:
            slug = ALIASES.get(entry.blocker.lower(), entry.blocker.lower())
            if slug not in BLOCKERS:
                import difflib

                hint = difflib.get_close_matches(slug, list(BLOCKERS), n=1, cutoff=0.5)
                tail = f"; did you mean '{hint[0]}'?" if hint else ""
                problems.append(
                    doc.problem((*path, "blocker"), f"unknown blocker '{entry.blocker}'{tail}")
                )
        if entry.file is not None and ("/" in entry.file or "\\" in entry.file):
            problems.append(doc.problem((*path, "file"), "expected a plain file name, got a path"))
            continue
        if entry.file is None and ("/" in entry.name or "\\" in entry.name):
            problems.append(
                doc.problem(
                    (*path, "name"),
                    f"'{entry.name}' contains a path separator; names become file names",
                )
            )
            continue
        stem = safe_stem(entry.file if entry.file is not None else entry.name)
        why = check_stem(stem, entry.file if entry.file is not None else entry.name)
        if why:
            problems.append(doc.problem((*path, "file" if entry.file else "name"), why))
            continue
        if stem in stems:
            problems.append(
                doc.problem(
                    (*path, "name"),
                    f"file name '{stem}.pptx' is also used by "
                    f"executives[{stems[stem]}]; add `file:` to one of them",
                )
            )
        stems.setdefault(stem, i)
    if problems:
        raise InputError(problems)


def executives_from(audience: AudienceFile) -> list[Executive]:
    out = []
    for i, e in enumerate(audience.executives):
        blocker = ALIASES.get(e.blocker.lower(), e.blocker.lower()) if e.blocker else None
        said = e.said.strip()[:MAX_TEXT] if e.said else None
        stem = safe_stem(e.file if e.file is not None else e.name)
        out.append(
            Executive(
                e.name,
                e.role,
                said,
                blocker,
                stem,
                f"audience.yaml executives[{i}]",
                len(e.said or ""),
            )
        )
    return out


def adhoc_executive(name: str | None, objection: str | None, blocker: str | None) -> Executive:
    """The single executive of a `--objection/--blocker` build."""
    display = name or "Executive"
    stem = safe_stem(display)
    why = check_stem(stem, display)
    if why:
        raise DeckgenError(
            f"--exec: {why.replace('; add `file: some-name` to this executive', '')}"
        )
    said = objection.strip()[:MAX_TEXT] if objection and objection.strip() else None
    return Executive(display, None, said, blocker, stem, "--objection", len(objection or ""))
