"""Lint the evidence library: typed-in numbers, editions, stale figures and known zombie statistics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from deckgen.errors import Problem
from deckgen.fmt import Formatter
from deckgen.load.evidence import (
    PLACEHOLDER,
    EvidenceItem,
    claim_headline,
    render_statement,
    statement_with,
)
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


# Matched against "publisher | title | rendered statement" of every claim (lower case).
ZOMBIES = (
    Zombie(
        "bankruptcy-2x",
        re.compile(r"bankrupt"),
        "no source was found for 'burnout cultures are twice as likely to go bankrupt'; the "
        "nearest real evidence is Dunham et al. (2023), Journal of Forensic Accounting "
        "Research: falling Glassdoor ratings track rising financial distress (an association, "
        "no '2x')",
    ),
    Zombie(
        "desperate-job-hunting",
        re.compile(
            r"desperate|one in three.*(job|looking)|"
            r"1 in 3.*(job|looking)"
        ),
        "no source says one in three workers are 'desperately' job hunting; cite Express "
        "Employment/Harris Poll (2024: 37% of US employees actively seeking) or LinkedIn "
        "(2015: 30% actively looking) instead",
    ),
    Zombie(
        "tavistock-courage",
        re.compile(r"tavistock"),
        "the Tavistock Institute figure on courage and speaking up was not found; related "
        "work: Howard & Cogswell (2018), Journal of Positive Psychology, or Detert & Bruno "
        "(MIT Sloan Management Review)",
    ),
    Zombie(
        "hr-burnout-98-shrm",
        re.compile(r"shrm.*\b98(\.0)?%.*burn|shrm.*burn.*\b98(\.0)?%"),
        "the '98% of HR professionals burned out' figure comes from Workvivo's 2022 survey "
        "(n=524), not SHRM; cite it as Workvivo (see evidence/workvivo-2022-hr-burnout.yaml)",
    ),
    Zombie(
        "who-12-hazards",
        re.compile(
            r"(world health|who\b).*\b12\b.*(hazard|psychosocial)|"
            r"\b12\b.*(psychosocial|hazard).*(world health|who\b)"
        ),
        "there is no WHO list of 12 psychosocial hazards: WHO (2022) groups psychosocial "
        "risks into ten categories, Safe Work Australia lists 14 hazards and ISO 45003 uses "
        "three groups",
    ),
    Zombie(
        "disengaged-34pct",
        re.compile(r"disengag.*\b34(\.0)?%|\b34(\.0)?%.*disengag"),
        "'a disengaged employee costs 34% of salary' cannot be traced to Gallup; never use "
        "it (Gallup's cost figures are macro estimates, e.g. State of the Global Workplace)",
    ),
    Zombie(
        "shrm-months-salary",
        re.compile(r"shrm.*(months?'? (of )?salary|\b(50|60)%.*salary)"),
        "the 'SHRM says 6-9 months' salary' turnover cost is seen only second-hand in three "
        "variants; use Gallup's 0.5-2x salary range (evidence/gallup-replacement-cost.yaml)",
    ),
)

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
