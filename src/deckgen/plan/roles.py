"""Slide roles: what each kind of slide needs (how many it makes, the names its templates may use)
and what it adds beyond title, bullets and notes (a quote, a chart, a table, a source line).
Adding a slide role is adding one class to ROLES; plan_deck never names a role."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

from deckgen.blockers import BLOCKERS
from deckgen.figures import REPLACEMENT, Figure
from deckgen.load.storyline import SlideSpec
from deckgen.models import ChartPlan, SlidePlan, SourceRef
from deckgen.plan import figures as pf
from deckgen.plan.evidence import (
    baseline_context,
    card_bullets,
    estimate_context,
    evidence_chart,
    evidence_context,
    source_line,
)
from deckgen.plan.fit import quote
from deckgen.plan.inputs import DeckInputs
from deckgen.plan.org import kpi_table
from deckgen.select import Pick
from deckgen.text import Renderer, UserText
from deckgen.words import TITLE_MAX


@dataclass
class Planning:
    """What one deck's planning carries from slide to slide."""

    inputs: DeckInputs
    r: Renderer
    picks: list[Pick]  # evidence not yet placed, best first
    appendix: list[Figure]  # figures still to explain, one appendix slide each
    tailor: Any = None  # plan/tailor.Tailor: the executive's specifics and role lens


@dataclass
class Prepared:
    """What a role adds before its templates render: names for them, citations, a chart."""

    names: dict[str, Any] = field(default_factory=dict)
    sources: list[SourceRef] = field(default_factory=list)
    source_line: str = ""
    chart: ChartPlan | None = None


class Role:
    """A slide role with no data of its own: one slide, text from its templates."""

    name: ClassVar[str] = ""

    def count(self, spec: SlideSpec, inputs: DeckInputs, remaining_picks: int) -> int:
        """How many slides this storyline entry makes for these inputs (0 drops it)."""
        return 1

    def prepare(self, spec: SlideSpec, ctx: dict[str, Any], state: Planning) -> Prepared:
        return Prepared()

    def fill(self, plan: SlidePlan, ctx: dict[str, Any], state: Planning) -> None:
        """Content beyond the templates' title, bullets and subtitle."""

    def finish(self, slides: list[SlidePlan], plan: SlidePlan, state: Planning) -> bool:
        """After every slide is planned (sources, limits); False drops the slide."""
        return True

    def expand(self, slides: list[SlidePlan], plan: SlidePlan, state: Planning) -> list[SlidePlan]:
        """After every slide is planned: the slides this one becomes (none, itself, or one per
        cited source for evidence cards)."""
        return [plan] if self.finish(slides, plan, state) else []


ROLES: dict[str, Role] = {}


def role(cls: type[Role]) -> type[Role]:
    ROLES[cls.name] = cls()
    return cls


PLAIN = Role()  # title, reframe, options, how, ask ...: text from the storyline's templates alone
CHART_WIDTH_IN = 8.25  # a CHART + TAKEAWAY slide's chart: most of the body, the takeaway beside


def role_of(name: str) -> Role:
    return ROLES.get(name, PLAIN)


def _org_source(state: Planning) -> str:
    org = state.inputs.org
    return f"Source: {org.name} HR data; figures as supplied by the organisation."


@role
class Evidence(Role):
    """WHAT IT MEANS FOR US: the study's finding, our own baseline for the measure it moves, and
    our estimate where a formula over both exists (figures/)."""

    name = "evidence"

    def count(self, spec, inputs, remaining_picks):
        return min(spec.repeat, remaining_picks)

    def prepare(self, spec, ctx, state):
        pick = state.picks.pop(0)
        names = {
            "evidence": evidence_context(pick, state.r),
            "baseline": baseline_context(pick, ctx["kpi"]),
            "estimate": estimate_context(pick, ctx["improvement"]),
        }
        chart = evidence_chart(pick, state.r)
        ref = pick.item.source_ref()
        return Prepared(names, [ref], source_line(ref, pick.item.title, pick.item.kind), chart)

    def fill(self, plan, ctx, state):
        """An item that draws its own two bars (a perception gap) is a CHART + TAKEAWAY: the
        chart, its finding beside it, the limits line."""
        if plan.chart is not None and plan.layout == "means":
            plan.layout = "chart"
            plan.chart = dataclasses.replace(plan.chart, width_in=CHART_WIDTH_IN)
            plan.cells = plan.cells[:1]


@role
class Secondary(Role):
    name = "secondary"

    def count(self, spec, inputs, remaining_picks):
        return 1 if inputs.answer_secondary else 0

    def prepare(self, spec, ctx, state):
        cls = state.inputs.classification
        second: dict[str, Any] = {
            "blocker": BLOCKERS[cls.secondary or "none"],
            "confidence": f"{cls.secondary_confidence:.2f}",
            "evidence": None,
            "words": UserText(words, f"{state.inputs.executive.source}.said")
            if (words := state.inputs.second_words)
            else None,
        }
        out = Prepared({"second": second})
        pick = state.inputs.second_pick
        if pick is not None:
            second["evidence"] = evidence_context(pick, state.r)
            ref = pick.item.source_ref()
            out.sources = [ref]
            out.source_line = source_line(ref, pick.item.title, pick.item.kind)
        return out


def _published(ctx: dict[str, Any], state: Planning) -> Prepared:
    """An evidence-only deck's published cost (no figures of our own): the `published` name,
    with its citation and source line; nothing for a deck with a cost of its own."""
    pick = state.inputs.published_cost
    if pick is None or ctx["cost"]:
        return Prepared()
    ref = pick.item.source_ref()
    line = source_line(ref, pick.item.title, pick.item.kind)
    return Prepared({"published": evidence_context(pick, state.r)}, [ref], line)


@role
class ExecSummary(Role):
    name = "exec_summary"

    def prepare(self, spec, ctx, state):
        out = _published(ctx, state)  # the DECISION's cost-of-waiting cell, when published
        if not state.inputs.picks:
            return out
        lead = state.inputs.picks[0]
        out.names["lead"] = {
            "headline": evidence_context(lead, state.r)["headline"],
            "citation": UserText(
                lead.item.source_ref().short, f"{lead.item.id}#citation", "evidence"
            ),
        }
        return out


@role
class Acknowledge(Role):
    name = "acknowledge"

    def fill(self, plan, ctx, state):
        exe, r = state.inputs.executive, state.r
        plan.quote = quote(exe.said)
        if plan.quote:
            r.show(UserText(plan.quote, f"{exe.source}.said"))
            # no name given: attributed by role alone, never a made-up name
            name = r.show(UserText(exe.name, f"{exe.source}.name")) if exe.named else ""
            role_text = r.show(UserText(exe.role, f"{exe.source}.role")) if exe.role else ""
            by = ", ".join(part for part in (name, role_text) if part)
            plan.quote_by = by or "As it was put to us"


@role
class Kpis(Role):
    name = "kpis"

    def count(self, spec, inputs, remaining_picks):
        return 1 if inputs.org.kpis else 0  # no KPIs: the slide drops out, never empty

    def fill(self, plan, ctx, state):
        trend = ctx["trend"]
        plan.table = kpi_table(state.inputs.org, state.r, trend["name"] if trend else None)
        plan.source_line = _org_source(state)


@role
class Trend(Role):
    name = "trend"

    def count(self, spec, inputs, remaining_picks):
        return 1 if pf.trend_context(inputs.figures) else 0

    def fill(self, plan, ctx, state):
        inputs = state.inputs
        chart = pf.trend_chart(inputs.figures, inputs.org.history, state.r)
        if chart is None:
            plan.table = pf.trend_table(inputs.org.history, state.r)
        else:
            plan.chart = dataclasses.replace(chart, width_in=CHART_WIDTH_IN)
            plan.subtitle = plan.subtitle or pf.trend_subtitle(inputs.org.history, state.r)
        plan.source_line = _org_source(state)


@role
class Cost(Role):
    """BIG NUMBER: what doing nothing costs us; in an evidence-only deck, the published cost
    for a comparable population (the `published` name), cited as its source's figure."""

    name = "cost"

    def count(self, spec, inputs, remaining_picks):
        return 1 if pf.cost_context(inputs.figures) or inputs.published_cost else 0

    def prepare(self, spec, ctx, state):
        return _published(ctx, state)

    def fill(self, plan, ctx, state):
        """BIG NUMBER: the figure and its comparisons come from the storyline's cells."""
        if ctx["published"]:
            return  # the source line is the published figure's own
        item = REPLACEMENT.item(state.inputs.library)  # cited as the library cites it
        cited = f"; replacement cost range from {item.source_ref().short}" if item else ""
        plan.source_line = (
            f"Team analysis of our own HR data{cited}. Formulas and inputs in the appendix."
        )


@role
class CostDetail(Cost):
    """Appendix: the cost of inaction low to high, as a range chart over its table."""

    name = "cost_detail"

    def count(self, spec, inputs, remaining_picks):
        return 1 if pf.cost_context(inputs.figures) else 0  # our own range only

    def fill(self, plan, ctx, state):
        super().fill(plan, ctx, state)
        figures = state.inputs.figures
        if figures:
            plan.chart = pf.cost_chart(figures, state.r)
            plan.table = pf.cost_table(figures, state.r)


@role
class Benchmark(Role):
    name = "benchmark"

    def count(self, spec, inputs, remaining_picks):
        return 1 if pf.story_gaps(inputs.figures) else 0  # none worse: no problem to show

    def fill(self, plan, ctx, state):
        figures = state.inputs.figures
        if not figures:
            return
        chart = pf.benchmark_chart(figures, state.r)
        table, refs = pf.benchmark_table(figures, state.r)
        if chart is not None and plan.layout in ("chart", "comparison"):
            plan.chart = dataclasses.replace(chart, width_in=CHART_WIDTH_IN, height_in=4.2)
        else:
            plan.chart, plan.table = chart, table
        plan.sources = refs
        plan.source_line = (
            "Source: "
            + "; ".join(f"{ref.short}, grade {ref.grade}" for ref in refs)
            + (f"; ours from {state.inputs.org.name} HR data.")
        )


@role
class Appendix(Role):
    name = "appendix"

    def count(self, spec, inputs, remaining_picks):
        return len(pf.appendix_figures(inputs.figures))

    def prepare(self, spec, ctx, state):
        return Prepared({"figure": state.appendix.pop(0)})

    def fill(self, plan, ctx, state):
        index = {item.id: item for item in state.inputs.library}
        plan.bullets = pf.appendix_bullets(ctx["figure"], index, state.r)


@role
class Options(Role):
    """OPTIONS: the table comes from the storyline's rows; its figures are ours and the ask's."""

    name = "options"

    def fill(self, plan, ctx, state):
        plan.source_line = (
            "No figures of ours are shown: the pilot's budget is to be set; a full programme "
            "is not costed."
            if state.inputs.org.evidence_only
            else "Costs from our HR data and the ask as proposed; a full programme is not costed."
        )


@role
class Roadmap(Role):
    """ROADMAP: milestones, gates, the stop rule and the owner, from the storyline's rows."""

    name = "how"

    def fill(self, plan, ctx, state):
        if plan.table is not None:
            plan.source_line = "Timetable and stop rule: a plan to agree today, not a finding."


@role
class Cards(Role):
    """APPENDIX CARD: one slide per source the story cites, in the order first cited."""

    name = "cards"

    def expand(self, slides, plan, state):
        index = {item.id: item for item in state.inputs.library}
        out = []
        for ref in _cited(slides):
            item = index.get(ref.evidence_id)
            if item is None:
                continue
            short = state.r.show(UserText(_card_name(ref.short), f"{item.id}#citation", "evidence"))
            card = dataclasses.replace(
                plan,
                title=f"Evidence card: {short}",
                bullets=card_bullets(item, state.r),
                sources=[ref],
                source_line="",
            )
            card.numbers = state.r.take()
            out.append(card)
        return out


def _card_name(short: str) -> str:
    """A citation short enough for a card's title: 'Krekel, Ward & De Neve (2019)' when the
    whole of it ('..., Saïd Business School working paper (CEP ...)') would run past it."""
    limit = TITLE_MAX - len("Evidence card: ")
    if len(short) <= limit:
        return short
    head = short.split("), ")[0] + ")"
    return head if len(head) <= limit else short[:limit].rsplit(" ", 1)[0]


def _cited(slides: list[SlidePlan]) -> list[SourceRef]:
    """Every source cited on the deck's slides, once each, in the order first cited."""
    refs = [ref for slide in slides for ref in slide.sources]
    return list({ref.evidence_id: ref for ref in refs}.values())


@role
class Sources(Role):
    name = "sources"

    def finish(self, slides, plan, state):
        r, org = state.r, state.inputs.org
        plan.bullets = [
            r.show(UserText(f"{ref.full} Grade {ref.grade}.", ref.evidence_id, "evidence"))
            for ref in _cited(slides)
        ]
        plan.bullets.append(
            r.show(
                UserText(
                    "No figures of our own are used: every number in this deck is a published "
                    "one, listed in the manifest beside the deck with its source.",
                    "evidence only",
                    "evidence",
                )
            )
            if org.evidence_only
            else r.show(
                UserText(
                    f"{org.name} HR data supplied for this deck; the manifest beside the deck "
                    "lists every number with the file and line it came from.",
                    "org files",
                    "org",
                )
            )
        )
        plan.numbers += r.take()
        return True


@role
class Limits(Role):
    name = "limits"

    def finish(self, slides, plan, state):
        index = {item.id: item for item in state.inputs.library}
        plan.bullets = pf.limits_bullets(_cited(slides), index, state.r)
        plan.numbers += state.r.take()
        return bool(plan.bullets)
