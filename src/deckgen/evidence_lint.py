"""Lint the evidence library: typed-in numbers, editions, stale figures and known zombie statistics."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from msgspec import Struct
from pydantic import Field, field_validator

from deckgen.errors import Problem
from deckgen.fmt import Formatter
from deckgen.load.evidence import (
    PLACEHOLDER,
    EvidenceItem,
    claim_headline,
    render_statement,
    statement_with,
)
from deckgen.load.schema import Strict
from deckgen.load.yamlfile import YamlDoc
from deckgen.words import TITLE_MAX

FRESH_YEARS = 8  # survey and benchmark figures older than this draw a warning
DATED_KINDS = ("survey", "benchmark")


class Finding(Struct, frozen=True):
    rule: str
    severity: Literal["error", "warning"]
    problem: Problem

    def __str__(self) -> str:
        return f"{self.severity}: {self.rule}: {self.problem}"


class Zombie(Struct, frozen=True):
    """A statistic that circulates without a source (or with the wrong one)."""

    rule: str
    pattern: re.Pattern[str]
    message: str


class _ZombieEntry(Strict):
    rule: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    pattern: str = Field(description="Regular expression over 'publisher | title | statement'.")
    message: str = Field(min_length=20, description="What to cite instead.")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"not a regular expression ({exc})") from None
        return pattern


class _ZombieFile(Strict):
    zombies: list[_ZombieEntry]


def _zombies() -> tuple[Zombie, ...]:
    from deckgen.load.datafiles import read_data

    data = read_data("zombies", _ZombieFile)
    return tuple(Zombie(z.rule, re.compile(z.pattern), z.message) for z in data.zombies)


# data/zombies.yaml, matched against "publisher | title | rendered statement" (lower case).
ZOMBIES = _zombies()

_TYPED_NUMBER = re.compile(r"\d")


Found = tuple[str, tuple, str, str]  # (rule, key path in the item, message, severity)


def lint_items(
    loaded: list[tuple[EvidenceItem, YamlDoc]],
    today: date | None = None,
    fresh_years: int = FRESH_YEARS,
) -> list[Finding]:
    """Rules that need the parsed items (schema problems are reported by the loader)."""
    today = today or date.today()
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    fmt = statement_with(Formatter())
    for item, doc in loaded:
        found: list[Found] = []
        if item.id in seen:
            message = (
                f"id '{item.id}' is already used by {seen[item.id]}; an item never replaces "
                "another, so give this one an id of its own (and rename the file to match)"
            )
            found.append(("duplicate-id", ("id",), message, "error"))
        seen.setdefault(item.id, doc.file)
        found += _item_rules(item, today, fresh_years)
        for i, claim in enumerate(item.claims):
            found += [
                (r, ("claims", i, *p), m, sev) for r, p, m, sev in _claim_rules(item, claim, fmt)
            ]
        findings += [
            Finding(rule, severity, doc.problem(path, message))  # type: ignore[arg-type]
            for rule, path, message, severity in found
        ]
    return findings


def _item_rules(item: EvidenceItem, today: date, fresh_years: int) -> list[Found]:
    out: list[Found] = []
    if item.grade == "A" and item.kind not in ("rct", "meta-analysis"):
        message = (
            f"grade A is for randomised trials and meta-analyses; this item is kind '{item.kind}'"
        )
        out.append(("grade", ("grade",), message, "error"))
    if item.series and not item.edition:
        message = (
            f"item belongs to series '{item.series}', whose editions give different figures; "
            "name the edition"
        )
        out.append(("edition", ("edition",), message, "error"))
    if item.kind in DATED_KINDS and today.year - item.year > fresh_years:
        message = (
            f"{item.kind} figures from {item.year} are more than {fresh_years} years old; "
            "look for a newer edition"
        )
        out.append(("freshness", ("year",), message, "warning"))
    return out


def _claim_rules(item: EvidenceItem, claim, fmt) -> list[Found]:
    """Findings for one claim, with paths relative to the claim."""
    out: list[Found] = []
    for key in ("statement", "headline"):
        text = PLACEHOLDER.sub("", getattr(claim, key) or "")
        if _TYPED_NUMBER.search(text):
            number = re.search(r"\d[\d,.]*", text).group(0)
            message = (
                f"types the number '{number}'; numbers must come from the claim's value, low "
                "or high ({value}, {low}, {high})"
            )
            out.append(("typed-number", (key,), message, "error"))
    if (
        claim.low is not None
        and claim.high is not None
        and not claim.low <= claim.value <= claim.high
    ):
        message = f"value {claim.value:g} lies outside low {claim.low:g} to high {claim.high:g}"
        out.append(("range", ("value",), message, "error"))
    headline = claim_headline(item, claim, fmt)
    if len(headline) > TITLE_MAX:
        message = (
            f"as a slide title this claim reads '{headline}' ({len(headline)} characters); "
            f"titles fit in {TITLE_MAX}, so give the claim a shorter `headline:`"
        )
        out.append(("headline", ("headline" if claim.headline else "statement",), message, "error"))
    from deckgen.check.story import has_verb

    if not has_verb(headline):
        message = (
            f"as a slide title this claim reads '{headline}', which has no verb; a title states "
            "the takeaway as a sentence, so give the claim a `headline:` with one"
        )
        where = "headline" if claim.headline else "statement"
        out.append(("headline-verb", (where,), message, "warning"))
    rendered = render_statement(item, claim, fmt)
    haystack = f"{item.publisher} | {item.title} | {rendered}".lower()
    out += [
        (f"do-not-use:{z.rule}", ("statement",), z.message, "error")
        for z in ZOMBIES
        if z.pattern.search(haystack)
    ]
    return out
