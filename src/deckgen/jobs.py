"""Stage two: one job per deck, with the executive's blocker decided (given, or classified from
their words, once, in the parent process) and the file it will be written to."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from deckgen.blockers import BLOCKERS
from deckgen.classify import UNSURE_BELOW, remembered_classification
from deckgen.load.audience import MAX_TEXT
from deckgen.models import Classification, Executive


class DeckJob(Struct, frozen=True, kw_only=True):
    executive: Executive
    classification: Classification
    target: Path  # the .pptx to write; its manifest goes beside it
    warnings: tuple[str, ...] = ()  # about this executive's words, for the build report


def plan_jobs(executives: list[Executive], outdir: Path) -> list[DeckJob]:
    jobs = []
    for exe in executives:
        cls = _classify(exe)
        jobs.append(
            DeckJob(
                executive=exe,
                classification=cls,
                target=outdir / f"{exe.file_stem}.pptx",
                warnings=tuple(_warnings(exe, cls)),
            )
        )
    return jobs


def manifest_path(deck: Path) -> Path:
    """`jordan-ellis.pptx` -> `jordan-ellis.manifest.json` beside it."""
    return deck.with_suffix(".manifest.json")


def _classify(exe: Executive) -> Classification:
    if exe.blocker:
        return Classification(exe.blocker, 1.0, "given")
    return remembered_classification(exe.said or "")


def _warnings(exe: Executive, cls: Classification) -> list[str]:
    out = []
    who = exe.name if exe.named else exe.source  # an answer deck's objection: where it was given
    if exe.said_length > MAX_TEXT:
        out.append(
            f"{who}: their words run to {exe.said_length:,} characters; deckgen "
            f"reads the first {MAX_TEXT:,} and the deck quotes the opening"
        )
    if cls.how == "given" or cls.confidence >= UNSURE_BELOW:
        return out
    runner = f", runner-up {cls.secondary} {cls.secondary_confidence:.2f}" if cls.secondary else ""
    how = (
        "set `blocker:` in audience.yaml"
        if exe.source.startswith("audience.yaml")
        else ("pass --blocker SLUG")
    )
    out.append(
        f"{who}: unsure which concern this is ({cls.blocker} "
        f"{cls.confidence:.2f}{runner}); {how} to choose one of: "
        f"{', '.join(b for b in BLOCKERS if b != 'none')}"
    )
    return out
