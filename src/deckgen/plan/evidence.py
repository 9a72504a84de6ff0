"""Evidence on slides: an item's words, its source line and its two-bar chart."""

from __future__ import annotations

import re
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
        "value": Quantity(claim.value, claim.unit, Provenance("evidence", ref_id)),
        "low": _end(claim.low, claim, ref_id),
        "high": _end(claim.high, claim, ref_id) if claim.low is not None else None,
        "design": design_name(item.kind),
        "rule": item.kind in RULE_KINDS,  # a law, guideline or standard: what it requires
        "law": item.kind == "law",  # owed already; a guideline or standard is a design to use
        "count": claim.unit == "count",  # the figure says how many were studied, not the effect
        "where": meta(item.geography, "geography"),
        "limit": meta(short_limit(item.caveats), "caveat"),
        "headline": headline,
        "statement": statement,
        "population": meta(claim.population or item.sample or item.geography, "population"),
        # who was studied, short enough for a card: the population, or the design and place
        "who": meta(_who(claim.population or item.sample or "", item), "population"),
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


def _end(value: float | None, claim, ref_id: str) -> Quantity | None:
    """One end of the claim's range, where the source gives one."""
    return None if value is None else Quantity(value, claim.unit, Provenance("evidence", ref_id))


WHO_WORDS = 12  # a card's label: longer populations are on the evidence card in the appendix


def _who(population: str, item) -> str:
    if population and len(population.split()) <= WHO_WORDS:
        return f"{population[:1].upper()}{population[1:]} ({design_name(item.kind).lower()})"
    return f"{design_name(item.kind)}, {item.geography}"


def design_name(kind: str) -> str:
    """'RCT', 'Survey', 'Meta-analysis': an item's kind as a reader says it."""
    return kind.upper() if kind == "rct" else kind.capitalize()


RULE_KINDS = frozenset({"law", "guideline", "standard"})
LIMIT_WORDS = 15  # a WHAT IT MEANS FOR US limits line (deck-grammar.md)


def short_limit(caveats: list[str]) -> str:
    """The first caveat's first clause when it is short enough for a limits line; otherwise
    a pointer to the evidence card, never a caveat cut mid-sentence."""
    if not caveats:
        return "none stated by the source"
    first = caveats[0].strip()
    for cut in (first, first.split(";")[0], first.split(". ")[0]):
        cut = cut.strip().rstrip(".")
        if len(cut.split()) <= LIMIT_WORDS:
            return cut
    return "on its evidence card in the appendix"


def baseline_context(pick: Pick, kpis: dict[str, Any]) -> dict[str, Any] | None:
    """Our own figure for the first measure the item says it moves, or None."""
    from deckgen.kpis import CATALOG

    for name in pick.item.kpis:
        quantity = kpis.get(name)
        if quantity is not None:
            return {"value": quantity, "label": CATALOG[name].label, "name": name}
    return None


def estimate_context(pick: Pick, improvement: dict[str, Any] | None) -> dict[str, Any] | None:
    """Our estimate from this item's effect, where figures/ computes one over our own numbers
    (the value of fewer quits, from the trial the improvement figure cites)."""
    if not improvement or improvement.get("effect") is None:
        return None
    effect = improvement["effect"]
    if effect.provenance.ref.split("#")[0] != pick.item.id:
        return None
    return improvement


_FILE_REF = re.compile(
    r"\s*\(evidence/[\w.-]+\.ya?ml\)"
)  # a caveat pointing at another item's file


def card_bullets(item, r) -> list[str]:
    """An APPENDIX CARD's text: who was studied, how we know, limits, the full citation."""
    ref = item.source_ref()

    def shown(text: str, what: str) -> str:
        return r.show(UserText(_FILE_REF.sub("", text), f"{item.id}#{what}", "evidence"))

    who = item.sample or item.geography
    bullets = [
        f"Who was studied: {shown(who, 'sample')}.".replace("..", "."),
        f"How we know: {shown(_lower_first(item.method), 'method')}; "
        f"{design_name(item.kind).lower() if item.kind != 'rct' else 'RCT'}, grade {item.grade}"
        + ("; figures seen only in secondary coverage" if item.verification == "secondary" else "")
        + ".",
    ]
    if item.caveats:
        bullets.append(f"Limits: {shown(item.caveats[0], 'caveats')}")
    if item.caveats[1:]:
        bullets.append(f"Before quoting it: {shown(' '.join(item.caveats[1:]), 'caveats')}")
    bullets.append(f"Source: {shown(ref.full, 'citation')}")
    return bullets


def source_line(ref: SourceRef, item_title: str, kind: str) -> str:
    secondary = "; figures from secondary coverage" if ref.verification == "secondary" else ""
    title = item_title if item_title[-1:] in ".?!" else f"{item_title}."
    if ref.label:  # the citation already says what it is and whose: "Client case study, ..."
        return f"Source: {ref.short}. {title} Grade {ref.grade}{secondary}."
    return f"Source: {ref.short}. {title} {design_name(kind)}, grade {ref.grade}{secondary}."


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
        lean = "" if inputs.org.evidence_only else "; lean on our own figures at this point"
        lines.append(f"{line} That slide is left out{lean}.")
    return "\n".join(lines)
