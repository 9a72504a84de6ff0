"""Evidence on slides: an item's words, its source line and its two-bar chart."""

from __future__ import annotations

from typing import Any

from deckgen.load.evidence import claim_headline, render_statement
from deckgen.models import ChartItem, ChartPanel, ChartPlan, Provenance, Quantity, SourceRef
from deckgen.select import Pick
from deckgen.text import Renderer, UserText


def _lower_first(text: str) -> str:
    """'Worker survey ...' -> 'worker survey ...' inside a sentence; 'EU directive' stays."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def evidence_context(pick: Pick, r: Renderer) -> dict[str, Any]:
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
        "method": meta(_lower_first(item.method), "method"),
        "grade": item.grade,
        "verification": item.verification,
        "caveat": meta(item.caveats[0] if item.caveats else "none stated by the source", "caveat"),
        "presenter_caveats": " ".join(item.caveats[1:]),
        "citation": meta(ref.short, "citation"),
        "full": meta(ref.full, "citation"),
    }


def evidence_chart(pick: Pick, r: Renderer) -> ChartPlan | None:
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


def source_line(ref: SourceRef, item_title: str, kind: str) -> str:
    secondary = "; figures from secondary coverage" if ref.verification == "secondary" else ""
    title = item_title if item_title[-1:] in ".?!" else f"{item_title}."
    if ref.label:  # the citation already says what it is and whose: "Client case study, ..."
        return f"Source: {ref.short}. {title} Grade {ref.grade}{secondary}."
    kind_name = kind.upper() if kind == "rct" else kind.capitalize()
    return f"Source: {ref.short}. {title} {kind_name}, grade {ref.grade}{secondary}."


def missing_note(inputs) -> str:
    """For the presenter: the evidence slots nothing in the library fits, and the nearest item a
    fit rule left out, so the gap is known before anyone asks."""
    by_id = {item.id: item for item in inputs.library}
    lines = []
    for gap in inputs.missing:
        line = (
            f'Evidence gap ("{gap.purpose}"): nothing in the library fits {inputs.org.name} '
            f"here; it would need {gap.needs}."
        )
        if gap.excluded and gap.excluded.item_id in by_id:
            near = by_id[gap.excluded.item_id].source_ref().short
            line += f" The nearest, {near}, was left out: {gap.excluded.why}."
        lines.append(line + " That slide is left out; lean on our own figures at this point.")
    return "\n".join(lines)
