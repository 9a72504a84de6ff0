"""Turn a storyline, one executive, the org's figures and the chosen evidence into a DeckPlan."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from deckgen import plan_figures as pf
from deckgen import words
from deckgen.blockers import BLOCKERS
from deckgen.figures import OrgFigures
from deckgen.fmt import Formatter
from deckgen.kpis import CATALOG
from deckgen.load.evidence import EvidenceItem, claim_headline, render_statement
from deckgen.load.storyline import Role, SlideSpec, Storyline
from deckgen.models import (
    ChartItem,
    ChartPanel,
    ChartPlan,
    Classification,
    DeckPlan,
    Executive,
    Frame,
    HistoryPoint,
    Kpi,
    Provenance,
    Quantity,
    SlidePlan,
    SourceRef,
    Table,
    Typeset,
)
from deckgen.select import Pick
from deckgen.text import DateValue, Renderer, UserText
from deckgen.textfit import Para, measure
from deckgen.words import TITLE_MAX

QUOTE_MAX = 280


@dataclass(frozen=True)
class OrgFacts:
    """What the planner needs to know about the organisation (already validated)."""

    name: str
    currency: str
    locale: str
    region: str | None
    industry: str | None
    kpis: dict[str, Kpi]
    history: dict[str, list[HistoryPoint]]
    files: tuple[str, ...]


@dataclass(frozen=True)
class AskFacts:
    what: str | None
    cost: float | None
    decision_by: date | None
    owner: str | None


@dataclass(frozen=True)
class DeckInputs:
    org: OrgFacts
    executive: Executive
    classification: Classification
    presenter: str | None
    purpose: str
    ask: AskFacts
    deck_date: date
    date_source: str
    picks: list[Pick]
    second_pick: Pick | None = None  # evidence for a close second concern, if answered
    answer_secondary: bool = False
    figures: OrgFigures | None = None
    library: tuple[EvidenceItem, ...] = ()


def _trend(org: OrgFacts) -> dict[str, Any] | None:
    """The KPI whose history moved most in the bad direction (the 'shock'), if any has history."""
    best: tuple[float, str] | None = None
    for name, points in org.history.items():
        spec = CATALOG[name]
        if len(points) < 2 or spec.direction == "neutral":
            continue
        first, last = points[0].value, points[-1].value
        worse = (last - first) if spec.direction == "lower-is-better" else (first - last)
        relative = worse / abs(first) if first else worse
        if best is None or (relative, name) > best:
            best = (relative, name)
    if best is None:
        return None
    name = best[1]
    first, last = org.history[name][0], org.history[name][-1]
    unit = CATALOG[name].unit
    return {
        "name": name,
        "label": CATALOG[name].label,
        "verb": "risen"
        if last.value > first.value
        else "fallen"
        if last.value < first.value
        else "held",
        "first": Quantity(first.value, unit, Provenance("org", first.source), first.period),
        "last": Quantity(last.value, unit, Provenance("org", last.source), last.period),
        "first_period": UserText(first.period, first.source, "org"),
        "last_period": UserText(last.period, last.source, "org"),
    }


KPI_ROWS = 7


def shown_kpis(org: OrgFacts, lead: str | None) -> list[str]:
    """At most KPI_ROWS measures: the trend KPI, then those with history, then catalog order."""
    order = [n for n in CATALOG if n in org.kpis]
    position = {name: i for i, name in enumerate(CATALOG)}
    order.sort(key=lambda n: (n != lead, len(org.history.get(n, [])) < 2, position[n]))
    return order[:KPI_ROWS]


def _kpi_table(org: OrgFacts, r: Renderer, lead: str | None) -> Table:
    rows = []
    for name in shown_kpis(org, lead):
        spec, kpi = CATALOG[name], org.kpis[name]
        value = r.show(Quantity(kpi.value, kpi.unit, Provenance("org", kpi.source), kpi.period))
        if kpi.scale:  # "3.2 out of 5" reads as a level; a scale not starting at 0 or 1 is named
            scale = kpi.scale
            value += f" out of {scale.high:g}" if scale.low in (0, 1) else f" ({scale} scale)"
        period = r.show(UserText(kpi.period or "", kpi.source, "org"))
        change = ""
        points = org.history.get(name, [])
        if len(points) >= 2:
            delta = points[-1].value - points[0].value
            unit = "pp" if spec.unit == "percent" else spec.unit
            shown = r.show(
                Quantity(
                    round(delta, 2),
                    unit,
                    Provenance(
                        "derived",
                        f"{points[-1].source} - {points[0].source}",
                        f"{name}: {points[-1].period} value minus {points[0].period} value",
                    ),
                )
            )
            sign = "+" if delta > 0 and not shown.startswith("+") else ""
            since = r.show(UserText(points[0].period, points[0].source, "org"))
            change = f"{sign}{shown.replace(' percentage points', ' pts')} since {since}"
        rows.append([spec.label, value, period, change])
    header = ["Measure", "Our value", "Period", "Change"]
    widths = [0.34, 0.22, 0.16, 0.28]
    if not any(row[3] for row in rows):
        header, rows, widths = header[:3], [row[:3] for row in rows], widths[:3]
    return Table(header, rows, widths, "KPI table")


def _counts(storyline: Storyline, inputs: DeckInputs) -> list[int]:
    """How many slides each storyline entry yields for these inputs (0 drops it)."""
    remaining = len(inputs.picks)
    counts = []
    for spec in storyline.slides:
        if spec.role == "evidence":
            n = min(spec.repeat, remaining)
            remaining -= n
        elif spec.role == "secondary":
            n = 1 if inputs.answer_secondary else 0
        elif spec.role == "kpis":
            n = 1 if inputs.org.kpis else 0  # no KPIs: the slide drops out, never empty
        elif spec.role == "trend":
            n = 1 if pf.trend_context(inputs.figures) else 0
        elif spec.role == "cost":
            n = 1 if pf.cost_context(inputs.figures) else 0
        elif spec.role == "benchmark":
            n = 1 if inputs.figures and inputs.figures.gaps else 0
        elif spec.role == "appendix":
            n = len(pf.appendix_figures(inputs.figures))
        else:
            n = 1
        counts.append(n)
    return counts


def _slide_numbers(storyline: Storyline, inputs: DeckInputs) -> dict[str, str]:
    numbers: dict[str, list[int]] = {}
    n = 0
    for spec, times in zip(storyline.slides, _counts(storyline, inputs), strict=True):
        for _ in range(times):
            n += 1
            numbers.setdefault(spec.role, []).append(n)
    out = {role: "" for role in Role.__args__}  # a role the deck leaves out has no number
    for role, nums in numbers.items():
        out[role] = str(nums[0]) if len(nums) == 1 else f"{nums[0]}–{nums[-1]}"
    return out


def _evidence_context(pick: Pick, r: Renderer) -> dict[str, Any]:
    item, claim = pick.item, pick.claim
    ref = item.source_ref()
    statement = render_statement(item, claim, r.show)
    headline = claim_headline(item, claim, r.show)
    ref_id = f"{item.id}#{claim.id}"

    def meta(text: str, what: str) -> UserText:
        return UserText(text, f"{ref_id}.{what}", "evidence")

    return {
        "id": item.id,
        "headline": headline,
        "statement": statement,
        "population": meta(claim.population or item.sample or item.geography, "population"),
        "method": meta(item.method[:1].lower() + item.method[1:], "method"),
        "grade": item.grade,
        "verification": item.verification,
        "caveat": meta(item.caveats[0] if item.caveats else "none stated by the source", "caveat"),
        "presenter_caveats": " ".join(item.caveats[1:]),
        "citation": meta(ref.short, "citation"),
        "full": meta(ref.full, "citation"),
    }


def _evidence_chart(pick: Pick, r: Renderer) -> ChartPlan | None:
    """Two bars for items whose `chart` names a left and a right claim (e.g. a perception gap)."""
    spec = pick.item.chart
    if spec is None:
        return None
    items = []
    for side, highlight in (("left", False), ("right", True)):
        claim = pick.item.claim(getattr(spec, side))
        quantity = Quantity(
            claim.value, claim.unit, Provenance("evidence", f"{pick.item.id}#{claim.id}")
        )
        name = getattr(spec, f"{side}_label") or (claim.population or claim.id)
        items.append(
            ChartItem(
                name[:1].upper() + name[1:], claim.value, r.show(quantity), highlight=highlight
            )
        )
    alt_text = (
        f"Bar chart: {items[0].x} {items[0].label} against {items[1].x} "
        f"{items[1].label} ({pick.item.source_ref().short})."
    )
    return ChartPlan("comparison", (ChartPanel("", tuple(items)),), alt_text, 5.8, 4.4)


def _source_line(ref: SourceRef, item_title: str, kind: str) -> str:
    secondary = "; figures from secondary coverage" if ref.verification == "secondary" else ""
    title = item_title if item_title[-1:] in ".?!" else f"{item_title}."
    kind_name = kind.upper() if kind == "rct" else kind.capitalize()
    return f"Source: {ref.short}. {title} {kind_name}, grade {ref.grade}{secondary}."


def _quote(said: str | None) -> str:
    if not said:
        return ""
    if len(said) <= QUOTE_MAX:
        return said
    cut = said[:QUOTE_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


REFERENCE_ROLES = ("appendix", "sources", "limits")
BODY_BOX_PT = (12.13 * 72 - 14.4, 4.75 * 72 - 7.2)  # the bundled content body, if unreadable
REFERENCE_PT, REFERENCE_GAP_PT = 18, 4


def _paginate(slides: list[SlidePlan], typeset: Typeset) -> list[SlidePlan]:
    """Split reference slides whose bullets would not fit the content layout's body at the
    minimum body size (18pt), measured with the same font metrics the checker uses."""
    font = typeset.body_font
    out: list[SlidePlan] = []
    body = typeset.body
    width, height = (body.width_pt, body.height_pt) if body else BODY_BOX_PT
    for slide in slides:
        if slide.role not in REFERENCE_ROLES or not slide.bullets:
            out.append(slide)
            continue
        pages: list[list[str]] = [[]]
        for bullet in slide.bullets:
            trial = [*pages[-1], bullet]
            paras = [
                Para(
                    b,
                    REFERENCE_PT,
                    space_before_pt=REFERENCE_PT * 0.2,
                    space_after_pt=REFERENCE_GAP_PT,
                    indent_pt=22,
                )
                for b in trial
            ]
            if pages[-1] and measure(paras, width, font).height_pt > height * 0.97:
                pages.append([bullet])
            else:
                pages[-1] = trial
        for i, page in enumerate(pages):
            copy = dataclasses.replace(slide, bullets=page)
            if len(pages) > 1:
                copy.title = f"{slide.title} ({i + 1} of {len(pages)})"
                copy.numbers = list(slide.numbers)  # each page may show any of them
            out.append(copy)
    return out


def plan_deck(
    inputs: DeckInputs, storyline: Storyline, fmt: Formatter, theme: str, typeset: Typeset
) -> DeckPlan:
    r = Renderer(fmt)
    org, exe, cls = inputs.org, inputs.executive, inputs.classification
    blocker = BLOCKERS[cls.blocker]
    follow_up = BLOCKERS[blocker.follow_up]
    presenter = (
        UserText(inputs.presenter, "audience.yaml presenter")
        if inputs.presenter
        else f"the {org.name} People team"
    )
    ask_what = inputs.ask.what or blocker.next_step
    ask = {
        "given": bool(inputs.ask.what),
        "what": UserText(ask_what, "audience.yaml ask.what") if inputs.ask.what else ask_what,
        "cost": Quantity(
            inputs.ask.cost, "currency", Provenance("audience", "audience.yaml ask.cost")
        )
        if inputs.ask.cost
        else None,
        "decision_by": DateValue(
            inputs.ask.decision_by, Provenance("audience", "audience.yaml ask.decision_by")
        )
        if inputs.ask.decision_by
        else None,
        "owner": UserText(inputs.ask.owner, "audience.yaml ask.owner")
        if inputs.ask.owner
        else None,
    }
    trend = _trend(org)
    chosen = [
        k
        for k in shown_kpis(org, trend["name"] if trend else None)
        if CATALOG[k].direction != "neutral"
    ][:3]
    labels = [CATALOG[k].label.lower() for k in chosen]
    measures = (
        ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else "".join(labels)
    ) or "the measures we agree"
    first_name = words.first_name(exe.name)
    context: dict[str, Any] = {
        "org": {"name": UserText(org.name, "org.yaml name", "org"), "files": ", ".join(org.files)},
        "exec": {
            "name": UserText(exe.name, f"{exe.source}.name"),
            "first_name": UserText(first_name, f"{exe.source}.name"),
            "role": UserText(exe.role, f"{exe.source}.role") if exe.role else None,
            "said": UserText(exe.said, f"{exe.source}.said") if exe.said else None,
        },
        "presenter": presenter,
        "purpose": inputs.purpose,
        "date": DateValue(inputs.deck_date, Provenance("audience", inputs.date_source)),
        "ask": ask,
        "blocker": blocker,
        "follow_up": follow_up,
        "trend": trend,
        "kpi_count": len(shown_kpis(org, trend["name"] if trend else None)),
        "measures": measures,
        "slide_no": _slide_numbers(storyline, inputs),
        "lead": None,
        "second": None,
        "cost": pf.cost_context(inputs.figures),
        "improvement": pf.improvement_context(inputs.figures),
        "gap": pf.gap_context(inputs.figures),
        "trends": pf.trend_context(inputs.figures),
        "break_even": inputs.figures.break_even.base
        if inputs.figures and inputs.figures.break_even
        else None,
    }

    slides: list[SlidePlan] = []
    picks = list(inputs.picks)
    appendix = pf.appendix_figures(inputs.figures)
    for spec, times in zip(storyline.slides, _counts(storyline, inputs), strict=True):
        for i in range(times):
            if spec.role == "appendix":
                context["figure"] = appendix[i]
            slides.append(_plan_slide(spec, context, picks, inputs, r, typeset))
    cited = [s for slide in slides for s in slide.sources]
    sources_slide = next((s for s in slides if s.role == "sources"), None)
    if sources_slide is not None:
        unique = list({ref.evidence_id: ref for ref in cited}.values())
        sources_slide.bullets = [
            r.show(UserText(f"{ref.full} Grade {ref.grade}.", ref.evidence_id, "evidence"))
            for ref in unique
        ]
        sources_slide.bullets.append(
            r.show(
                UserText(
                    f"{org.name} HR data supplied for this deck: {', '.join(org.files)}.",
                    "org files",
                    "org",
                )
            )
        )
        sources_slide.numbers += r.take()
    limits_slide = next((s for s in slides if s.role == "limits"), None)
    if limits_slide is not None:
        index = {item.id: item for item in inputs.library}
        unique = list({ref.evidence_id: ref for ref in cited}.values())
        limits_slide.bullets = pf.limits_bullets(unique, index, r)
        limits_slide.numbers += r.take()
        if not limits_slide.bullets:
            slides.remove(limits_slide)
    slides = _paginate(slides, typeset)
    title = next(s.title for s in slides if s.role == "title")
    return DeckPlan(
        exe,
        cls,
        title,
        inputs.presenter or f"{org.name} People team",
        inputs.deck_date,
        slides,
        theme,
    )


def _title_fits(title: str, frame: Frame | None, font: str) -> bool:
    """At most TITLE_MAX characters and, where the layout's title frame is known, set within it
    (measured with the bundled metrics in the heading font)."""
    if not title or len(title) > TITLE_MAX:
        return False
    if frame is None:
        return True
    need = measure([Para(title, frame.size_pt, frame.bold)], frame.width_pt, font)
    return need.height_pt <= frame.height_pt


def _plan_slide(
    spec: SlideSpec,
    context: dict[str, Any],
    picks: list[Pick],
    inputs: DeckInputs,
    r: Renderer,
    typeset: Typeset,
) -> SlidePlan:
    ctx = dict(context)
    sources: list[SourceRef] = []
    source_line = ""
    where = f"decks storyline, slide '{spec.role}'"
    if spec.role == "evidence":
        pick = picks.pop(0)
        ctx["evidence"] = _evidence_context(pick, r)
        evidence_chart = _evidence_chart(pick, r)
        ref = pick.item.source_ref()
        sources.append(ref)
        source_line = _source_line(ref, pick.item.title, pick.item.kind)
    if spec.role == "secondary":
        cls = inputs.classification
        second: dict[str, Any] = {
            "blocker": BLOCKERS[cls.secondary or "none"],
            "confidence": f"{cls.secondary_confidence:.2f}",
            "evidence": None,
        }
        if inputs.second_pick is not None:
            pick = inputs.second_pick
            second["evidence"] = _evidence_context(pick, r)
            ref = pick.item.source_ref()
            sources.append(ref)
            source_line = _source_line(ref, pick.item.title, pick.item.kind)
        ctx["second"] = second
    if spec.role == "exec_summary" and inputs.picks:
        lead = inputs.picks[0]
        ctx["lead"] = {
            "headline": _evidence_context(lead, r)["headline"],
            "citation": UserText(
                lead.item.source_ref().short, f"{lead.item.id}#citation", "evidence"
            ),
        }
    title = ""
    frame = typeset.titles.get(spec.layout)
    for option in spec.title:
        text = r.render(option, ctx, where)
        if _title_fits(text, frame, typeset.heading_font):
            title = text
            break
    if not title:  # the storyline's last title is checked to fit at load; never cut a title
        title = r.render(spec.title[-1], ctx, where)
    bullets = [b for b in (r.render(t, ctx, where) for t in spec.bullets) if b]
    subtitle = r.render(spec.subtitle, ctx, where) if spec.subtitle else ""
    if spec.role != "evidence":
        evidence_chart = None
    plan = SlidePlan(
        role=spec.role,
        layout=spec.layout,
        title=title,
        subtitle=subtitle,
        bullets=bullets,
        sources=sources,
        source_line=source_line,
    )
    if evidence_chart is not None:
        plan.chart, plan.layout = evidence_chart, "two_content"
    if spec.role == "acknowledge":
        exe = inputs.executive
        plan.quote = _quote(exe.said)
        if plan.quote:
            r.show(UserText(plan.quote, f"{exe.source}.said"))
            name = r.show(UserText(exe.name, f"{exe.source}.name"))
            role = r.show(UserText(exe.role, f"{exe.source}.role")) if exe.role else ""
            plan.quote_by = f"{name}, {role}" if role else name
    if spec.role == "trend":
        plan.chart = pf.trend_chart(inputs.figures, inputs.org.history, r)
        if plan.chart is None:
            plan.table = pf.trend_table(inputs.org.history, r)
        plan.source_line = (
            f"Source: {inputs.org.name} HR data ({', '.join(inputs.org.files)}); "
            "figures as supplied by the organisation."
        )
    if spec.role == "cost" and inputs.figures:
        plan.chart = pf.cost_chart(inputs.figures, r)
        plan.table = pf.cost_table(inputs.figures, r)
        plan.source_line = (
            "Team analysis of our own HR data; replacement cost range from "
            "McFeely & Wigert (2019), Gallup. Formulas and inputs in the appendix."
        )
    if spec.role == "benchmark" and inputs.figures:
        plan.chart = pf.benchmark_chart(inputs.figures, r)
        plan.table, refs = pf.benchmark_table(inputs.figures, r)
        plan.sources = refs
        plan.source_line = (
            "Source: "
            + "; ".join(f"{ref.short}, grade {ref.grade}" for ref in refs)
            + (f"; ours from {inputs.org.name} HR data.")
        )
    if spec.role == "appendix":
        index = {item.id: item for item in inputs.library}
        plan.bullets = pf.appendix_bullets(context["figure"], index, r)
    if spec.role == "kpis":
        trend = context["trend"]
        plan.table = _kpi_table(inputs.org, r, trend["name"] if trend else None)
        plan.source_line = (
            f"Source: {inputs.org.name} HR data ({', '.join(inputs.org.files)}); "
            "figures as supplied by the organisation."
        )
    if plan.source_line:
        refs = ",".join(ref.evidence_id for ref in plan.sources) or "org data"
        r.show(
            UserText(
                plan.source_line, f"source line: {refs}", "evidence" if plan.sources else "org"
            )
        )
    plan.numbers = r.take()
    plan.notes = r.render(spec.notes, ctx, where)
    r.take()  # numbers in the notes are the talk track, not slide content
    return plan
