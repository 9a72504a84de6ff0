"""Plain typed objects that flow between the pipeline stages (no library types in here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from msgspec import Struct, field

ProvenanceKind = Literal["org", "audience", "evidence", "derived", "assumption", "build"]


class Provenance(Struct, frozen=True):
    """Where a number came from: an org input key, an evidence claim, or a formula over those."""

    kind: ProvenanceKind
    ref: str  # e.g. "org.yaml kpis.voluntary_attrition", "bloom-2024-hybrid-rct#quits"
    note: str = ""  # formula, assumption text or caveat


class Quantity(Struct, frozen=True):
    """A number with its unit and provenance; rendering it on a slide records it in the manifest."""

    value: float
    unit: str  # percent | days | hours | score | currency | count | multiple | year | <ISO code>
    provenance: Provenance
    period: str | None = None


class ShownNumber(Struct, frozen=True):
    """A number as it appears on a slide, with the quantity it was rendered from."""

    text: str
    value: float
    unit: str
    provenance: Provenance


class Scale(Struct, frozen=True):
    """A survey score's scale, e.g. 1 to 5."""

    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.low:g}–{self.high:g}"


class Kpi(Struct, frozen=True):
    name: str
    value: float
    unit: str
    period: str | None
    source: str  # "org.yaml kpis.engagement" or "kpis.csv line 4"
    scale: Scale | None = None
    n: int | None = None  # people behind the figure, when known
    measure: str = ""  # its definition (data/kpis.yaml measures); "" for the catalog's usual one


class HistoryPoint(Struct, frozen=True):
    period: str  # as the organisation wrote it (or an Excel date cell, as Excel shows it)
    value: float
    source: str
    ends: float = 0.0  # when the period ends, in years (2025.25: end of Q1 2025): sorts as time


class Executive(Struct, frozen=True):
    name: str
    role: str | None
    said: str | None
    blocker: str | None  # explicit slug from audience.yaml / --blocker
    file_stem: str
    source: str  # "audience.yaml executives[0]" or "--objection"
    said_length: int = 0  # characters as given (the deck and classifier use the first MAX_TEXT)
    use: tuple[str, ...] = ()  # evidence ids chosen for this executive (audience.yaml evidence.use)
    avoid: tuple[str, ...] = ()  # evidence ids never used in their deck (evidence.avoid)
    named: bool = True  # False: no name was given (`deckgen answer`); `name` is "the CFO"


class Classification(Struct, frozen=True):
    blocker: str
    confidence: float
    how: Literal["given", "classified"]
    secondary: str | None = None
    secondary_confidence: float = 0.0
    cues: tuple[str, ...] = ()
    secondary_clear: bool = False  # the second concern has strong cues of its own
    example: str = ""  # the training phrasing closest in meaning, among the chosen blocker's


class SourceRef(Struct, frozen=True):
    """A citation shown on a slide and listed on the sources slide."""

    evidence_id: str
    short: str  # "Bloom, Han & Liang (2024), Nature"
    full: str  # full reference for the sources slide
    grade: str
    verification: str  # primary | secondary
    label: str = ""  # whose evidence, if not the bundled library's: "Client case study"


class Table(Struct):
    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths; default: first column wider
    name: str = "Table"


class ChartItem(Struct, frozen=True):
    """One mark: a point of a line, a bar, or a low-high range; `label` is the text shown on it."""

    x: str
    value: float
    label: str
    low: float | None = None
    high: float | None = None
    highlight: bool = False


class ChartPanel(Struct, frozen=True):
    title: str
    items: tuple[ChartItem, ...]
    benchmark: tuple[float, str] | None = None  # (value, label) drawn as a reference line

    def accented(self) -> list[bool]:
        """Which marks are drawn in the accent colour (the rest grey): those marked `highlight`;
        with none marked, every mark (a panel of one measure is the measure its title names)."""
        marks = [item.highlight for item in self.items]
        return marks if any(marks) else [True] * len(marks)


class ChartPlan(Struct, frozen=True):
    """What to draw, as plain data; charts/specs.py turns it into a themed Vega-Lite spec."""

    kind: str  # trend | range | comparison
    panels: tuple[ChartPanel, ...]
    alt_text: str
    width_in: float
    height_in: float


class Frame(Struct, frozen=True):
    """A text frame's room for text (insets taken off) and the size its text is set at."""

    width_pt: float
    height_pt: float
    size_pt: float
    bold: bool = False


class Typeset(Struct, frozen=True):
    """How slide text will be set, read from the theme's template: its fonts, each layout
    role's title frame and the content layout's body frame."""

    heading_font: str
    body_font: str
    titles: dict[str, Frame]  # layout role (title, content ...) -> its title frame
    body: Frame | None = None


class Cell(Struct, frozen=True):
    """One figure of an archetype's row of cards: a DECISION cell, a BIG NUMBER, a step of WHAT
    IT MEANS FOR US. `value` is set large; `label` says what it is in a few words."""

    value: str
    label: str
    heading: str = ""  # a step's name above the figure ("What they found")


class SlidePlan(Struct):
    role: str
    layout: str  # a role name the theme maps to a template layout (an archetype for the story)
    title: str
    subtitle: str = ""  # the title slide's subtitle; a chart's measure, unit, population, period
    tag: str = ""  # a small label above the body: "For decision"
    cells: list[Cell] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    quote: str = ""
    quote_by: str = ""  # who said it: "name, role"
    table: Table | None = None
    chart: ChartPlan | None = None
    sources: list[SourceRef] = field(default_factory=list)
    source_line: str = ""
    notes: str = ""
    numbers: list[ShownNumber] = field(default_factory=list)


class DeckPlan(Struct):
    executive: Executive
    classification: Classification
    title: str
    author: str
    deck_date: date
    slides: list[SlidePlan]
    theme: str
    # (specific, the executive's words, the slide roles it changed): data/specifics.yaml
    specifics: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    coaching: tuple[str, ...] = ()  # for the presenter: what the deck could not answer
    lens: str | None = None  # the role lens applied (data/lenses.yaml), if any
    sections: int = 0  # a board pack's sections, one per concern raised (plan/board.py)


class DeckResult(Struct, frozen=True):
    executive: str
    role: str | None
    blocker: str
    blocker_how: str
    confidence: float
    path: Path
    slides: int
    figures: int
    citations: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    storyline: str = "default"
    chosen: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (evidence id, purpose, reasons)
    findings: tuple[str, ...] = ()  # what the checker found in the deck
    charts_rendered: int = 0  # image charts drawn for this deck
    charts_cached: int = 0  # image charts taken from the chart cache
    check_errors: int = 0  # the checker's findings by severity (the summary line counts them)
    check_warnings: int = 0
    # (slot purpose, evidence id, rule, why): the best item a hard fit rule kept out of a slot
    kept_out: tuple[tuple[str, str, str, str], ...] = ()
    # (slot purpose, what it needed, best kept-out id, rule, why): slots nothing fits
    missing: tuple[tuple[str, str, str, str, str], ...] = ()
    # (specific, the executive's words, what it changes, the slide roles it reached)
    specifics: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    coaching: tuple[str, ...] = ()  # for the presenter: what the deck could not answer
    lens: str | None = None  # the role lens applied
    finding_rules: tuple[str, ...] = ()  # the rule id of each of `findings`, in order
    finding_slides: tuple[int | None, ...] = ()  # the slide of each of `findings` (None: deck)
    # per entry of `chosen`: other items that fit its slot, best first (what a swap may pick)
    alternatives: tuple[tuple[str, ...], ...] = ()
