"""Slide content from the organisation's figures: cost of inaction, benchmark gap, trend, appendix."""

from __future__ import annotations

import re
from typing import Any

from deckgen.figures import BENCHMARK_NAMES, Figure, OrgFigures
from deckgen.kpis import CATALOG
from deckgen.load.evidence import EvidenceItem
from deckgen.models import (
    ChartItem,
    ChartPanel,
    ChartPlan,
    HistoryPoint,
    Provenance,
    Quantity,
    SourceRef,
    Table,
)
from deckgen.plan.money import MONEY_KEYS as MONEY_KEYS  # re-exported: pf.money_context(figs)
from deckgen.plan.money import money_context as money_context
from deckgen.text import Renderer, UserText


def _derived(value: float, unit: str, key: str, note: str) -> Quantity:
    return Quantity(value, unit, Provenance("derived", key, note))


def cost_context(figs: OrgFigures | None) -> dict[str, Any] | None:
    if figs is None or figs.total is None:
        return None
    leavers = (
        next((q for name, q in figs.turnover.inputs if name == "voluntary leavers"), None)
        if figs.turnover
        else None
    )
    what = (
        "Turnover and absence"
        if figs.turnover and figs.absence
        else "Turnover"
        if figs.turnover
        else "Sickness absence"
    )
    return {
        "what": what,  # the cost lines the total adds up, as the subject of a sentence
        "costs": "cost" if figs.turnover and figs.absence else "costs",  # the verb that agrees
        "total_low": figs.total.low,
        "total_high": figs.total.high,
        "turnover_low": figs.turnover.low if figs.turnover else None,
        "turnover_high": figs.turnover.high if figs.turnover else None,
        "absence": figs.absence.base if figs.absence else None,
        "recruiting": figs.recruiting.base if figs.recruiting else None,
        "leavers": leavers,
        # the replacement factor's low and high ends (e.g. 40% and 80% of a salary per leaver)
        "factor_low": _input(figs.turnover, "replacement factor, low") if figs.turnover else None,
        "factor_high": _input(figs.turnover, "replacement factor, high") if figs.turnover else None,
    }


def _input(fig: Figure, name: str) -> Quantity:
    return next(q for n, q in fig.inputs if n == name)


def cost_table(figs: OrgFigures, r: Renderer) -> Table:
    rows = []
    if figs.turnover:
        t = figs.turnover
        how = (
            f"{r.show(_input(t, 'voluntary leavers'))} leavers × "
            f"{r.show(_input(t, 'average salary'))} × {r.show(_input(t, 'replacement factor, low'))}"
            f" to {r.show(_input(t, 'replacement factor, high'))}"
        )
        rows.append(["Voluntary turnover", how, r.show(t.low), r.show(t.high)])
    if figs.recruiting:
        c = figs.recruiting
        how = (
            f"{r.show(_input(c, 'voluntary leavers'))} leavers × "
            f"{r.show(_input(c, 'cost per hire'))} per hire"
        )
        rows.append(["of which recruiting alone", how, r.show(c.base), r.show(c.base)])
    if figs.absence:
        a = figs.absence
        how = (
            f"{r.show(_input(a, 'days lost'))} lost × {r.show(_input(a, 'daily pay'))} × "
            f"{r.show(_input(a, 'on-cost factor, low'))} to "
            f"{r.show(_input(a, 'on-cost factor, high'))}"
        )
        rows.append(["Sickness absence", how, r.show(a.low), r.show(a.high)])
    if figs.total and figs.turnover and figs.absence:  # one line alone is its own total
        rows.append(
            [
                "Total cost of doing nothing",
                "turnover + absence",
                r.show(figs.total.low),
                r.show(figs.total.high),
            ]
        )
    return Table(
        ["Cost line", "How it is calculated", "Low", "High"],
        rows,
        [0.26, 0.46, 0.14, 0.14],
        "Cost of inaction table",
    )


def improvement_context(figs: OrgFigures | None) -> dict[str, Any] | None:
    if figs is None or figs.improvement is None:
        return None
    f = figs.improvement
    names = dict(f.inputs)
    return {
        "low": f.low,
        "high": f.high,
        "avoided": names.get("leavers avoided"),
        "payback_months": figs.payback.high if figs.payback else None,  # the longest: low value
        "remote_share": names.get("remote-eligible roles"),
        "effect": names.get("fewer quits in the hybrid-work trial"),
    }


def story_gaps(figs: OrgFigures | None) -> list:
    """The benchmark gaps a story slide may show: where we are worse. A measure better than a
    fair benchmark never appears as a problem (../shared/tailoring.md section 3, direction)."""
    return [g for g in figs.gaps if g.direction == "worse"] if figs else []


def _worst_gap(figs: OrgFigures):
    def severity(g) -> tuple[int, float]:
        rel = abs(g.gap.value) / (abs(g.benchmark.value) or 1)
        return ({"worse": 0, "level": 1, "better": 2}[g.direction], -rel)

    gaps = story_gaps(figs)
    return min(gaps, key=lambda g: (*severity(g), g.kpi)) if gaps else None


def gap_context(figs: OrgFigures | None) -> dict[str, Any] | None:
    gap = _worst_gap(figs) if figs else None
    if gap is None:
        return None
    spec = CATALOG[gap.kpi]
    higher = gap.gap.value > 0
    return {
        "label": spec.label,
        "ours": gap.ours,
        "benchmark": gap.benchmark,
        "abs": Quantity(abs(gap.gap.value), gap.gap.unit, gap.gap.provenance),
        "word": "above" if higher else "below" if gap.gap.value < 0 else "level with",
        "direction": gap.direction,
        "geography": BENCHMARK_NAMES.get(gap.region or "", gap.item.geography),
        "citation": gap.item.source_ref().short,
        "differences": "; ".join(gap.differences) or "none we know of",
    }


def benchmark_table(figs: OrgFigures, r: Renderer) -> tuple[Table, list[SourceRef]]:
    rows, refs = [], []
    for g in story_gaps(figs):
        spec = CATALOG[g.kpi]
        shown = r.show(g.gap)
        sign = "+" if g.gap.value > 0 and not shown.startswith("+") else ""
        population = r.show(
            UserText(
                f"{g.population} ({g.item.source_ref().short})",
                f"{g.item.id}#population",
                "evidence",
            )
        )
        rows.append(
            [
                spec.label,
                r.show(g.ours),
                r.show(g.benchmark),
                f"{sign}{shown.replace(' percentage points', ' pts')} ({g.direction})",
                population,
            ]
        )
        refs.append(g.item.source_ref())
    return Table(
        ["Measure", "Ours", "Benchmark", "Gap", "Benchmark covers"],
        rows,
        [0.2, 0.12, 0.13, 0.17, 0.38],
        "Benchmark table",
    ), refs


def trend_context(figs: OrgFigures | None) -> dict[str, Any] | None:
    if figs is None or len(figs.trends) < 2:
        return None
    worsening = [t for t in figs.trends if t.direction == "worsening"]
    earliest = min((t.first for t in figs.trends), key=lambda p: p.ends)
    first, source = earliest.period, earliest.source
    return {
        "worsening": _derived(
            len(worsening),
            "count",
            "trends.worsening",
            "measures with history whose last value is worse than the first",
        ),
        "total": _derived(len(figs.trends), "count", "trends.total", "measures with history"),
        "all_worsening": len(worsening) == len(figs.trends),
        "first_period": UserText(first, source, "org"),
    }


def trend_table(history: dict[str, list[HistoryPoint]], r: Renderer) -> Table:
    ends = {p.period: p.ends for pts in history.values() for p in pts}
    periods = sorted(ends, key=lambda period: (ends[period], period))[-5:]
    rows = []
    for name in CATALOG:
        pts = {p.period: p for p in history.get(name, [])}
        if len(pts) < 2:
            continue
        unit = CATALOG[name].unit
        row = [CATALOG[name].label]
        for period in periods:
            p = pts.get(period)
            row.append(
                r.show(Quantity(p.value, unit, Provenance("org", p.source), period)) if p else ""
            )
        rows.append(row)
    header = ["Measure"] + [r.show(UserText(p, "history periods", "org")) for p in periods]
    return Table(header, rows, [0.3] + [0.7 / len(periods)] * len(periods), "Trend table")


def _source_of(q: Quantity, library: dict[str, EvidenceItem]) -> str:
    p = q.provenance
    if p.kind == "evidence":
        item = library.get(p.ref.split("#")[0])
        return UserText(item.source_ref().short if item else p.ref, p.ref, "evidence")
    if p.kind == "assumption":
        return "assumption"
    if p.kind == "derived":
        return "calculated"
    # On a slide, where a number came from in words; the file and key stay in the manifest
    # (deck-grammar.md: no file names or data keys on a slide).
    return UserText(_ORIGIN_WORDS.get(p.kind, "our HR data"), p.ref, p.kind)


_ORIGIN_WORDS = {"org": "our HR data", "audience": "the ask as proposed"}


def appendix_figures(figs: OrgFigures | None) -> list[Figure]:
    """The figures explained in the appendix, one slide each (the total is explained by its parts)."""
    if figs is None:
        return []
    return [f for f in figs.all() if f.key != "cost_of_inaction"]


def appendix_bullets(fig: Figure, library: dict[str, EvidenceItem], r: Renderer) -> list[str]:
    bullets = [f"Formula: {fig.formula}."]
    inputs = dict(fig.inputs)

    def how(q: Quantity) -> str:
        return r.show(
            UserText(q.provenance.note, q.provenance.ref, "derived")
            if q.provenance.kind == "derived"
            else _source_of(q, library)
        )

    def paired(name: str) -> Quantity | None:
        """The high end shown with this low end: only when both come from the same source."""
        label = name.removesuffix(", low")
        high = inputs.get(f"{label}, high") if name.endswith(", low") else None
        low = inputs[name]
        return high if high is not None and how(high) == how(low) else None

    lows = {f"{n.removesuffix(', low')}, high" for n, _ in fig.inputs if paired(n) is not None}
    for name, q in fig.inputs:
        if name in lows:
            continue  # shown with its low end
        high = paired(name)
        label = name.removesuffix(", low") if high is not None else name
        value = f"{r.show(q)} to {r.show(high)}" if high is not None else r.show(q)
        bullets.append(f"{label[:1].upper() + label[1:]}: {value} ({how(q)})")
    if fig.low is not None and fig.high is not None:
        bullets.append(f"Range: {r.show(fig.low)} to {r.show(fig.high)}.")
    else:
        bullets.append(f"Result: {r.show(fig.base)}.")
    if fig.why_base:
        bullets.append(f"Why this base: {fig.why_base}.")
    bullets += [f"Note: {n}." for n in fig.notes]
    return bullets


def trend_chart(
    figs: OrgFigures, history: dict[str, list[HistoryPoint]], r: Renderer
) -> ChartPlan | None:
    """Small multiples: each measure with history over time, with its benchmark where one exists."""
    gaps = {g.kpi: g for g in figs.gaps}
    panels, described = [], []
    for name in CATALOG:
        points = history.get(name, [])
        if len(points) < 2:
            continue
        unit = CATALOG[name].unit
        items = tuple(
            ChartItem(
                r.show(UserText(p.period, p.source, "org")),
                p.value,
                r.show(Quantity(p.value, unit, Provenance("org", p.source), p.period)),
            )
            for p in points[-6:]
        )
        bench = None
        gap = gaps.get(name)
        if gap is not None:
            where = BENCHMARK_NAMES.get(gap.region or "", gap.item.geography)
            label = f"{where} benchmark {r.show(gap.benchmark)}"
            bench = (gap.benchmark.value, label)
        panels.append(ChartPanel(CATALOG[name].label, items, bench))
        described.append(
            f"{CATALOG[name].label} from {items[0].label} in {items[0].x} to "
            f"{items[-1].label} in {items[-1].x}"
            + (f" (reference line: {bench[1]}, {gap.item.source_ref().short})" if bench else "")
        )
        if len(panels) == 3:
            break
    if len(panels) < 1:
        return None
    alt_text = "Line charts over time: " + "; ".join(described) + "."
    return ChartPlan("trend", tuple(panels), alt_text, 12.1, 4.4)


_UNIT_WORDS = {
    "percent": "%",
    "days": "days per employee",
    "hours": "hours",
    "score": "score",
    "currency": "cost",
}


def trend_subtitle(history: dict[str, list[HistoryPoint]], r: Renderer) -> str:
    """A trend chart's subtitle: each measure with its unit, who it covers, the period."""
    names = [n for n in CATALOG if len(history.get(n, [])) >= 2][:3]
    if not names:
        return ""
    measures = "; ".join(f"{CATALOG[n].label} ({_UNIT_WORDS[CATALOG[n].unit]})" for n in names)
    points = [p for n in names for p in history[n]]
    first = min(points, key=lambda p: p.ends)
    last = max(points, key=lambda p: p.ends)
    period = f"{r.show(UserText(first.period, first.source, 'org'))} to " + r.show(
        UserText(last.period, last.source, "org")
    )
    return f"{measures}; all employees; {period}"


def cost_chart(figs: OrgFigures, r: Renderer) -> ChartPlan | None:
    items = []
    for fig, name, highlight in (
        (figs.turnover, "Voluntary turnover", False),
        (figs.absence, "Sickness absence", False),
        (figs.total, "Total", True),
    ):
        if fig is None or fig.low is None or fig.high is None:
            continue
        label = f"{r.show(fig.low)} to {r.show(fig.high)}"
        items.append(
            ChartItem(name, fig.high.value, label, fig.low.value, fig.high.value, highlight)
        )
    if not items:
        return None
    alt_text = (
        "Range bars of annual cost, low to high: "
        + "; ".join(f"{i.x} {i.label}" for i in items)
        + "."
    )
    return ChartPlan("range", (ChartPanel("", tuple(items)),), alt_text, 12.1, 2.1)


def benchmark_chart(figs: OrgFigures, r: Renderer) -> ChartPlan | None:
    """Ours against the benchmark, one small pair of bars per measure (each in its own unit)."""
    panels, described = [], []
    for g in story_gaps(figs)[:3]:
        where = BENCHMARK_NAMES.get(g.region or "", g.item.geography)
        # Ours is the measure the slide is about: accent, better or worse; the benchmark grey.
        ours = ChartItem("Ours", g.ours.value, r.show(g.ours), highlight=True)
        bench = ChartItem(
            f"{where[:1].upper() + where[1:]} benchmark", g.benchmark.value, r.show(g.benchmark)
        )
        panels.append(ChartPanel(CATALOG[g.kpi].label, (ours, bench)))
        described.append(
            f"{CATALOG[g.kpi].label}: ours {ours.label}, {where} benchmark "
            f"{bench.label} ({g.item.source_ref().short})"
        )
    if not panels:
        return None
    return ChartPlan(
        "comparison",
        tuple(panels),
        "Bar charts of our measures against benchmarks: " + "; ".join(described) + ".",
        12.1,
        2.7,
    )


_GUIDANCE = re.compile(r"^(say|use|name|check|quote|present|prefer|attribute|verify)\b", re.I)


def limits_bullets(
    refs: list[SourceRef], library: dict[str, EvidenceItem], r: Renderer
) -> list[str]:
    """Each cited item's limits, said plainly: the appendix's answer to 'what's the catch?'."""
    bullets = []
    for ref in refs:
        item = library.get(ref.evidence_id)
        if item is None or not item.caveats:
            continue
        facts = [c for c in item.caveats if not _GUIDANCE.match(c)]  # advice to presenters stays
        if not facts:  # in the notes
            continue
        text = f"{ref.short}: {' '.join(facts)}"
        bullets.append(r.show(UserText(text, f"{item.id}#caveats", "evidence")))
    return bullets
