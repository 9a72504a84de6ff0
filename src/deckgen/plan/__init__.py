"""Planning: a storyline, one executive, the org's figures and the chosen evidence become a
DeckPlan (plain data; no PowerPoint types). deck.py drives it; roles.py holds the slide roles."""

from deckgen.plan.deck import evidence_room, plan_deck, strongest
from deckgen.plan.inputs import AskFacts, DeckInputs, OrgFacts
from deckgen.plan.org import shown_kpis

__all__ = [
    "AskFacts",
    "DeckInputs",
    "OrgFacts",
    "evidence_room",
    "plan_deck",
    "shown_kpis",
    "strongest",
]
