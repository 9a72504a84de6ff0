"""What a build is asked to do (BuildOptions, from the command line) and what it did (BuildReport)."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct, field

from deckgen.models import DeckPlan, DeckResult


class AnswerRequest(Struct, frozen=True, kw_only=True):
    """`deckgen answer`: objections to answer with evidence alone, for an organisation that
    gives no figures of its own (no workspace). Flags as given; checked when inputs load."""

    # (the words, where they came from: "objection" or "objections.txt line 3")
    objections: tuple[tuple[str, str], ...]
    stems: tuple[str, ...]  # the file name (without .pptx) of each objection's deck
    country: str | None = None  # --country: ISO 3166 code or name
    industry: str | None = None  # --industry: from data/industries.yaml
    role: str | None = None  # --role: the executive's role (their lens), e.g. CFO
    blocker: str | None = None  # --blocker: the concern, instead of classifying the words
    org: str | None = None  # --org: the organisation's name, if it should be on the slides
    presenter: str | None = None  # --presenter: who presents it


class BuildOptions(Struct, frozen=True, kw_only=True):
    workspace: Path
    outdir: Path
    exec_names: tuple[str, ...] = ()  # --exec: only these executives (name or file name)
    objection: str | None = None  # --objection: one ad-hoc deck answering these words
    blocker: str | None = None  # --blocker: one ad-hoc deck for this blocker
    theme: str = "clean"
    force: bool = False  # replace decks that already exist
    evidence_dir: Path | None = None  # --evidence: use only this library
    evidence_extra: tuple[Path, ...] = ()  # --evidence-extra: folders merged with the library
    charts: str | None = None  # "image" | "native"; default from the theme
    template: Path | None = None  # a client's .pptx to build into
    layout_map: Path | None = None  # YAML: layout role -> the client template's layout name
    strict: bool = False  # refuse to write a deck with check errors (and a template with links)
    notes: bool = True  # False: a board copy without speaker notes, for distribution
    jobs: int = 1  # decks built in parallel (spawned processes) when there are several
    cache_dir: Path | None = None  # where caches live; None: the user cache folder
    use_cache: bool = True  # False: render every chart, keep nothing on disk
    keep_plans: bool = False  # the report keeps each deck's DeckPlan (the web app's preview)
    board_pack: str | None = None  # --board-pack: one deck for the audience, this file name
    answer: AnswerRequest | None = None  # `deckgen answer`: evidence-only decks, no workspace


class BuildReport(Struct):
    decks: list[DeckResult]
    outdir: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the build assumed, said for the presenter
    failures: list[tuple[str, str]] = field(default_factory=list)  # (executive, message)
    plans: list[DeckPlan] = field(default_factory=list)  # per deck, with keep_plans
