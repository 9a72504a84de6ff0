"""The build manifest: every number shown on every slide, with where it came from (no timestamps)."""

from __future__ import annotations

import json
from typing import Any

from deckgen.figures import Figure, OrgFigures
from deckgen.models import DeckPlan, Quantity


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "value": q.value,
        "unit": q.unit,
        "source": {"kind": q.provenance.kind, "ref": q.provenance.ref, "note": q.provenance.note},
    }


def _figure(fig: Figure) -> dict[str, Any]:
    return {
        "key": fig.key,
        "label": fig.label,
        "formula": fig.formula,
        "base": _quantity(fig.base),
        "low": _quantity(fig.low) if fig.low else None,
        "high": _quantity(fig.high) if fig.high else None,
        "why_base": fig.why_base,
        "inputs": [{"name": name, **_quantity(q)} for name, q in fig.inputs],
    }


def _labels(deck: DeckPlan) -> dict[str, Any]:
    """Evidence from outside the bundled library, by id, labelled as the slides cite it (no key
    when the deck cites none)."""
    labels = {ref.evidence_id: ref.label for sl in deck.slides for ref in sl.sources if ref.label}
    return {"evidence_labels": labels} if labels else {}


def build_manifest(deck: DeckPlan, file_name: str, figures: OrgFigures | None) -> bytes:
    data = {
        "deck": file_name,
        "executive": deck.executive.name,
        "blocker": deck.classification.blocker,
        "blocker_chosen": deck.classification.how,
        "date": deck.deck_date.isoformat(),
        **({"sections": deck.sections} if deck.sections else {}),
        "slides": [
            {
                "number": n,
                "role": slide.role,
                "title": slide.title,
                "sources": [ref.evidence_id for ref in slide.sources],
                "numbers": [
                    {
                        "text": num.text,
                        "value": num.value,
                        "unit": num.unit,
                        "source": {
                            "kind": num.provenance.kind,
                            "ref": num.provenance.ref,
                            "note": num.provenance.note,
                        },
                    }
                    for num in slide.numbers
                ],
            }
            for n, slide in enumerate(deck.slides, 1)
        ],
        **_labels(deck),
        "figures": [_figure(f) for f in figures.all()] if figures else [],
        "assumptions": {
            k: {"value": a.value, "unit": a.unit, "source": a.source}
            for k, a in sorted(figures.assumptions.items())
        }
        if figures
        else {},
    }
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()
