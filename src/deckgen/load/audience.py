"""Load `audience.yaml`: the presenter, the ask, and each executive with their own words."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from deckgen.blockers import ALIASES, BLOCKERS
from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.load.schema import Amount, LocaleDate, Strict, validate
from deckgen.load.yamlfile import YamlDoc, load_yaml, unholdable
from deckgen.models import Executive

STEM_BYTES = 120  # a deck's file name stem; with ".manifest.json" well under 255 bytes
MAX_TEXT = 4000  # characters of an executive's words kept for the deck


class Person(Strict):
    name: str = Field(min_length=1, max_length=120, description="Full name as on the title slide.")
    role: str | None = Field(
        None, max_length=120, description="Job title, e.g. Chief People Officer."
    )


class Ask(Strict):
    what: str = Field(
        min_length=1, max_length=300, description="The decision requested, in plain words."
    )
    cost: Amount | None = Field(
        None, ge=0, le=1e13, description="Cost of the ask in the org currency."
    )
    decision_by: LocaleDate | None = Field(None, description="Date the decision is needed by.")
    owner: str | None = Field(
        None, max_length=200, description="Who will own the work if approved."
    )


class EvidenceChoice(Strict):
    use: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Evidence ids for this deck: each takes the first slot it fits.",
    )
    avoid: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="Evidence ids never used in this executive's deck.",
    )


class ExecutiveEntry(Strict):
    name: str = Field(min_length=1, max_length=120, description="The executive's name.")
    role: str | None = Field(None, max_length=120, description="Their role, e.g. CFO.")
    said: str | None = Field(None, description="What they said, in their own words.")
    blocker: str | None = Field(None, description="Explicit blocker slug; overrides classifying.")
    file: str | None = Field(
        None, max_length=80, description="Output file name (without .pptx) if not the name."
    )
    evidence: EvidenceChoice | None = Field(
        None, description="Evidence to use or avoid in this executive's deck."
    )

    @model_validator(mode="after")
    def _said_or_blocker(self) -> ExecutiveEntry:
        if not (self.said and self.said.strip()) and not self.blocker:
            raise ValueError("give `said` (their words) or `blocker` (a slug) for each executive")
        return self


class AudienceFile(Strict):
    presenter: Person | None = Field(None, description="Who presents the deck.")
    date: LocaleDate | None = Field(None, description="Meeting date shown on the title slide.")
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
    text = re.sub(r"-{2,}", "-", text).strip("-.")[:80]
    while len(text.encode("utf-8")) > STEM_BYTES:  # file systems count bytes, not letters
        text = text[:-1]
    return text.rstrip("-")


def stem_for(name: str, index: int) -> str:
    """The file name made from a display name: its slug, whatever the name holds ('/', quotes,
    '=HYPERLINK(...)'); a name that leaves nothing ('***') becomes executive-N, and a Windows
    device name ('CON') gets '-deck' so it can be a file everywhere."""
    stem = safe_stem(name) or f"executive-{index + 1}"
    return f"{stem}-deck" if stem in _RESERVED else stem


def check_file_key(file: str) -> str | None:
    """Why a `file:` value cannot name a deck in the output folder, or None."""
    if "/" in file or "\\" in file or file.strip() in (".", ".."):
        return f"expected a plain file name without folders, got '{file}'"
    stem = safe_stem(file)
    if not stem:
        return f"'{file}' leaves no usable file name; use letters or digits"
    if stem in _RESERVED:
        return f"'{stem}' is a reserved device name on Windows; choose another name"
    return None


def load_audience(
    root: Path,
    locale: str = "en-GB",
    currency: str | None = None,
    evidence_ids: frozenset[str] | None = None,
) -> AudienceFile | None:
    """`audience.yaml`, its dates read in the workspace's locale and amounts in its currency;
    `evidence.use`/`avoid` ids checked against the library's when `evidence_ids` is given."""
    path = root / "audience.yaml"
    if not path.exists():
        return None
    return read_audience(path, locale, currency, evidence_ids)


def read_audience(
    path: Path,
    locale: str = "en-GB",
    currency: str | None = None,
    evidence_ids: frozenset[str] | None = None,
) -> AudienceFile:
    """One audience file (named audience.yaml in messages, wherever it is), validated."""
    doc = load_yaml(path, "audience.yaml")
    if doc.data is None:
        raise InputError(
            Problem("audience.yaml", "the file is empty; expected presenter, ask and executives")
        )
    if not isinstance(doc.data, dict):
        raise InputError(
            Problem("audience.yaml", "expected a mapping with presenter, ask and executives")
        )
    from deckgen.fmt import Formatter

    context = {"locale": locale, "currency": currency, "decimal": Formatter(locale).decimal_mark}
    audience = validate(AudienceFile, doc, context=context)
    _check_executives(audience, doc, evidence_ids)
    return audience


def _check_evidence(entry: ExecutiveEntry, path, doc: YamlDoc, known: frozenset[str]):
    """Problems with one executive's `evidence:` ids: unknown (with a did-you-mean), or both
    used and avoided."""
    import difflib

    choice = entry.evidence
    if choice is None:
        return
    for key, ids in (("use", choice.use), ("avoid", choice.avoid)):
        for j, item_id in enumerate(ids):
            where = (*path, "evidence", key, j)
            if item_id not in known:
                hint = difflib.get_close_matches(item_id, sorted(known), n=1, cutoff=0.6)
                tail = f"; did you mean '{hint[0]}'?" if hint else " (see `deckgen evidence list`)"
                yield doc.problem(where, f"unknown evidence item '{item_id}'{tail}")
            elif key == "avoid" and item_id in choice.use:
                yield doc.problem(where, f"'{item_id}' is in both use and avoid; keep one")


def _check_executives(
    audience: AudienceFile, doc: YamlDoc, evidence_ids: frozenset[str] | None = None
) -> None:
    problems: list[Problem] = []
    if not audience.executives:
        problems.append(doc.problem(("executives",), "expected at least one executive"))
    stems: dict[str, int] = {}
    for i, entry in enumerate(audience.executives):
        path = ("executives", i)
        if evidence_ids is not None:
            problems.extend(_check_evidence(entry, path, doc, evidence_ids))
        if entry.blocker:
            slug = ALIASES.get(entry.blocker.lower(), entry.blocker.lower())
            if slug not in BLOCKERS:
                import difflib

                hint = difflib.get_close_matches(slug, list(BLOCKERS), n=1, cutoff=0.5)
                tail = f"; did you mean '{hint[0]}'?" if hint else ""
                problems.append(
                    doc.problem((*path, "blocker"), f"unknown blocker '{entry.blocker}'{tail}")
                )
        if entry.file is not None:
            why = check_file_key(entry.file)
            if why:
                problems.append(doc.problem((*path, "file"), why))
                continue
        stem = _stem(entry, i)
        if stem in stems:
            first = stems[stem]
            other = audience.executives[first]
            same = other.name.casefold() == entry.name.casefold()
            what = f"duplicate executive '{entry.name}'" if same else f"'{entry.name}'"
            problems.append(
                doc.problem(
                    (*path, "file" if entry.file is not None else "name"),
                    f"{what} would be written to {stem}.pptx, like executives[{first}] "
                    f"('{other.name}'); give one of them its own file name, e.g. "
                    f"`file: {stem}-2`",
                )
            )
        stems.setdefault(stem, i)
    if problems:
        raise InputError(problems)


def _stem(entry: ExecutiveEntry, index: int) -> str:
    return safe_stem(entry.file) if entry.file is not None else stem_for(entry.name, index)


def executives_from(audience: AudienceFile) -> list[Executive]:
    out = []
    for i, e in enumerate(audience.executives):
        blocker = ALIASES.get(e.blocker.lower(), e.blocker.lower()) if e.blocker else None
        said = e.said.strip()[:MAX_TEXT] if e.said else None
        stem = _stem(e, i)
        choice = e.evidence or EvidenceChoice()
        out.append(
            Executive(
                e.name,
                e.role,
                said,
                blocker,
                stem,
                f"audience.yaml executives[{i}]",
                len(e.said or ""),
                tuple(choice.use),
                tuple(choice.avoid),
            )
        )
    return out


def adhoc_executive(name: str | None, objection: str | None, blocker: str | None) -> Executive:
    """The single executive of a `--objection/--blocker` build."""
    display = name or "Executive"
    for flag, text in (("--exec", display), ("--objection", objection or "")):
        if bad := unholdable(text):
            raise DeckgenError(
                f"{flag}: contains the control character U+{ord(bad):04X}, which a slide "
                "cannot hold; remove it"
            )
    said = objection.strip()[:MAX_TEXT] if objection and objection.strip() else None
    stem = stem_for(display, 0)
    return Executive(display, None, said, blocker, stem, "--objection", len(objection or ""))
