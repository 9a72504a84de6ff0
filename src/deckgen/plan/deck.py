"""Turn a storyline, one executive, the org's figures and the chosen evidence into a DeckPlan:
each storyline entry makes as many slides as its role says, each slide renders its templates
with the names its role prepares, then the role adds what templates cannot (charts, tables)."""

from __future__ import annotations

from typing import Any

from deckgen.fmt import Formatter
from deckgen.load.storyline import APPENDIX_ROLES, STORY_MAX, SlideSpec, Storyline
from deckgen.load.storyline import Role as RoleName
from deckgen.models import Cell, DeckPlan, SlidePlan, Table, Typeset
from deckgen.plan import appendix, roles  # noqa: F401  (their @role classes register)
from deckgen.plan import figures as pf
from deckgen.plan.context import deck_context
from deckgen.plan.evidence import missing_note
from deckgen.plan.fit import paginate, title_fits
from deckgen.plan.inputs import DeckInputs
from deckgen.plan.role_base import Planning, role_of
from deckgen.plan.tailor import Tailor, lens_for, merge
from deckgen.text import Renderer, UserText
from deckgen.words import TITLE_MAX


def _counts(storyline: Storyline, inputs: DeckInputs) -> list[int]:
    """How many slides each storyline entry yields for these inputs (0 drops it)."""
    remaining = len(inputs.picks)
    counts = []
    for spec in storyline.slides:
        n = role_of(spec.role).count(spec, inputs, remaining)
        if spec.role == "evidence":
            remaining -= n
        counts.append(n)
    return _trim(storyline, counts)


def _trim(storyline: Storyline, counts: list[int]) -> list[int]:
    """Give up one slide of each of the storyline's `trim` roles in turn, until the story (the
    slides after the title, before the appendix) fits in STORY_MAX."""
    story = [
        i
        for i, spec in enumerate(storyline.slides)
        if spec.role not in APPENDIX_ROLES and spec.role != "title"
    ]
    counts = list(counts)
    for role in storyline.trim:
        if sum(counts[i] for i in story) <= STORY_MAX:
            break
        last = next((i for i in reversed(story) if storyline.slides[i].role == role), None)
        if last is not None and counts[last] > 0:
            counts[last] -= 1
    return counts


def evidence_room(inputs: DeckInputs, storyline: Storyline) -> int:
    """How many evidence slides the story has room for, after trimming to STORY_MAX."""
    counts = _counts(storyline, inputs)
    return sum(
        n for spec, n in zip(storyline.slides, counts, strict=True) if spec.role == "evidence"
    )


def strongest(picks: list, room: int, industry: str | None = None) -> list:
    """The picks the story has room for, in the order their slots come. When there is room
    for fewer than the storyline's slots, the storyline's order decides, except that an item
    the executive's `evidence.use` names, then the organisation's own or its adviser's
    evidence (`owner:`), then evidence from the organisation's own industry, is kept before
    the rest: fit before strength."""
    if len(picks) <= room:
        return list(picks)

    def rank(i: int) -> tuple:
        pick = picks[i]
        own = getattr(pick.item, "owner", None) is not None
        same = bool(industry) and industry in pick.item.fit.industries
        return (not pick.chosen, not own, not same, i)

    ranked = sorted(range(len(picks)), key=rank)[:room]
    return [picks[i] for i in sorted(ranked)]


def _slide_numbers(storyline: Storyline, counts: list[int]) -> dict[str, str]:
    """Role -> '4' or '7–9', the slides it landed on; '' for a role the deck leaves out."""
    numbers: dict[str, list[int]] = {}
    n = 0
    for spec, times in zip(storyline.slides, counts, strict=True):
        for _ in range(times):
            n += 1
            numbers.setdefault(spec.role, []).append(n)
    out = {role: "" for role in RoleName.__args__}
    for role, nums in numbers.items():
        out[role] = str(nums[0]) if len(nums) == 1 else f"{nums[0]}–{nums[-1]}"
    return out


def plan_deck(
    inputs: DeckInputs, storyline: Storyline, fmt: Formatter, theme: str, typeset: Typeset
) -> DeckPlan:
    r = Renderer(fmt)
    counts = _counts(storyline, inputs)
    context = deck_context(inputs, _slide_numbers(storyline, counts))
    state = Planning(inputs, r, list(inputs.picks), pf.appendix_figures(inputs.figures))
    state.tailor = Tailor(
        inputs.executive.source, lens_for(inputs.executive.role), inputs.specifics
    )
    slides: list[SlidePlan] = []
    for spec, times in zip(storyline.slides, counts, strict=True):
        for _ in range(times):
            slides.append(_plan_slide(spec, context, state, typeset))
    slides = [x for s in slides for x in role_of(s.role).expand(slides, s, state)]
    slides = paginate(slides, typeset)
    coaching = state.tailor.coaching(context, r)
    gaps = missing_note(inputs)
    if gaps and slides and slides[0].notes:
        slides[0].notes = f"{slides[0].notes.rstrip()}\n{gaps}"
    title = next(s.title for s in slides if s.role == "title")
    org = inputs.org
    return DeckPlan(
        inputs.executive,
        inputs.classification,
        title,
        inputs.presenter or (f"{org.name} People team" if org.named else ""),
        inputs.deck_date,
        slides,
        theme,
        tuple(
            (sp.name, sp.words, tuple(dict.fromkeys(state.tailor.landed.get(sp.name, []))))
            for sp in inputs.specifics
        ),
        tuple(coaching),
        state.tailor.lens.name if state.tailor.lens else None,
    )


def _title(
    spec: SlideSpec, ctx: dict[str, Any], state: Planning, where: str, typeset: Typeset
) -> str:
    """The first title that fits the layout's title frame: one the executive's own words give
    (data/specifics.yaml titles), then the storyline's; the storyline's last one (which always
    fits in TITLE_MAX characters, checked when the storyline loads) if none does. Never cut."""
    r = state.r
    frame = typeset.titles.get(spec.layout)
    for text, specific in state.tailor.titles(spec.role, ctx, r):
        if len(text) <= TITLE_MAX and title_fits(text, frame, typeset.heading_font):
            state.tailor.record_title(spec.role, specific, text)
            return text
    for option in spec.title:
        text = r.render(option, ctx, where)
        if title_fits(text, frame, typeset.heading_font):
            return text
    return r.render(spec.title[-1], ctx, where)


def _plan_slide(
    spec: SlideSpec, context: dict[str, Any], state: Planning, typeset: Typeset
) -> SlidePlan:
    r = state.r
    role = role_of(spec.role)
    prepared = role.prepare(spec, context, state)
    ctx = {**context, **prepared.names}
    where = f"decks storyline, slide '{spec.role}'"
    title = _title(spec, ctx, state, where, typeset)
    bullets = [b for b in (r.render(t, ctx, where) for t in spec.bullets) if b]
    lead, close = state.tailor.lines(spec.role, ctx, r, where)
    bullets = merge(spec.role, bullets, lead, close)
    state.tailor.record(spec.role, bullets)
    subtitle = r.render(spec.subtitle, ctx, where) if spec.subtitle else ""
    plan = SlidePlan(
        role=spec.role,
        layout=spec.layout,
        title=title,
        subtitle=subtitle,
        tag=r.render(spec.tag, ctx, where) if spec.tag else "",
        cells=_cells(spec, ctx, r, where),
        table=_rows(spec, ctx, r, where),
        bullets=bullets,
        sources=prepared.sources,
        source_line=prepared.source_line,
    )
    if prepared.chart is not None:
        plan.chart = prepared.chart
        if plan.layout == "content":
            plan.layout = "two_content"
    role.fill(plan, ctx, state)
    if plan.source_line:
        refs = ",".join(ref.evidence_id for ref in plan.sources) or "org data"
        kind = "evidence" if plan.sources else "org"
        r.show(UserText(plan.source_line, f"source line: {refs}", kind))
    plan.numbers = r.take()
    plan.notes = r.render(spec.notes, ctx, where)
    r.take()  # numbers in the notes are the talk track, not slide content
    return plan


def _cells(spec: SlideSpec, ctx: dict[str, Any], r: Renderer, where: str) -> list[Cell]:
    """The slide's figures set large; a cell whose figure renders empty is left out."""
    cells = []
    for cell in spec.cells:
        value = r.render(cell.value, ctx, where)
        if value:
            label = r.render(cell.label, ctx, where) if cell.label else ""
            heading = r.render(cell.heading, ctx, where) if cell.heading else ""
            cells.append(Cell(value, label, heading))
    return cells


def _rows(spec: SlideSpec, ctx: dict[str, Any], r: Renderer, where: str) -> Table | None:
    """The slide's table (OPTIONS, ROADMAP): header first; a row with nothing after its label
    is left out."""
    if not spec.rows:
        return None
    header, *body = [[r.render(c, ctx, where) for c in row] for row in spec.rows]
    rows = [row for row in body if any(row[1:])]
    if not rows:
        return None
    first = 0.22 if len(header) > 2 else 0.35
    rest = (1 - first) / max(1, len(header) - 1)
    return Table(header, rows, [first] + [rest] * (len(header) - 1), f"{spec.role.title()} table")
