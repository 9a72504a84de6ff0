"""The build, stage by stage: load -> classify -> select -> plan -> render -> write."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from deckgen.blockers import BLOCKERS, resolve_blocker
from deckgen.classify import UNSURE_BELOW, classify_objection, is_close
from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.models import Classification, DeckResult, Executive
from deckgen.words import plural


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
    strict: bool = False  # refuse to write a deck with check errors
    notes: bool = True  # False: a board copy without speaker notes, for distribution
    jobs: int = 1  # decks built in parallel (spawned processes) when there are several
    cache_dir: Path | None = None  # rendered charts; None: the user cache folder
    use_cache: bool = True  # False: render every chart, keep nothing on disk


@dataclass
class BuildReport:
    decks: list[DeckResult]
    outdir: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (executive, message)


ProgressFn = Callable[[int, int, str], None]


@dataclass
class _Shared:
    """Everything the per-executive stages share within one build."""

    opts: BuildOptions
    library: tuple
    theme: Any
    fmt: Any
    facts: Any
    ask: Any
    presenter: str | None
    purpose: str
    deck_day: date
    date_source: str
    when: datetime
    figures: Any
    kpis: set[str]
    region: str | None
    industry: str | None
    locale: str
    typeset: Any = None  # models.Typeset: the fonts and frames text is fitted to
    cache: Any = None  # ChartCache, or None with --no-cache
    templates: Path | None = None  # compiled storyline templates, or None with --no-cache
    check_memo: dict = field(default_factory=dict)  # the checker's findings by slide content
    # Each executive's blocker by file stem, decided once in the parent: the classifier's model
    # is loaded by one process, not by every worker.
    classified: dict[str, Classification] = field(default_factory=dict)
    write_memo: dict = field(default_factory=dict)  # built slides' shapes by what they show

    def __getstate__(self) -> dict:
        # Workers start with empty memos (they hold XML elements, which do not pickle).
        return {**self.__dict__, "check_memo": {}, "write_memo": {}}

    storylines: dict[str, Any] = field(default_factory=dict)


def build_decks(opts: BuildOptions, on_progress: ProgressFn | None = None) -> BuildReport:
    """load -> validate -> classify -> select evidence -> compute figures -> plan -> render charts
    -> write pptx. Every input is checked before anything is built; decks are written only after
    all of them were built, all at once, and a deck that fails to build does not stop the others."""
    from contextlib import ExitStack

    from deckgen.batch import Workers, run_batch
    from deckgen.output import OutputFolder, check_targets

    started = time.perf_counter()
    with ExitStack() as held:
        with Workers(_worth_starting(opts)) as workers:
            shared, executives, library_warnings = _load(opts)
            shared.classified = {e.file_stem: _classify(e) for e in executives}
            targets = [opts.outdir / f"{e.file_stem}.pptx" for e in executives]
            # Locked from the overwrite check until the files are in place: a second build into
            # the folder stops at once, and one killed there earlier is finished first.
            folder = held.enter_context(OutputFolder(opts.outdir))
            check_targets([(t, manifest_path(t)) for t in targets], opts.force)
            tasks = list(zip(executives, targets, strict=True))
            outcomes = run_batch(shared, tasks, workers, on_progress)

        built: list[tuple[Path, bytes, bytes, DeckResult]] = []
        warnings = list(library_warnings)
        if folder.recovered:
            warnings.append(f"{opts.outdir}: {folder.recovered}")
        failures: list[tuple[str, str]] = []
        for exe, outcome in zip(executives, outcomes, strict=True):
            if isinstance(outcome, str):
                failures.append((exe.name, outcome))
                continue
            warnings.extend(outcome[3].warnings)
            built.append(outcome)
        if shared.cache is not None:
            if any(r.charts_rendered for *_, r in built):  # it only grows when charts are added
                shared.cache.trim()
            if shared.cache.problem:
                warnings.append(shared.cache.problem)

        files: dict[str, bytes] = {}
        for target, data, manifest, _ in built:
            files[target.name] = data
            files[manifest_path(target).name] = manifest
        folder.commit(files)  # all of them or none
    return BuildReport(
        [r for *_, r in built], opts.outdir, time.perf_counter() - started, warnings, failures
    )


def _worth_starting(opts: BuildOptions) -> int:
    """Worker processes for this build, decided before the inputs are read (so they can start
    meanwhile) from the number of decks it will make: one per `--exec`, one for an ad-hoc deck,
    else one per executive in audience.yaml (counted quickly; the real read checks it)."""
    from deckgen.batch import workers_for

    if opts.jobs <= 1 or opts.objection is not None or opts.blocker is not None:
        return 1
    decks = len(opts.exec_names) or _count_executives(opts.workspace / "audience.yaml")
    return workers_for(opts.jobs, decks)


def _count_executives(path: Path) -> int:
    import yaml

    from deckgen.load.yamlfile import SAFE_LOADER

    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=SAFE_LOADER)
        return len(data["executives"])
    except Exception:  # any problem is reported properly by the real read, with file and line
        return 0


def build_one_safely(shared: _Shared, exe: Executive, target: Path):
    """One deck, or the message of the DeckgenError that stopped it (the batch goes on)."""
    try:
        return _build_one(shared, exe, target)
    except DeckgenError as exc:
        return str(exc)


def _load(opts: BuildOptions) -> tuple[_Shared, list[Executive], tuple[str, ...]]:
    """Read and validate every input (workspace, evidence, theme, template); compute org figures."""
    from deckgen.charts.cache import ChartCache
    from deckgen.figures import compute_figures
    from deckgen.fmt import Formatter
    from deckgen.load.audience import load_audience
    from deckgen.load.evidence import load_library_checked
    from deckgen.load.org import load_org
    from deckgen.load.sanitise import template_warnings
    from deckgen.load.theme import load_theme, with_client_template
    from deckgen.plan import AskFacts, OrgFacts
    from deckgen.resources import evidence_dir

    root = opts.workspace
    if not root.is_dir():
        raise DeckgenError(f"{root}: workspace folder not found (expected a folder with org.yaml)")
    org = load_org(root)
    audience = load_audience(root, org.profile.locale, org.profile.currency)
    executives = _executives(opts, audience, root)
    library, library_warnings = load_library_checked(
        (opts.evidence_dir or evidence_dir()).resolve()
    )
    theme = load_theme(opts.theme)
    if opts.template is not None:
        from deckgen.pptx.writer import check_template

        theme = with_client_template(theme, opts.template, opts.layout_map)
        check_template(theme, opts.notes)  # once, up front: it would fail every deck alike
    elif opts.layout_map is not None:
        raise DeckgenError("--layout-map: only used with --template (a client's .pptx)")
    # Once per build: what was left out of the template (refused under --strict), its slide
    # size if not 16:9, and fonts deckgen has no metrics for.
    theme_warnings = (
        *template_warnings(theme.package, opts.strict),
        *_font_warnings(theme.spec.fonts),
    )

    profile = org.profile
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
    deck_day, date_source = _deck_date(audience.date if audience else None)
    cache = _cache_root(opts)
    charts = ChartCache(cache / "charts") if cache else None
    if charts is not None:
        charts.prepare()
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
    shared = _Shared(
        opts,
        library,
        theme,
        Formatter(profile.locale, profile.currency),
        facts,
        ask_facts,
        presenter,
        audience.purpose if audience else "decision",
        deck_day,
        date_source,
        _timestamp(deck_day),
        figures,
        set(org.kpis),
        profile.region,
        profile.industry,
        profile.locale,
        theme.typeset(),
        charts,
        cache / "templates" if cache else None,
    )
    return shared, executives, (*library_warnings, *theme_warnings, *org.warnings, *org.suppressed)


def _font_warnings(fonts) -> tuple[str, ...]:
    """Once per build: a template font deckgen has no metrics for (its fit is an estimate)."""
    from deckgen.check import font_fallback_finding
    from deckgen.textfit import has_metrics

    return tuple(
        dict.fromkeys(
            font_fallback_finding(font).message
            for font in (fonts.body, fonts.heading)
            if not has_metrics(font)
        )
    )


def _cache_root(opts: BuildOptions) -> Path | None:
    """Where rendered charts, compiled templates and the classifier's word model are kept;
    None with --no-cache."""
    from deckgen.resources import cache_root, use_cache

    use_cache(opts.cache_dir, opts.use_cache)
    return cache_root()


def _check(s: _Shared, data: bytes, manifest: bytes, name: str) -> list:
    """Run `deckgen check` on the deck before it is written; --strict refuses one with errors."""
    import json

    from deckgen.check import check_deck, font_fallback_finding

    library = {item.id: item for item in s.library}
    report = check_deck(data, json.loads(manifest), library, name, s.check_memo)
    # The build says once, not per deck, that the template's font is measured by the fallback.
    fonts = s.theme.spec.fonts
    said = {font_fallback_finding(font) for font in (fonts.body, fonts.heading)}
    report.findings = [f for f in report.findings if f not in said]
    if not s.opts.notes:  # notes are stripped on purpose in a board copy
        report.findings = [f for f in report.findings if f.rule != "SL-13"]
    if s.opts.strict and report.errors:
        lines = "; ".join(str(f) for f in report.errors[:5])
        found = plural(len(report.errors), "error")
        raise DeckgenError(f"{name}: the checker found {found} ({lines})")
    return report.findings


def _executives(opts: BuildOptions, audience, root: Path) -> list[Executive]:
    from deckgen.load.audience import adhoc_executive, executives_from

    if opts.objection is not None or opts.blocker is not None:
        blocker = resolve_blocker(opts.blocker) if opts.blocker else None
        if opts.objection is not None and not opts.objection.strip() and blocker is None:
            raise DeckgenError("--objection: expected the executive's words, got empty text")
        if len(opts.exec_names) > 1:
            raise DeckgenError("--exec: an ad-hoc deck (--objection/--blocker) takes one name")
        name = opts.exec_names[0] if opts.exec_names else None
        return [adhoc_executive(name, opts.objection, blocker)]
    if audience is None:
        raise InputError(
            Problem(
                "audience.yaml",
                f"not found in {root}; add one (see README) or "
                "pass --objection TEXT or --blocker SLUG for a single deck",
            )
        )
    return _choose(executives_from(audience), opts.exec_names)


def _build_one(s: _Shared, exe: Executive, target: Path) -> tuple[Path, bytes, bytes, DeckResult]:
    """classify -> select evidence -> plan -> render charts -> write, for one executive."""
    from deckgen.charts import chart_images
    from deckgen.load.storyline import load_storyline, storyline_for
    from deckgen.manifest import build_manifest
    from deckgen.plan import DeckInputs, plan_deck
    from deckgen.pptx.writer import write_deck
    from deckgen.select import select_for_slots
    from deckgen.text import use_template_cache

    use_template_cache(s.templates)
    cls = s.classified[exe.file_stem]
    name = storyline_for(cls.blocker)
    if name not in s.storylines:
        s.storylines[name] = load_storyline(name)
    storyline = s.storylines[name]
    wants = [
        spec.want[i] if i < len(spec.want) else None
        for spec in storyline.slides
        if spec.role == "evidence"
        for i in range(spec.repeat)
    ]
    picks = (
        []
        if cls.blocker == "none"
        else select_for_slots(s.library, cls.blocker, wants, s.kpis, s.region, s.industry)
    )
    answer_secondary = cls.how == "classified" and cls.blocker != "none" and is_close(cls)
    second_pick = None
    if answer_secondary and cls.secondary:
        found = select_for_slots(
            s.library,
            cls.secondary,
            [None],
            s.kpis,
            s.region,
            s.industry,
            exclude=frozenset(p.item.id for p in picks),
        )
        second_pick = found[0] if found else None

    inputs = DeckInputs(
        s.facts,
        exe,
        cls,
        s.presenter,
        s.purpose,
        s.ask,
        s.deck_day,
        s.date_source,
        picks,
        second_pick,
        answer_secondary,
        s.figures,
        s.library,
    )
    plan = plan_deck(inputs, storyline, s.fmt, s.theme.spec.name, s.typeset)
    mode = s.opts.charts or s.theme.spec.charts
    charts = chart_images(plan, s.theme.spec, s.cache) if mode != "native" else None
    images = charts.by_slide if charts else {}
    if not s.opts.notes:
        for slide in plan.slides:
            slide.notes = ""  # the board copy: nothing the presenter wrote for themselves
    data = write_deck(plan, s.theme, s.when, s.locale, images, s.write_memo)
    manifest = build_manifest(plan, target.name, s.figures)
    findings = _check(s, data, manifest, target.name)

    shown = sum(
        1 for sl in plan.slides for n in sl.numbers if n.unit not in ("text", "date")
    )  # figures, not digits inside quoted text
    citations = tuple(dict.fromkeys(r.evidence_id for sl in plan.slides for r in sl.sources))
    chosen = tuple((p.item.id, p.purpose, p.reasons) for p in picks)
    if second_pick:
        chosen += ((second_pick.item.id, "the second concern", second_pick.reasons),)
    result = DeckResult(
        exe.name,
        exe.role,
        cls.blocker,
        cls.how,
        cls.confidence,
        target,
        len(plan.slides),
        shown,
        citations,
        tuple(_warnings(exe, cls)),
        storyline.name,
        chosen,
        tuple(str(f) for f in findings),
        charts.rendered if charts else 0,
        charts.cached if charts else 0,
        sum(1 for f in findings if f.severity == "error"),
        sum(1 for f in findings if f.severity == "warning"),
    )
    return target, data, manifest, result


def manifest_path(deck: Path) -> Path:
    """`jordan-ellis.pptx` -> `jordan-ellis.manifest.json` beside it."""
    return deck.with_suffix(".manifest.json")


def _choose(executives: list[Executive], names: tuple[str, ...]) -> list[Executive]:
    if not names:
        return executives
    chosen = []
    for name in names:
        key = name.casefold().strip()
        match = [e for e in executives if key == e.file_stem] or [
            e for e in executives if key == e.name.casefold()
        ]
        if not match:
            known = ", ".join(e.name for e in executives)
            raise DeckgenError(
                f"--exec: no executive named '{name}' in audience.yaml; known: {known}"
            )
        if len(match) > 1:
            files = ", ".join(e.file_stem for e in match)
            raise DeckgenError(
                f"--exec: {len(match)} executives are named '{name}'; pass the file name of "
                f"the one you mean ({files})"
            )
        if match[0] not in chosen:
            chosen.append(match[0])
    return chosen


def _classify(exe: Executive) -> Classification:
    if exe.blocker:
        return Classification(exe.blocker, 1.0, "given")
    return classify_objection(exe.said or "")


def _warnings(exe: Executive, cls: Classification) -> list[str]:
    from deckgen.load.audience import MAX_TEXT

    out = []
    if exe.said_length > MAX_TEXT:
        out.append(
            f"{exe.name}: their words run to {exe.said_length:,} characters; deckgen "
            f"reads the first {MAX_TEXT:,} and the deck quotes the opening"
        )
    if cls.how == "given" or cls.confidence >= UNSURE_BELOW:
        return out
    runner = f", runner-up {cls.secondary} {cls.secondary_confidence:.2f}" if cls.secondary else ""
    out.append(
        f"{exe.name}: unsure which concern this is ({cls.blocker} "
        f"{cls.confidence:.2f}{runner}); set `blocker:` in audience.yaml to choose one of: "
        f"{', '.join(b for b in BLOCKERS if b != 'none')}"
    )
    return out


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
