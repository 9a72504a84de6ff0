"""Stage one of a build: read and validate every input (workspace, evidence, theme, template),
all problems at once, and compute the organisation's figures. Nothing is built or written here."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from msgspec import Struct

from deckgen.blockers import resolve_blocker
from deckgen.charts.cache import ChartCache
from deckgen.check import font_fallback_finding
from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.figures import FigureInputs, OrgFigures, compute_figures
from deckgen.fmt import Formatter
from deckgen.library import load_library_checked
from deckgen.load.audience import AudienceFile, adhoc_executive, executives_from, load_audience
from deckgen.load.evidence import EvidenceItem
from deckgen.load.org import load_org
from deckgen.load.places import setting_of
from deckgen.load.template_notes import template_warnings
from deckgen.load.theme import Fonts, Theme, load_theme, with_client_template
from deckgen.models import Executive, Typeset
from deckgen.options import BuildOptions
from deckgen.plan import AskFacts, OrgFacts
from deckgen.pptx.writer import check_template
from deckgen.resources import cache_root, evidence_dir, use_cache
from deckgen.textfit import has_metrics


class BuildInputs(Struct, frozen=True, kw_only=True):
    """Everything a deck of this build is made from, validated; the same for every executive.
    Plain data (it travels pickled to worker processes)."""

    opts: BuildOptions
    library: tuple[EvidenceItem, ...]
    theme: Theme
    typeset: Typeset  # the fonts and frames text is fitted to
    fmt: Formatter
    org: OrgFacts
    ask: AskFacts
    presenter: str | None
    purpose: str
    deck_day: date  # the date on the title slides
    date_source: str  # where it came from: audience.yaml date, SOURCE_DATE_EPOCH, build date
    when: datetime  # the files' timestamps
    figures: OrgFigures
    charts: ChartCache | None  # rendered charts; None with --no-cache
    templates: Path | None  # compiled storyline templates; None with --no-cache


def load_inputs(
    opts: BuildOptions,
) -> tuple[BuildInputs, list[Executive], tuple[str, ...], tuple[str, ...]]:
    """The build's inputs, its executives (all, or those --exec names, or one ad-hoc), the
    warnings reading them gave, and notes on what was inferred rather than given."""
    # long: one phase read top to bottom, each input once and in dependency order (library and
    # theme before figures, figures before BuildInputs); most lines name BuildInputs' fields.
    root = opts.workspace
    if not root.is_dir():
        raise DeckgenError(f"{root}: workspace folder not found (expected a folder with org.yaml)")
    cache = _cache_root(opts)  # first: the library and data tables are read through it
    org = load_org(root)
    profile = org.profile
    extras, library_notes = _evidence_extra(opts)
    library, library_warnings = load_library_checked(
        (opts.evidence_dir or evidence_dir()).resolve(), extras
    )
    ids = frozenset(item.id for item in library)
    audience = load_audience(root, profile.locale, profile.currency, ids)
    executives = _executives(opts, audience, root)
    theme = _theme(opts)
    # Once per build: what was left out of the template (refused under --strict), its slide
    # size if not 16:9, and fonts deckgen has no metrics for.
    theme_warnings = (
        *template_warnings(theme.package, opts.strict),
        *_font_warnings(theme.spec.fonts),
    )
    ask = _ask(audience)
    deck_day, date_source = _deck_date(audience.date if audience else None)
    charts = ChartCache(cache / "charts") if cache else None
    if charts is not None:
        charts.prepare()
    setting, setting_from = _setting(profile, org.kpis)
    work = profile.workforce
    figures = compute_figures(
        FigureInputs(
            headcount=profile.headcount,
            salary=profile.average_salary,
            kpis=org.kpis,
            history=org.history,
            library=library,
            overrides=profile.assumptions.as_dict(),
            ask_cost=ask.cost,
            region=profile.where,
            industry=profile.industry,
            currency=profile.currency,
            country=profile.country,
            setting=setting,
            roles=work.roles.as_dict() if work is not None and work.roles is not None else None,
        )
    )
    facts = OrgFacts(
        profile.name,
        profile.currency,
        profile.locale,
        profile.where,
        profile.industry,
        org.kpis,
        org.history,
        tuple(f.name for f in org.files),
        country=profile.country,
        setting=setting,
        setting_from=setting_from,
    )
    inputs = BuildInputs(
        opts=opts,
        library=library,
        theme=theme,
        typeset=theme.typeset(),
        fmt=Formatter(profile.locale, profile.currency),
        org=facts,
        ask=ask,
        presenter=_presenter(audience),
        purpose=audience.purpose if audience else "decision",
        deck_day=deck_day,
        date_source=date_source,
        when=_timestamp(deck_day),
        figures=figures,
        charts=charts,
        templates=cache / "templates" if cache else None,
    )
    warnings = (*library_warnings, *theme_warnings, *org.warnings, *org.suppressed)
    return inputs, executives, warnings, (*library_notes, *_notes(facts))


def _evidence_extra(opts: BuildOptions) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """The folders merged with the library: the workspace's evidence/ (unless --evidence asks
    for one library only, which a note then says), then each --evidence-extra, once each."""
    own = opts.workspace / "evidence"
    extras = list(opts.evidence_extra)
    notes: tuple[str, ...] = ()
    if own.is_dir():
        if opts.evidence_dir is None:
            extras.insert(0, own)
        else:
            notes = (
                f"{own} was not merged: --evidence uses only the library it names (add "
                f"--evidence-extra {own} to merge it)",
            )
    unique: dict[Path, Path] = {}
    for path in extras:  # a folder named twice is read once, as first named
        unique.setdefault(path.resolve(), path)
    if unique:
        folders = ", ".join(str(path) for path in unique.values())
        notes += (f"evidence from {folders} merged with the library, labelled by its owner",)
    return tuple(unique.values()), notes


def _notes(org: OrgFacts) -> tuple[str, ...]:
    """What the build assumed about the organisation, said so the presenter can correct it."""
    if org.setting_from == "industry":
        return (
            f"org.yaml gives no `workforce:`; as {org.industry}, most of your people are taken "
            f"to work {_SETTING_WORDS[org.setting]} (add `workforce: {{on_site: 80, "
            "remote_eligible: 20}` with your own shares if not)",
        )
    if not org.setting:
        return (
            "org.yaml gives neither `industry:` nor `workforce:`, so deckgen cannot tell where "
            "your people work; evidence about remote work is used as if some roles could be "
            "remote (add `workforce: {on_site: 80, remote_eligible: 20}`)",
        )
    return ()


_SETTING_WORDS = {
    "frontline": "on site, in person (frontline)",
    "mixed": "partly on site and partly remote-capable",
    "office": "in roles that can be done remotely",
}


def _setting(profile, kpis) -> tuple[str | None, str]:
    """Where the organisation's people work: from `workforce:`, else from the
    remote_eligible_share KPI, else from its industry (the build notes that it guessed)."""
    work = profile.workforce
    if work is not None and (work.on_site is not None or work.remote_eligible is not None):
        return setting_of(work.on_site, work.remote_eligible, None)
    if "remote_eligible_share" in kpis:
        setting, _ = setting_of(None, kpis["remote_eligible_share"].value, None)
        return setting, "remote_eligible_share"
    return setting_of(None, None, profile.industry)


def _theme(opts: BuildOptions) -> Theme:
    theme = load_theme(opts.theme)
    if opts.template is not None:
        theme = with_client_template(theme, opts.template, opts.layout_map)
        check_template(theme, opts.notes)  # once, up front: it would fail every deck alike
    elif opts.layout_map is not None:
        raise DeckgenError("--layout-map: only used with --template (a client's .pptx)")
    return theme


def _ask(audience: AudienceFile | None) -> AskFacts:
    ask = audience.ask if audience else None
    if ask is None:
        return AskFacts(None, None, None, None)
    return AskFacts(ask.what, ask.cost, ask.decision_by, ask.owner)


def _presenter(audience: AudienceFile | None) -> str | None:
    if not (audience and audience.presenter):
        return None
    p = audience.presenter
    return f"{p.name}, {p.role}" if p.role else p.name


def _font_warnings(fonts: Fonts) -> tuple[str, ...]:
    """Once per build: a template font deckgen has no metrics for (its fit is an estimate)."""
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
    use_cache(opts.cache_dir, opts.use_cache)
    return cache_root()


def _executives(opts: BuildOptions, audience: AudienceFile | None, root: Path) -> list[Executive]:
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
    return choose(executives_from(audience), opts.exec_names)


def choose(executives: list[Executive], names: tuple[str, ...]) -> list[Executive]:
    """The executives `names` mean (a name or a file name each), or all of them for none."""
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
