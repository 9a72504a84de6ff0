"""What the checker reports: findings (rule, severity, slide, shape, message) and a deck's report."""

from __future__ import annotations

from typing import Literal

from msgspec import Struct, field

Severity = Literal["error", "warning", "info"]


class Finding(Struct, frozen=True):
    rule: str
    severity: Severity
    slide: int | None  # 1-based; None for the whole deck
    shape: str
    message: str

    def __str__(self) -> str:
        where = f"slide {self.slide}" if self.slide else "deck"
        shape = f" [{self.shape}]" if self.shape else ""
        return f"{self.severity}: {self.rule}: {where}{shape}: {self.message}"


class CheckReport(Struct):
    deck: str
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rules not run, with the reason

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def font_fallback_finding(font: str) -> Finding:
    """Said once per deck (and once per build): text in a font deckgen has no metrics for was
    measured with the documented fallback, so its fit is an estimate."""
    return Finding(
        "SL-15",
        "info",
        None,
        "",
        f"deckgen has no metrics for the font '{font}'; text fit was measured with Arial's "
        "widths plus 10%, so look at text-heavy slides before presenting",
    )
