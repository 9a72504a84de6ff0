"""Fit text to its frame: choose the title that fits, cut a long quote, split long references."""

from __future__ import annotations

from msgspec import structs

from deckgen.models import Frame, SlidePlan, Typeset
from deckgen.textfit import Para, measure
from deckgen.words import TITLE_MAX

QUOTE_MAX = 280


def quote(said: str | None) -> str:
    if not said:
        return ""
    if len(said) <= QUOTE_MAX:
        return said
    cut = said[:QUOTE_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


REFERENCE_ROLES = ("appendix", "sources", "limits", "cards")
BODY_BOX_PT = (12.13 * 72 - 14.4, 4.75 * 72 - 7.2)  # the bundled content body, if unreadable
REFERENCE_PT, REFERENCE_GAP_PT = 18, 4


def paginate(slides: list[SlidePlan], typeset: Typeset) -> list[SlidePlan]:
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
            copy = structs.replace(slide, bullets=page)
            if len(pages) > 1:
                copy.title = f"{slide.title} ({i + 1} of {len(pages)})"
                copy.numbers = list(slide.numbers)  # each page may show any of them
            out.append(copy)
    return out


def title_fits(title: str, frame: Frame | None, font: str) -> bool:
    """At most TITLE_MAX characters and, where the layout's title frame is known, set within it
    (measured with the bundled metrics in the heading font)."""
    if not title or len(title) > TITLE_MAX:
        return False
    if frame is None:
        return True
    need = measure([Para(title, frame.size_pt, frame.bold)], frame.width_pt, font)
    return need.height_pt <= frame.height_pt
