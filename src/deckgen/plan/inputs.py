"""What the planner is given: the organisation's facts, the ask and one executive's deck inputs."""

from __future__ import annotations

from datetime import date

from msgspec import Struct

from deckgen.figures import OrgFigures
from deckgen.load.evidence import EvidenceItem
from deckgen.models import Classification, Executive, HistoryPoint, Kpi
from deckgen.select import Missing, Pick
from deckgen.specifics import Specific


class OrgFacts(Struct, frozen=True):
    """What the planner needs to know about the organisation (already validated)."""

    name: str
    currency: str
    locale: str
    region: str | None
    industry: str | None
    kpis: dict[str, Kpi]
    history: dict[str, list[HistoryPoint]]
    files: tuple[str, ...]
    country: str | None = None  # ISO 3166 alpha-2
    setting: str | None = None  # frontline | mixed | office: where most of its people work
    setting_from: str = ""  # "workforce", "remote_eligible_share", "industry", or "" (unknown)
    # No figures of its own (`deckgen answer`): the deck argues from published evidence only
    evidence_only: bool = False
    named: bool = True  # False: no name was given; `name` is "our organisation"


class AskFacts(Struct, frozen=True):
    what: str | None
    cost: float | None
    decision_by: date | None
    owner: str | None


class DeckInputs(Struct, frozen=True):
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
    missing: tuple[Missing, ...] = ()  # evidence slots nothing in the library fits
    specifics: tuple[Specific, ...] = ()  # what the executive's words name (data/specifics.yaml)
    second_words: str | None = None  # the words that raised the second concern, if a specific did
    # an evidence-only deck's BIG NUMBER: a published cost for a comparable population
    published_cost: Pick | None = None
