"""The names every storyline template may use (org, exec, ask, blocker, trend, cost ...): built
once per deck from its inputs, plain values with provenance for every number."""

from __future__ import annotations

from typing import Any

from deckgen import words
from deckgen.blockers import BLOCKERS
from deckgen.kpis import CATALOG
from deckgen.models import Provenance, Quantity
from deckgen.plan import figures as pf
from deckgen.plan.inputs import DeckInputs
from deckgen.plan.org import shown_kpis, trend_lead
from deckgen.text import DateValue, UserText


def _ask(inputs: DeckInputs, next_step: str) -> dict[str, Any]:
    ask = inputs.ask
    what = ask.what or next_step
    return {
        "given": bool(ask.what),
        "what": UserText(what, "audience.yaml ask.what") if ask.what else what,
        "cost": Quantity(ask.cost, "currency", Provenance("audience", "audience.yaml ask.cost"))
        if ask.cost
        else None,
        "decision_by": DateValue(
            ask.decision_by, Provenance("audience", "audience.yaml ask.decision_by")
        )
        if ask.decision_by
        else None,
        "owner": UserText(ask.owner, "audience.yaml ask.owner") if ask.owner else None,
    }


def _measures(shown: list[str]) -> str:
    """'voluntary attrition, sickness absence and engagement': the measures a step is judged on."""
    chosen = [k for k in shown if CATALOG[k].direction != "neutral"][:3]
    labels = [CATALOG[k].label.lower() for k in chosen]
    joined = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else "".join(labels)
    return joined or "the measures we agree"


def deck_context(inputs: DeckInputs, slide_no: dict[str, str]) -> dict[str, Any]:
    org, exe, cls = inputs.org, inputs.executive, inputs.classification
    blocker = BLOCKERS[cls.blocker]
    presenter = (
        UserText(inputs.presenter, "audience.yaml presenter")
        if inputs.presenter
        else f"the {org.name} People team"
        if org.named
        else None  # an evidence-only deck by no one named: the slides say so without a name
    )
    trend = trend_lead(org)
    shown = shown_kpis(org, trend["name"] if trend else None)
    first_name = words.first_name(exe.name) if exe.named else exe.name  # "the CFO" as it is
    figs = inputs.figures
    return {
        "org": {
            "name": UserText(org.name, "org.yaml name", "org"),
            "files": ", ".join(org.files),
            "named": org.named,
            "evidence_only": org.evidence_only,  # no figures of its own (`deckgen answer`)
            "setting": org.setting,  # frontline | mixed | office, or None: where its people work
        },
        "exec": {
            "name": UserText(exe.name, f"{exe.source}.name"),
            "first_name": UserText(first_name, f"{exe.source}.name"),
            "role": UserText(exe.role, f"{exe.source}.role") if exe.role else None,
            "said": UserText(exe.said, f"{exe.source}.said") if exe.said else None,
            "named": exe.named,
        },
        "presenter": presenter,
        "purpose": inputs.purpose,
        "date": DateValue(inputs.deck_date, Provenance(_date_kind(inputs), inputs.date_source)),
        "ask": _ask(inputs, blocker.next_step),
        "blocker": blocker,
        "follow_up": BLOCKERS[blocker.follow_up],
        "trend": trend,
        "kpi_count": len(shown),
        "measures": _measures(shown),
        "slide_no": slide_no,
        "lead": None,
        "second": None,
        "cost": pf.cost_context(figs),
        "improvement": pf.improvement_context(figs),
        "gap": pf.gap_context(figs),
        "trends": pf.trend_context(figs),
        "break_even": figs.break_even.base if figs and figs.break_even else None,
        "money": pf.money_context(figs),
        "kpi": _kpis(inputs),
        "evidence": _evidence_fit(inputs),
        "pilot": _pilot(),
        "baseline": None,
        "estimate": None,
        "published": None,  # the published cost, on an evidence-only deck's BIG NUMBER
    }


def _date_kind(inputs: DeckInputs) -> str:
    """The title slide's date is the audience's when audience.yaml gives it; otherwise the
    build chose it (SOURCE_DATE_EPOCH or the day of the build)."""
    return "audience" if inputs.date_source == "audience.yaml date" else "build"


# The ROADMAP's suggested timetable, in weeks from approval, and its early-signal stop rule: a
# plan for the presenter to agree, listed in the manifest as an assumption, never a finding.
PILOT = {
    "start": (2, "count", "weeks from approval to the pilot's start: baseline taken, teams chosen"),
    "gate": (6, "count", "weeks from approval to the first gate: early signals reviewed"),
    "review": (12, "count", "weeks from approval to the full review and the scale decision"),
    "signup": (40, "percent", "share of the pilot teams taking part below which the pilot stops"),
}


def _pilot() -> dict[str, Quantity]:
    return {
        key: Quantity(value, unit, Provenance("assumption", f"pilot plan: {key}", note))
        for key, (value, unit, note) in PILOT.items()
    }


def _kpis(inputs: DeckInputs) -> dict[str, Quantity | None]:
    """Every catalog KPI by name: the organisation's value with its provenance, or None."""
    from deckgen.figures.model import from_org

    return {name: from_org(k) if (k := inputs.org.kpis.get(name)) else None for name in CATALOG}


def _evidence_fit(inputs: DeckInputs) -> dict[str, Any]:
    """Facts about the chosen evidence's fit: the first pick from the organisation's own
    industry, as a headline with its citation."""
    industry = inputs.org.industry
    same = next((p for p in inputs.picks if industry and industry in p.item.fit.industries), None)
    if same is None:
        return {"same_industry": None}
    item = same.item
    return {
        "same_industry": UserText(
            f"{item.source_ref().short}, {item.title}", f"{item.id}#citation", "evidence"
        )
    }
