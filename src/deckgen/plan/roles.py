"""The story's slide roles: what each kind of slide needs (how many it makes, the names its
templates may use) and what it adds beyond title, bullets and notes (a quote, a chart, a table,
a source line). Adding a slide role is adding one class with @role; plan_deck never names a role.
The appendix's roles are in plan/appendix.py."""

from __future__ import annotations

from typing import Any

from msgspec import structs

from deckgen.blockers import BLOCKERS
from deckgen.figures import REPLACEMENT
from deckgen.plan import figures as pf
from deckgen.plan.evidence import (
    baseline_context,
    estimate_context,
    evidence_chart,
    evidence_context,
    source_line,
)
from deckgen.plan.fit import quote
from deckgen.plan.role_base import (
    CHART_WIDTH_IN,
    Planning,
    Prepared,
    Role,
    org_source,
    role,
)
from deckgen.text import UserText


@role
class Evidence(Role):
    """WHAT IT MEANS FOR US: the study's finding, our own baseline for the measure it moves, and
    our estimate where a formula over both exists (figures/)."""

    name = "evidence"

    def count(self, spec, inputs, remaining_picks):
        return min(spec.repeat, remaining_picks)

    def prepare(self, spec, ctx, state):
        pick = state.picks.pop(0)
        state.evidence_shown += 1
        names = {
            "evidence": {**evidence_context(pick, state.r), "nth": state.evidence_shown},
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
            plan.chart = structs.replace(plan.chart, width_in=CHART_WIDTH_IN)
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
        if not plan.quote:  # no words to quote: what we heard, in our words, not as a quote
            concern = BLOCKERS[state.inputs.classification.blocker].concern
            plan.subtitle = f"What we heard: {concern}."
        if plan.quote:
            r.show(UserText(plan.quote, f"{exe.source}.said"))
            # no name given: attributed by role alone, never a made-up name
            name = r.show(UserText(exe.name, f"{exe.source}.name")) if exe.named else ""
            role_text = r.show(UserText(exe.role, f"{exe.source}.role")) if exe.role else ""
            by = ", ".join(part for part in (name, role_text) if part)
            plan.quote_by = by or "As it was put to us"


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
            plan.chart = structs.replace(chart, width_in=CHART_WIDTH_IN)
            plan.subtitle = plan.subtitle or pf.trend_subtitle(inputs.org.history, state.r)
        plan.source_line = org_source(state)


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
            plan.chart = structs.replace(chart, width_in=CHART_WIDTH_IN, height_in=4.2)
        else:
            plan.chart, plan.table = chart, table
        plan.sources = refs
        plan.source_line = (
            "Source: "
            + "; ".join(f"{ref.short}, grade {ref.grade}" for ref in refs)
            + (f"; ours from {state.inputs.org.name} HR data.")
        )


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
