"""The build, stage by stage: load -> classify -> select -> plan -> write. Nothing is written until all decks are built."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from deckgen.blockers import BLOCKERS, resolve_blocker
from deckgen.classify import UNSURE_BELOW, classify_objection, is_close
from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.models import Classification, DeckResult, Executive


@dataclass(frozen=True)
class BuildOptions:
    workspace: Path
    outdir: Path
    exec_names: tuple[str, ...] = ()
    objection: str | None = None
    blocker: str | None = None
    theme: str = "clean"
    force: bool = False
    evidence_dir: Path | None = None
    charts: str | None = None  # "image" | "native"; default from the theme
    template: Path | None = None  # a client's .pptx to build into
    layout_map: Path | None = None  # YAML: layout role -> the client template's layout name


@dataclass
class BuildReport:
    decks: list[DeckResult]
    outdir: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)


def build_decks(opts: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    from deckgen.fmt import Formatter
    from deckgen.load.audience import adhoc_executive, executives_from, load_audience
    from deckgen.load.evidence import load_library_checked
    from deckgen.load.org import load_org
    from deckgen.load.storyline import load_storyline
    from deckgen.load.theme import load_theme
    from deckgen.output import check_targets, write_atomic
    from deckgen.plan import AskFacts, DeckInputs, OrgFacts, plan_deck
    from deckgen.pptx.writer import write_deck
    from deckgen.resources import evidence_dir
    from deckgen.select import select_for_slots

    root = opts.workspace
    if not root.is_dir():
        raise DeckgenError(f"{root}: workspace folder not found (expected a folder with org.yaml)")
    org = load_org(root)
    audience = load_audience(root)
    adhoc = opts.objection is not None or opts.blocker is not None
    if adhoc:
        blocker = resolve_blocker(opts.blocker) if opts.blocker else None
        if opts.objection is not None and not opts.objection.strip() and blocker is None:
            raise DeckgenError("--objection: expected the executive's words, got empty text")
        if len(opts.exec_names) > 1:
            raise DeckgenError("--exec: an ad-hoc deck (--objection/--blocker) takes one name")
        executives = [
            adhoc_executive(
                opts.exec_names[0] if opts.exec_names else None, opts.objection, blocker
            )
        ]
    elif audience is None:
        raise InputError(
            Problem(
                "audience.yaml",
                f"not found in {root}; add one (see README) or "
                "pass --objection TEXT or --blocker SLUG for a single deck",
            )
        )
    else:
        executives = _choose(executives_from(audience), opts.exec_names)

    library, library_warnings = load_library_checked(
        (opts.evidence_dir or evidence_dir()).resolve()
    )
    theme = load_theme(opts.theme)
    if opts.template is not None:
        from deckgen.load.theme import with_client_template

        theme = with_client_template(theme, opts.template, opts.layout_map)
    elif opts.layout_map is not None:
        raise DeckgenError("--layout-map: only used with --template (a client's .pptx)")
    from deckgen.load.storyline import storyline_for

    storylines: dict[str, object] = {}
    profile = org.profile
    fmt = Formatter(profile.locale, profile.currency)
    deck_day, date_source = _deck_date(audience.date if audience else None)
    when = _timestamp(deck_day)
    facts = OrgFacts(
        profile.name,
        profile.currency,
        profile.locale,
        profile.region,
        profile.industry,
        org.kpis,
        org.history,
        tuple(f.name for f in org.files),
    )
    ask = audience.ask if audience else None
    ask_facts = AskFacts(
        ask.what if ask else None,
        ask.cost if ask else None,
        ask.decision_by if ask else None,
        ask.owner if ask else None,
    )
    presenter = None
    if audience and audience.presenter:
        p = audience.presenter
        presenter = f"{p.name}, {p.role}" if p.role else p.name

    from deckgen.charts import chart_images
    from deckgen.figures import compute_figures

    chart_mode = opts.charts or theme.spec.charts
    from deckgen.manifest import build_manifest

    figures = compute_figures(
        profile.headcount,
        profile.average_salary,
        org.kpis,
        org.history,
        library,
        profile.assumptions.as_dict(),
        ask_facts.cost,
        profile.region,
        profile.industry,
        profile.currency,
    )
    targets = [opts.outdir / f"{e.file_stem}.pptx" for e in executives]
    check_targets([(t, manifest_path(t)) for t in targets], opts.force)

    built: list[tuple[Path, bytes, bytes, DeckResult]] = []
    warnings: list[str] = [f"evidence: {w}" for w in library_warnings]
    for exe, target in zip(executives, targets, strict=True):
        cls = _classify(exe)
        deck_warnings = _warnings(exe, cls)
        warnings.extend(deck_warnings)
        name = storyline_for(cls.blocker)
        if name not in storylines:
            storylines[name] = load_storyline(name)
        storyline = storylines[name]
        wants = [
            spec.want[i] if i < len(spec.want) else None
            for spec in storyline.slides
            if spec.role == "evidence"
            for i in range(spec.repeat)
        ]
        picks = (
            select_for_slots(
                library, cls.blocker, wants, set(org.kpis), profile.region, profile.industry
            )
            if cls.blocker != "none"
            else []
        )
        answer_secondary = cls.how == "classified" and cls.blocker != "none" and is_close(cls)
        second_pick = None
        if answer_secondary and cls.secondary:
            found = select_for_slots(
                library,
                cls.secondary,
                [None],
                set(org.kpis),
                profile.region,
                profile.industry,
                exclude=frozenset(p.item.id for p in picks),
            )
            second_pick = found[0] if found else None
        inputs = DeckInputs(
            facts,
            exe,
            cls,
            presenter,
            audience.purpose if audience else "decision",
            ask_facts,
            deck_day,
            date_source,
            picks,
            second_pick,
            answer_secondary,
            figures,
            library,
        )
        plan = plan_deck(inputs, storyline, fmt, theme.spec.name)
        images = {} if chart_mode == "native" else chart_images(plan, theme.spec)
        data = write_deck(plan, theme, when, profile.locale, images)
        manifest = build_manifest(plan, target.name, figures)
        shown = sum(
            1
            for s in plan.slides
            for n in s.numbers
            if n.unit not in ("text", "date")  # figures, not digits inside quoted text
        )
        citations = tuple(dict.fromkeys(r.evidence_id for s in plan.slides for r in s.sources))
        chosen = tuple((p.item.id, p.purpose, p.reasons) for p in picks)
        if second_pick:
            chosen += ((second_pick.item.id, "the second concern", second_pick.reasons),)
        built.append(
            (
                target,
                data,
                manifest,
                DeckResult(
                    exe.name,
                    exe.role,
                    cls.blocker,
                    cls.how,
                    cls.confidence,
                    target,
                    len(plan.slides),
                    shown,
                    citations,
                    tuple(deck_warnings),
                    storyline.name,
                    chosen,
                ),
            )
        )

    for target, data, manifest, _ in built:
        write_atomic(target, data)
        write_atomic(manifest_path(target), manifest)
    return BuildReport([r for *_, r in built], opts.outdir, time.perf_counter() - started, warnings)


def manifest_path(deck: Path) -> Path:
    """`jordan-ellis.pptx` -> `jordan-ellis.manifest.json` beside it."""
    return deck.with_suffix(".manifest.json")


def _choose(executives: list[Executive], names: tuple[str, ...]) -> list[Executive]:
    if not names:
        return executives
    chosen = []
    for name in names:
        key = name.casefold().strip()
        match = [e for e in executives if key in (e.name.casefold(), e.file_stem)]
        if not match:
            known = ", ".join(e.name for e in executives)
            raise DeckgenError(
                f"--exec: no executive named '{name}' in audience.yaml; known: {known}"
            )
        if match[0] not in chosen:
            chosen.append(match[0])
    return chosen


def _classify(exe: Executive) -> Classification:
    if exe.blocker:
        return Classification(exe.blocker, 1.0, "given")
    return classify_objection(exe.said or "")


def _warnings(exe: Executive, cls: Classification) -> list[str]:
    if cls.how == "given" or cls.confidence >= UNSURE_BELOW:
        return []
    runner = f", runner-up {cls.secondary} {cls.secondary_confidence:.2f}" if cls.secondary else ""
    return [
        f"{exe.name}: unsure which concern this is ({cls.blocker} "
        f"{cls.confidence:.2f}{runner}); set `blocker:` in audience.yaml to choose one of: "
        f"{', '.join(b for b in BLOCKERS if b != 'none')}"
    ]


def _deck_date(given: date | None) -> tuple[date, str]:
    """The date on the title slide: audience.yaml `date`, else SOURCE_DATE_EPOCH, else today."""
    if given:
        return given, "audience.yaml date"
    epoch = _source_date_epoch()
    if epoch is not None:
        return epoch.date(), "SOURCE_DATE_EPOCH"
    return date.today(), "build date"


def _source_date_epoch() -> datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (ValueError, OverflowError, OSError):
        raise DeckgenError(
            f"SOURCE_DATE_EPOCH: expected whole seconds since 1970, got '{raw}'"
        ) from None


def _timestamp(deck_day: date) -> datetime:
    """File timestamps: SOURCE_DATE_EPOCH if set, else 09:00 UTC on the deck date (reproducible)."""
    return _source_date_epoch() or datetime(
        deck_day.year, deck_day.month, deck_day.day, 9, tzinfo=UTC
    )
