"""Slide roles: what each kind of slide needs (how many it makes, the names its templates may use)
and what it adds beyond title, bullets and notes (a quote, a chart, a table, a source line).
Adding a slide role is adding one class to ROLES; plan_deck never names a role."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from deckgen.blockers import BLOCKERS
from deckgen.figures import REPLACEMENT, Figure
from deckgen.load.storyline import SlideSpec
from deckgen.models import ChartPlan, SlidePlan, SourceRef
from deckgen.plan import figures as pf
from deckgen.plan.evidence import evidence_chart, evidence_context, source_line
from deckgen.plan.fit import quote
from deckgen.plan.inputs import DeckInputs
from deckgen.plan.org import kpi_table
from deckgen.select import Pick
from deckgen.text import Renderer, UserText


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


ROLES: dict[str, Role] = {}


def role(cls: type[Role]) -> type[Role]:
    ROLES[cls.name] = cls()
    return cls


PLAIN = Role()  # title, reframe, how, ask ...: text from the storyline's templates alone


def role_of(name: str) -> Role:
    return ROLES.get(name, PLAIN)


def _org_source(state: Planning) -> str:
    org = state.inputs.org
    return f"Source: {org.name} HR data; figures as supplied by the organisation."


@role
class Evidence(Role):
    name = "evidence"

    def count(self, spec, inputs, remaining_picks):
        return min(spec.repeat, remaining_picks)

    def prepare(self, spec, ctx, state):
        pick = state.picks.pop(0)
        names = {"evidence": evidence_context(pick, state.r)}
        chart = evidence_chart(pick, state.r)
        ref = pick.item.source_ref()
        return Prepared(names, [ref], source_line(ref, pick.item.title, pick.item.kind), chart)


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


@role
class ExecSummary(Role):
    name = "exec_summary"

    def prepare(self, spec, ctx, state):
        if not state.inputs.picks:
            return Prepared()
        lead = state.inputs.picks[0]
        return Prepared(
            {
                "lead": {
                    "headline": evidence_context(lead, state.r)["headline"],
                    "citation": UserText(
                        lead.item.source_ref().short, f"{lead.item.id}#citation", "evidence"
                    ),
                }
            }
        )


@role
class Acknowledge(Role):
    name = "acknowledge"

    def fill(self, plan, ctx, state):
        exe, r = state.inputs.executive, state.r
        plan.quote = quote(exe.said)
        if plan.quote:
            r.show(UserText(plan.quote, f"{exe.source}.said"))
            name = r.show(UserText(exe.name, f"{exe.source}.name"))
            role_text = r.show(UserText(exe.role, f"{exe.source}.role")) if exe.role else ""
            plan.quote_by = f"{name}, {role_text}" if role_text else name


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
        plan.chart = pf.trend_chart(inputs.figures, inputs.org.history, state.r)
        if plan.chart is None:
            plan.table = pf.trend_table(inputs.org.history, state.r)
        plan.source_line = _org_source(state)


@role
class Cost(Role):
    name = "cost"

    def count(self, spec, inputs, remaining_picks):
        return 1 if pf.cost_context(inputs.figures) else 0

    def fill(self, plan, ctx, state):
        figures = state.inputs.figures
        if not figures:
            return
        plan.chart = pf.cost_chart(figures, state.r)
        plan.table = pf.cost_table(figures, state.r)
        item = REPLACEMENT.item(state.inputs.library)  # cited as the library cites it
        cited = f"; replacement cost range from {item.source_ref().short}" if item else ""
        plan.source_line = (
            f"Team analysis of our own HR data{cited}. Formulas and inputs in the appendix."
        )


@role
class Benchmark(Role):
    name = "benchmark"

    def count(self, spec, inputs, remaining_picks):
        return 1 if pf.story_gaps(inputs.figures) else 0  # none worse: no problem to show

    def fill(self, plan, ctx, state):
        figures = state.inputs.figures
        if not figures:
            return
        plan.chart = pf.benchmark_chart(figures, state.r)
        plan.table, refs = pf.benchmark_table(figures, state.r)
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
