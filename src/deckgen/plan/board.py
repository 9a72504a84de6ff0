"""A board pack (issue 19): one deck for the whole audience. The board's own frame (decks/
board.yaml, planned for no one's words) gives the opening (the decision, what doing nothing
costs, the pattern) and the closing (options, the plan, the decision); between them, one section
per distinct concern raised, in the order first raised, titled with who raised it and answered in
their words with a piece of evidence no other section shows; then one appendix, whose evidence
cards and sources cover everything the pack cites."""

from __future__ import annotations

from msgspec import Struct, structs

from deckgen.blockers import BLOCKERS
from deckgen.fmt import Formatter
from deckgen.models import (
    Cell,
    Classification,
    DeckPlan,
    Executive,
    SlidePlan,
    SourceRef,
    Typeset,
)
from deckgen.plan.evidence import card_bullets
from deckgen.plan.fit import paginate
from deckgen.plan.role_base import cited
from deckgen.select import Selection
from deckgen.text import Renderer, UserText
from deckgen.words import TITLE_MAX

OPENING = ("title", "exec_summary", "cost", "trend", "benchmark")
CLOSING = ("options", "how", "ask", "divider")
APPENDIX = ("cost_detail", "appendix", "kpis")
NOTES_MAX = 120  # words in a section's notes: the concern's talk track, then its evidence


class BoardPart(Struct, frozen=True):
    """One executive's deck as planned alone, and the evidence chosen for it."""

    executive: Executive
    classification: Classification
    plan: DeckPlan
    selection: Selection


def compose_board(
    parts: list[BoardPart], frame: DeckPlan, fmt: Formatter, library, typeset: Typeset
) -> DeckPlan:
    r = Renderer(fmt)
    index = {item.id: item for item in library}
    slides = [_for_the_board(s, parts) if s.role == "title" else s for s in _roles(frame, OPENING)]
    shown = {ref.evidence_id for s in slides for ref in s.sources}
    groups = _by_concern(parts)
    for members in groups:
        slides.append(_section(members, shown))
        shown |= {ref.evidence_id for ref in slides[-1].sources}
    slides += _roles(frame, CLOSING)
    refs = cited(slides)
    slides += [_card(ref, index[ref.evidence_id], r) for ref in refs if ref.evidence_id in index]
    slides += _roles(frame, APPENDIX)
    sources = next((s for s in frame.slides if s.role == "sources"), None)
    if sources is not None:
        slides.append(_sources(sources, refs, frame, r))
    return structs.replace(frame, slides=paginate(slides, typeset), sections=len(groups))


def _roles(frame: DeckPlan, roles: tuple[str, ...]) -> list[SlidePlan]:
    return [s for s in frame.slides if s.role in roles]


def _by_concern(parts: list[BoardPart]) -> list[list[BoardPart]]:
    """The executives grouped by the concern they raised, in the order first raised; those who
    raised none (they agree) need no section."""
    groups: dict[str, list[BoardPart]] = {}
    for part in parts:
        if part.classification.blocker != "none":
            groups.setdefault(part.classification.blocker, []).append(part)
    return list(groups.values())


def _names(members: list[BoardPart]) -> str:
    names = [m.executive.name for m in members]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _for_the_board(title: SlidePlan, parts: list[BoardPart]) -> SlidePlan:
    """The title slide's first subtitle line names everyone the pack is for."""
    lines = title.subtitle.splitlines()
    rest = lines[0].split(" · ", 1)[1] if lines and " · " in lines[0] else ""
    everyone = _names(parts)
    first = f"For the board: {everyone}" + (f" · {rest}" if rest else "")
    return structs.replace(title, subtitle="\n".join([first, *lines[1:]]))


def _section(members: list[BoardPart], shown: set[str]) -> SlidePlan:
    """One concern: who raised it, the first one's words, our answer, and the first piece of
    evidence their decks chose that no earlier slide shows, as a card beside the words."""
    lead = members[0]
    quote = next(s for s in lead.plan.slides if s.role == "acknowledge")
    names = _names(members)
    answer = quote.bullets[0] if quote.bullets else BLOCKERS[lead.classification.blocker].reframe
    title, whole = _titled(names, answer)
    others = [m.executive.name for m in members[1:]]
    by = quote.quote_by + (f" (also raised by {' and '.join(others)})" if others else "")
    section = structs.replace(
        quote,
        title=title,
        quote_by=by,
        bullets=[] if whole else [answer],  # the title says it all: not again below the words
        numbers=list(quote.numbers),
    )
    evidence = next(
        (
            s
            for m in members
            for s in m.plan.slides
            if s.role == "evidence" and s.sources and s.sources[0].evidence_id not in shown
        ),
        None,
    )
    notes = quote.notes.strip()
    if evidence is not None:
        first = evidence.cells[0] if evidence.cells else None
        if first is not None:
            # the evidence slide's title says what the figure is; its population is on the card
            section.cells = [Cell(first.value, evidence.title, "The evidence")]
        section.sources = list(evidence.sources)
        section.source_line = evidence.source_line
        section.numbers += evidence.numbers
        said = " ".join(evidence.notes.strip().splitlines()[:2])
        notes = f"{notes}\nThe evidence: {said}"
    section.notes = _words(notes, NOTES_MAX)
    return section


def _titled(names: str, answer: str) -> tuple[str, bool]:
    """The section's title: who raised the concern and our answer, whole if it fits, else its
    first clause; and whether the whole answer is in it."""
    clause = answer.replace(":", ";").split(";")[0].strip().rstrip(".")
    for text, whole in ((answer.rstrip("."), True), (clause, False)):
        title = f"{names}: {text[:1].lower()}{text[1:]}"
        if len(title) <= TITLE_MAX:
            return title, whole
    return f"{names} raised a concern the pilot answers", False


def _words(text: str, most: int) -> str:
    """`text` cut after the last whole sentence within `most` words."""
    if len(text.split()) <= most:
        return text
    kept = " ".join(text.split()[:most])
    end = max(kept.rfind(". "), kept.rfind(".\n"))
    return kept[: end + 1] if end > 0 else kept


def _card(ref: SourceRef, item, r: Renderer) -> SlidePlan:
    short = r.show(UserText(ref.short, f"{item.id}#citation", "evidence"))
    title = f"Evidence card: {short}"
    if len(title) > TITLE_MAX:
        title = f"Evidence card: {short.split('), ')[0]})"
    bullets = card_bullets(item, r)
    return SlidePlan(
        role="cards",
        layout="card",
        title=title,
        bullets=bullets,
        sources=[ref],
        notes="For reference. If this source is challenged, start from its limits, then offer "
        "to test the finding on our own teams in the pilot.",
        numbers=r.take(),
    )


def _sources(slide: SlidePlan, cited: list[SourceRef], frame: DeckPlan, r: Renderer) -> SlidePlan:
    bullets = [
        r.show(UserText(f"{ref.full} Grade {ref.grade}.", ref.evidence_id, "evidence"))
        for ref in cited
    ]
    bullets += slide.bullets[-1:]  # the organisation's own data, as the frame says it
    return structs.replace(slide, bullets=bullets, numbers=[*slide.numbers, *r.take()])
