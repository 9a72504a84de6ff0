"""`deckgen answer`: the inputs of an evidence-only deck. An advocate (a union representative, a
wellbeing lead, a coach) has an objection and no organisation's data: the organisation is its
country and industry alone, with no KPIs, headcount or salary, and nothing stands in for them;
the executive is the objection's words and a role. The build is then the same as any."""

from __future__ import annotations

import re

from deckgen.blockers import resolve_blocker
from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.figures import OrgFigures
from deckgen.fmt import Formatter
from deckgen.inputs import (
    BuildInputs,
    _cache_root,
    _deck_date,
    _font_warnings,
    _theme,
    _timestamp,
)
from deckgen.library import load_library_checked
from deckgen.load.audience import MAX_TEXT, safe_stem, stem_for
from deckgen.load.places import countries, resolve_country, resolve_industry, setting_of
from deckgen.load.template_notes import template_warnings
from deckgen.load.yamlfile import unholdable
from deckgen.models import Executive
from deckgen.options import AnswerRequest, BuildOptions
from deckgen.plan import AskFacts, OrgFacts
from deckgen.resources import evidence_dir

UNNAMED_ORG = (
    "our organisation"  # how the deck speaks of an organisation it was not told the name of
)
NO_CURRENCY = "XXX"  # ISO 4217 "no currency": no amount of the organisation's own is ever shown
STEM_CHARS = 40  # an answer deck's file name: answer- and the objection's first words


def answer_stem(words: str) -> str:
    """`We can't afford this right now` -> `answer-we-cant-afford-this-right-now`: the
    objection's opening words, whole words only."""
    slug = safe_stem(re.sub(r"['’‘`]", "", words))
    cut = slug if len(slug) <= STEM_CHARS else slug[: STEM_CHARS + 1].rsplit("-", 1)[0]
    return f"answer-{cut}" if cut else "answer"


def load_answer_inputs(opts: BuildOptions):
    """load_inputs for `deckgen answer`: the same BuildInputs, with an organisation that has no
    figures and one executive per objection; every flag is checked, all problems at once."""
    req = opts.answer
    assert req is not None
    country, industry = _place(req)
    cache = _cache_root(opts)
    library, library_warnings = load_library_checked(
        (opts.evidence_dir or evidence_dir()).resolve(), tuple(opts.evidence_extra)
    )
    theme = _theme(opts)
    theme_warnings = (
        *template_warnings(theme.package, opts.strict),
        *_font_warnings(theme.spec.fonts),
    )
    deck_day, date_source = _deck_date(None)
    charts = None
    if cache:
        from deckgen.charts.cache import ChartCache

        charts = ChartCache(cache / "charts")
        charts.prepare()
    setting, setting_from = setting_of(None, None, industry)
    locale = "en-US" if country == "US" else "en-GB"
    org = OrgFacts(
        req.org or UNNAMED_ORG,
        NO_CURRENCY,
        locale,
        countries()[country].region if country else None,
        industry,
        {},
        {},
        (),
        country=country,
        setting=setting,
        setting_from=setting_from,
        evidence_only=True,
        named=req.org is not None,
    )
    inputs = BuildInputs(
        opts=opts,
        library=library,
        theme=theme,
        typeset=theme.typeset(),
        fmt=Formatter(locale, NO_CURRENCY),
        org=org,
        ask=AskFacts(None, None, None, None),
        presenter=req.presenter,
        purpose="decision",
        deck_day=deck_day,
        date_source=date_source,
        when=_timestamp(deck_day),
        figures=OrgFigures(None, None, None, None, None, None, (), (), {}),
        charts=charts,
        templates=cache / "templates" if cache else None,
    )
    executives = [_executive(words, where, stem, req) for (words, where), stem in _paired(req)]
    return inputs, executives, (*library_warnings, *theme_warnings), _notes(org)


def _place(req: AnswerRequest) -> tuple[str | None, str | None]:
    """--country and --industry read as org.yaml reads them, with its did-you-mean; the other
    flags checked too, every problem reported at once."""
    problems, country, industry = [], None, None
    if req.country is not None:
        try:
            country = resolve_country(req.country).code
        except ValueError as exc:
            problems.append(Problem("--country", str(exc)))
    if req.industry is not None:
        try:
            industry = resolve_industry(req.industry)
        except ValueError as exc:
            problems.append(Problem("--industry", str(exc)))
    if req.blocker is not None:
        try:
            resolve_blocker(req.blocker)
        except DeckgenError as exc:
            problems.append(Problem("--blocker", str(exc)))
    for flag, text in (("--role", req.role), ("--org", req.org), ("--presenter", req.presenter)):
        if text is not None and not text.strip():
            problems.append(Problem(flag, "expected text, got an empty value"))
        elif text is not None and len(text) > 150:
            problems.append(Problem(flag, f"expected at most 150 characters, got {len(text)}"))
        elif text is not None and (bad := unholdable(text)):
            problems.append(
                Problem(flag, f"contains the control character U+{ord(bad):04X}; remove it")
            )
    if problems:
        raise InputError(problems)
    return country, industry


def _paired(req: AnswerRequest):
    if len(req.stems) != len(req.objections):  # pragma: no cover - the CLI makes one per line
        raise DeckgenError("internal: one file name per objection expected")
    return zip(req.objections, req.stems, strict=True)


def _executive(words: str, where: str, stem: str, req: AnswerRequest) -> Executive:
    """The one executive an objection stands for: their words and role, and no name ("the
    CFO", or "the executive"), so the deck addresses them without inventing one."""
    if bad := unholdable(words):
        raise DeckgenError(
            f"{where}: contains the control character U+{ord(bad):04X}, which a slide cannot "
            "hold; remove it"
        )
    role = req.role.strip() if req.role else None
    said = words.strip()[:MAX_TEXT]
    display = f"the {role}" if role else "the executive"
    blocker = resolve_blocker(req.blocker) if req.blocker else None
    return Executive(
        display, role, said, blocker, stem or stem_for(said, 0), where, len(words), named=False
    )


def _notes(org: OrgFacts) -> tuple[str, ...]:
    """What the presenter should know about an evidence-only deck."""
    notes = [
        "no figures of the organisation's own are used: every number is published evidence "
        "(build from a workspace with org.yaml to add your own)"
    ]
    if org.country is None:
        notes.append(
            "no --country given: national statistics and cost models are left out, since "
            "deckgen cannot tell which population is comparable"
        )
    return tuple(notes)
