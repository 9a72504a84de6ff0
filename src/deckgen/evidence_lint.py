"""Lint the evidence library: typed-in numbers, editions, stale figures and known zombie statistics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

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


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Literal["error", "warning"]
    problem: Problem

    def __str__(self) -> str:
        return f"{self.severity}: {self.rule}: {self.problem}"


@dataclass(frozen=True)
class Zombie:
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

        def add(
            rule: str, path: tuple, message: str, severity: str = "error", _doc: YamlDoc = doc
        ) -> None:
            findings.append(Finding(rule, severity, _doc.problem(path, message)))  # type: ignore[arg-type]

        if item.id in seen:
            add("duplicate-id", ("id",), f"duplicate id '{item.id}' (also in {seen[item.id]})")
        seen.setdefault(item.id, doc.file)
        if item.grade == "A" and item.kind not in ("rct", "meta-analysis"):
            add(
                "grade",
                ("grade",),
                f"grade A is for randomised trials and meta-analyses; "
                f"this item is kind '{item.kind}'",
            )
        if item.series and not item.edition:
            add(
                "edition",
                ("edition",),
                f"item belongs to series '{item.series}', whose "
                "editions give different figures; name the edition",
            )
        if item.kind in DATED_KINDS and today.year - item.year > fresh_years:
            add(
                "freshness",
                ("year",),
                f"{item.kind} figures from {item.year} are more than "
                f"{fresh_years} years old; look for a newer edition",
                "warning",
            )
        for i, claim in enumerate(item.claims):
            path = ("claims", i)
            for key in ("statement", "headline"):
                text = getattr(claim, key) or ""
                typed = _TYPED_NUMBER.findall(PLACEHOLDER.sub("", text))
                if typed:
                    number = re.search(r"\d[\d,.]*", PLACEHOLDER.sub("", text)).group(0)
                    add(
                        "typed-number",
                        (*path, key),
                        f"types the number '{number}'; numbers "
                        "must come from the claim's value, low or high ({value}, {low}, {high})",
                    )
            if (
                claim.low is not None
                and claim.high is not None
                and not (claim.low <= claim.value <= claim.high)
            ):
                add(
                    "range",
                    (*path, "value"),
                    f"value {claim.value:g} lies outside low {claim.low:g} to high {claim.high:g}",
                )
            rendered = render_statement(item, claim, fmt)
            headline = claim_headline(item, claim, fmt)
            if len(headline) > TITLE_MAX:
                add(
                    "headline",
                    (*path, "headline" if claim.headline else "statement"),
                    f"as a slide title this claim reads '{headline}' ({len(headline)} "
                    f"characters); titles fit in {TITLE_MAX}, so give the claim a shorter "
                    "`headline:`",
                )
            haystack = f"{item.publisher} | {item.title} | {rendered}".lower()
            for zombie in ZOMBIES:
                if zombie.pattern.search(haystack):
                    add(f"do-not-use:{zombie.rule}", (*path, "statement"), zombie.message)
    return findings
