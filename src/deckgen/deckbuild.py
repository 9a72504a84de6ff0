"""Stage three: one deck, start to finish, in memory: select evidence -> plan -> render charts ->
write pptx -> check. A DeckBuilder is made once per process per build; the objects it holds keep
what they learn across that build's decks (storylines, slides already written or checked)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from deckgen.charts import chart_images
from deckgen.check import DeckChecker, font_fallback_finding
from deckgen.classify import is_close
from deckgen.deckcache import DeckCache
from deckgen.errors import DeckgenError
from deckgen.inputs import BuildInputs
from deckgen.jobs import DeckJob
from deckgen.load.storyline import Storyline, load_storyline, storyline_for
from deckgen.manifest import build_manifest
from deckgen.models import DeckPlan, DeckResult
from deckgen.plan import DeckInputs, evidence_room, plan_deck, strongest
from deckgen.pptx.writer import DeckWriter
from deckgen.resources import cache_root, use_cache
from deckgen.select import Pick, Selection, select_for_slots
from deckgen.select.cost import published_cost
from deckgen.select.fit import Audience, superseded_by
from deckgen.specifics import changes, find_specifics
from deckgen.text import use_template_cache
from deckgen.words import plural


class Built(Struct, frozen=True):
    target: Path
    pptx: bytes
    manifest: bytes
    result: DeckResult
    plan: DeckPlan | None = None  # kept when the build's options ask for plans (the web preview)


class Failed(Struct, frozen=True):
    executive: str
    message: str  # the DeckgenError that stopped this deck (the others go on)


class Planner:
    """Storylines (read once per build) + evidence chosen for their slots -> a DeckPlan."""

    def __init__(self, inputs: BuildInputs):
        self.inputs = inputs
        self._storylines: dict[str, Storyline] = {}
        self._superseded = superseded_by(inputs.library)

    def storyline(self, blocker: str, name: str | None = None) -> Storyline:
        name = name or storyline_for(blocker)
        if name not in self._storylines:
            self._storylines[name] = load_storyline(name)
        return self._storylines[name]

    def audience(self, job: DeckJob):
        """The specifics in the executive's words, and who evidence must fit (the hard rules)."""
        org = self.inputs.org
        specifics = find_specifics(job.executive.said)
        who = Audience(
            org.country,
            org.region,
            org.industry,
            "frontline" if any(sp.fit.on_site for sp in specifics) else org.setting,
            frozenset(org.kpis),
            any(sp.fit.distrusts_sponsored for sp in specifics),
            self._superseded,
            any(sp.fit.same_industry for sp in specifics),
        )
        return specifics, who

    def plan(
        self, job: DeckJob, storyline_name: str | None = None
    ) -> tuple[DeckPlan, Storyline, Selection, Pick | None]:
        # long: one deck's inputs in the order each needs the last (slots, audience, selection,
        # the second concern, the published cost), then the room the story has for evidence
        s, cls = self.inputs, job.classification
        storyline = self.storyline(cls.blocker, storyline_name)
        org = s.org
        wants = [
            spec.want[i] if i < len(spec.want) else None
            for spec in storyline.slides
            if spec.role == "evidence"
            for i in range(spec.repeat)
        ]
        specifics, who = self.audience(job)
        exe = job.executive
        avoid = frozenset(exe.avoid)
        published, gap = self._published_cost(cls.blocker, who, avoid)
        taken_first = frozenset([published.item.id]) if published else frozenset()
        chosen = (
            Selection()
            if cls.blocker == "none"
            else select_for_slots(s.library, cls.blocker, wants, who, avoid | taken_first, exe.use)
        )
        picks = chosen.picks
        answer_secondary = cls.how == "classified" and cls.blocker != "none" and is_close(cls)
        second_words = None
        if not answer_secondary and cls.blocker != "none":
            # a specific the executive named that raises another blocker gets its own slide
            raised = next((sp for sp in specifics if sp.answers not in (None, cls.blocker)), None)
            if raised is not None:
                cls = replace(cls, secondary=raised.answers, secondary_clear=True)
                answer_secondary, second_words = True, raised.words
        second = None
        if answer_secondary and cls.secondary:
            taken = frozenset(p.item.id for p in picks) | avoid
            found = select_for_slots(s.library, cls.secondary, [None], who, taken, exe.use)
            second = found.picks[0] if found.picks else None
        deck_inputs = DeckInputs(
            org,
            job.executive,
            cls,
            s.presenter,
            s.purpose,
            s.ask,
            s.deck_day,
            s.date_source,
            picks,
            second,
            answer_secondary,
            s.figures,
            s.library,
            (*chosen.missing, *([gap] if gap else [])),
            specifics,
            second_words,
            published,
        )
        room = evidence_room(deck_inputs, storyline)
        if room < len(picks):  # the story has room for fewer: the weakest pick gives way
            chosen = replace(chosen, picks=strongest(picks, room, org.industry))
            deck_inputs = replace(deck_inputs, picks=chosen.picks)
        plan = plan_deck(deck_inputs, storyline, s.fmt, s.theme.spec.name, s.typeset)
        return plan, storyline, chosen, second

    def _published_cost(self, blocker: str, who: Audience, avoid: frozenset[str]):
        """An evidence-only deck's BIG NUMBER: the published cost for a comparable population
        (or the gap, said in the notes); none for a deck with figures of its own."""
        if not self.inputs.org.evidence_only or blocker == "none":
            return None, None
        return published_cost(self.inputs.library, blocker, who, avoid)


def board_job(jobs: list[DeckJob], target: Path) -> DeckJob:
    """The board pack's opening and closing are planned as a deck for the board as a whole:
    no one's words, the blocker most of the audience raised (the first raised, on a tie)."""
    from collections import Counter

    from deckgen.models import Classification, Executive

    counts = Counter(j.classification.blocker for j in jobs if j.classification.blocker != "none")
    blocker = max(counts, key=lambda b: (counts[b], -next(i for i, j in enumerate(jobs)
                  if j.classification.blocker == b))) if counts else "none"  # fmt: skip
    board = Executive("the board", None, None, blocker, target.stem, "--board-pack")
    return DeckJob(executive=board, classification=Classification(blocker, 1.0, "given"),
                   target=target)  # fmt: skip


class DeckBuilder:
    """Builds this build's decks, one job at a time: `builder(job)` is Built or Failed."""

    def __init__(self, inputs: BuildInputs):
        self.inputs = inputs
        # A worker process reads the data tables it plans with through the build's cache too.
        use_cache(inputs.opts.cache_dir, inputs.opts.use_cache)
        self.planner = Planner(inputs)
        self.writer = DeckWriter(inputs.theme, inputs.when, inputs.org.locale)
        fonts = inputs.theme.spec.fonts
        # The build says once, not per deck, that a template font is measured by the fallback;
        # a board copy has no notes on purpose.
        self._quiet = {font_fallback_finding(font) for font in (fonts.body, fonts.heading)}
        skip = () if inputs.opts.notes else ("SL-13",)
        self.checker = DeckChecker({item.id: item for item in inputs.library}, skip)
        self.decks = DeckCache(cache_root(), _shared(inputs, skip))

    def __call__(self, job: DeckJob) -> Built | Failed:
        try:
            return self._build(job)
        except DeckgenError as exc:
            return Failed(job.executive.name, str(exc))

    def _build(self, job: DeckJob) -> Built:
        use_template_cache(self.inputs.templates)
        plan, storyline, selection, second = self.planner.plan(job)
        return self._finish(job, plan, storyline.name, selection, second)

    def board(self, jobs: list[DeckJob], target: Path) -> Built | Failed:
        """One deck for the whole audience (plan/board.py), written and checked as any deck."""
        from deckgen.plan.board import BoardPart, compose_board

        try:
            use_template_cache(self.inputs.templates)
            parts = []
            for job in jobs:
                plan, _, selection, _ = self.planner.plan(job)
                parts.append(BoardPart(job.executive, job.classification, plan, selection))
            neutral = board_job(jobs, target)
            opening, _, _, _ = self.planner.plan(neutral, "board")
            s = self.inputs
            plan = compose_board(parts, opening, s.fmt, s.library, s.typeset)
            shown = {r.evidence_id for sl in plan.slides for r in sl.sources}
            picks = [p for part in parts for p in part.selection.picks if p.item.id in shown]
            unique = list({p.item.id: p for p in picks}.values())
            return self._finish(neutral, plan, "board-pack", Selection(unique), None)
        except DeckgenError as exc:
            return Failed("the board pack", str(exc))

    def _finish(
        self, job: DeckJob, plan: DeckPlan, storyline: str, selection: Selection, second
    ) -> Built:
        """The plan written, its manifest made, the deck checked, the report's facts."""
        s = self.inputs
        mode = s.opts.charts or s.theme.spec.charts
        charts = chart_images(plan, s.theme.spec, s.charts) if mode != "native" else None
        if not s.opts.notes:
            for slide in plan.slides:
                slide.notes = ""  # the board copy: nothing the presenter wrote for themselves
        pictures = charts.by_slide if charts else {}
        manifest = build_manifest(plan, job.target.name, s.figures)
        data, findings = self._written(plan, pictures, manifest, job.target.name)
        shown = sum(
            1 for sl in plan.slides for n in sl.numbers if n.unit not in ("text", "date")
        )  # figures, not digits inside quoted text
        citations = tuple(dict.fromkeys(r.evidence_id for sl in plan.slides for r in sl.sources))
        chosen, kept_out, missing = _evidence_report(selection, second)
        exe, cls = job.executive, job.classification
        taken = {item_id for item_id, _, _ in chosen}
        unused = tuple(
            f"{exe.name}: evidence.use '{item_id}' in audience.yaml is not in the deck: {why}"
            for item_id, why in selection.unused
            if item_id not in taken
        )
        result = DeckResult(
            exe.name,
            exe.role,
            cls.blocker,
            cls.how,
            cls.confidence,
            job.target,
            len(plan.slides),
            shown,
            citations,
            (*job.warnings, *unused),
            storyline,
            chosen,
            tuple(str(f) for f in findings),
            charts.rendered if charts else 0,
            charts.cached if charts else 0,
            sum(1 for f in findings if f.severity == "error"),
            sum(1 for f in findings if f.severity == "warning"),
            kept_out,
            missing,
            tuple(
                (name, words, changes().get(name, ""), roles)
                for name, words, roles in plan.specifics
            ),
            plan.coaching,
            plan.lens,
            tuple(f.rule for f in findings),
            tuple(f.slide for f in findings),
            tuple(
                tuple(o for o in p.others if o not in taken)
                for p in (*selection.picks, *([second] if second else []))
            ),
        )
        return Built(job.target, data, manifest, result, plan if s.opts.keep_plans else None)

    def _written(self, plan: DeckPlan, pictures: dict, manifest: bytes, name: str):
        """The deck's bytes and what the checker found: from the cache for a deck built before
        from the same plan, pictures and manifest, else written and checked now."""
        key = self.decks.key(plan, pictures, manifest)
        known = self.decks.get(key)
        if known is None:
            written = self.writer.written(plan, pictures)
            report = self.checker.check(written.presentation, json.loads(manifest), name)
            known = (written.data, report.findings)
            self.decks.put(key, *known)
        data, found = known
        return data, self._check(found, name)

    def _check(self, found: list, name: str) -> list:
        """`deckgen check`'s findings on the deck before it is written (checked on the
        presentation it was saved from); --strict refuses one with errors."""
        findings = [f for f in found if f not in self._quiet]
        errors = [f for f in findings if f.severity == "error"]
        if self.inputs.opts.strict and errors:
            lines = "; ".join(str(f) for f in errors[:5])
            raise DeckgenError(
                f"{name}: the checker found {plural(len(errors), 'error')} ({lines})"
            )
        return findings


def _shared(inputs: BuildInputs, skip: tuple[str, ...]) -> bytes:
    """What every deck of a build is made with besides its plan: the theme and its template,
    the date, the language, the library the checker reads and the rules it skips."""
    theme = inputs.theme
    made = (theme.spec, theme.facts, inputs.when, inputs.org.locale, inputs.library, skip)
    return hashlib.sha256(theme.package.data).digest() + repr(made).encode()


def _evidence_report(selection: Selection, second: Pick | None):
    """For the build report: (id, slot, reasons) per pick, the best item a fit rule kept out of
    each slot, and the slots nothing fits."""
    picks = [*selection.picks, *([second] if second else [])]
    chosen = tuple(
        (p.item.id, p.purpose or "the second concern", p.reasons)
        if p is second
        else (p.item.id, p.purpose, p.reasons)
        for p in picks
    )
    kept_out = tuple(
        (p.purpose, p.excluded.item_id, p.excluded.rule, p.excluded.why)
        for p in picks
        if p.excluded
    )
    missing = tuple(
        (
            m.purpose,
            m.needs,
            *(
                (m.excluded.item_id, m.excluded.rule, m.excluded.why)
                if m.excluded
                else ("", "", "")
            ),
        )
        for m in selection.missing
    )
    return chosen, kept_out, missing
