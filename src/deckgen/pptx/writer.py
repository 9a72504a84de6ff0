"""Write a DeckPlan onto the theme's template and return the .pptx bytes (nothing touches disk here)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from msgspec import Struct
from pptx import Presentation

from deckgen.errors import TemplateError
from deckgen.load.theme import Theme
from deckgen.models import DeckPlan, SlidePlan
from deckgen.pptx import archetypes  # noqa: F401  (registers the story archetypes' fillers)
from deckgen.pptx.fill import Page, fill_slide
from deckgen.pptx.internals import (
    add_bare_slide,
    add_slide_charts,
    clone_layout_placeholders,
    copy_shapes,
    keep_core_properties,
    layout_key,
    replace_shapes,
    slide_charts,
)
from deckgen.pptx.notes import NO_NOTES_BODY, Notes
from deckgen.pptx.package import app_properties, save_stamped, slide_words


def _open_template(theme: Theme):
    """The theme's template as read, checked and sanitised once per build (load/sanitise.py):
    no sample slides, external links, macros or author's metadata."""
    try:
        return Presentation(io.BytesIO(theme.package.data))
    except Exception as exc:  # python-pptx raises many types for a bad file; all mean "unusable"
        raise TemplateError(
            f"{theme.template}: cannot open as a PowerPoint template ({exc})"
        ) from None


def check_template(theme: Theme, notes: bool = True) -> None:
    """Open the theme's template, find every layout it needs (and, for decks with speaker
    notes, a notes body) and make a slide on each, or raise `TemplateError`."""
    prs = _open_template(theme)
    try:
        layouts = _layouts(prs, theme)
        if notes:
            master = prs.notes_master  # python-pptx supplies a complete one if the file has none
            if not any("BODY" in str(p.placeholder_format.type) for p in master.placeholders):
                raise TemplateError(NO_NOTES_BODY)
        for layout in layouts.values():  # what every deck will do, tried once
            prs.slides.add_slide(layout)
        prs.save(io.BytesIO())
    except TemplateError:
        raise
    except Exception as exc:  # a damaged layout or master fails here, not in every deck
        raise TemplateError(
            f"{theme.template}: cannot build on this template ({type(exc).__name__}: {exc}); "
            "open it in PowerPoint and save it again"
        ) from None


def _layouts(prs, theme: Theme) -> dict[str, object]:
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    out, missing = {}, []
    for role, name in theme.spec.layouts.items():
        if name in by_name:
            out[role] = by_name[name]
        else:
            missing.append(f"{role} -> '{name}'")
    if missing:
        raise TemplateError(
            f"{theme.template.name}: layouts not found: {', '.join(missing)}; "
            f"the template has: {', '.join(repr(n) for n in by_name)}. "
            "Map each role to one of these with --layout-map (see the README)"
        )
    untitled = [
        f"{role} -> '{theme.spec.layouts[role]}'"
        for role, layout in out.items()
        if role != "blank" and not _has_title(layout)
    ]
    if untitled:
        raise TemplateError(
            f"{theme.template.name}: these slides need a layout with a title placeholder, and "
            f"the mapped one has none: {', '.join(untitled)}. Map each to a layout with a title "
            "(for example your 'Title Only' layout) with --layout-map (see the README)"
        )
    return out


def _has_title(layout) -> bool:
    return any(ph.placeholder_format.idx == 0 for ph in layout.placeholders)


def _slide_key(plan: SlidePlan) -> str:
    """Everything fill_slide reads for a slide without a chart picture (notes are added apart)."""
    return repr(
        (
            plan.layout,
            plan.role,
            plan.title,
            plan.subtitle,
            plan.tag,
            plan.cells,
            plan.bullets,
            plan.quote,
            plan.quote_by,
            plan.table,
            plan.chart,
            plan.source_line,
        )
    )


# Every core property a deck sets; the template's others never reach it.
_CORE_WRITTEN = {
    "dc:title", "dc:creator", "dc:subject", "cp:keywords", "cp:category", "dc:description",
    "cp:lastModifiedBy", "cp:revision", "dc:language", "dcterms:created", "dcterms:modified",
    "cp:lastPrinted",
}  # fmt: skip


class WrittenDeck(Struct, frozen=True):
    data: bytes  # the .pptx file
    presentation: Any  # what was saved, still open: the checker reads it instead of `data`


class DeckWriter:
    """Writes a build's decks onto its theme's template: a slide repeated across them (the same
    layout and content) is built once and copied after that."""

    def __init__(self, theme: Theme, when: datetime, language: str):
        self.theme, self.when, self.language = theme, when, language
        self._slides: dict = {}  # built slides' shapes, by layout and what they show
        self._counted: dict[str, tuple[str, int, int]] = {}  # their words, by the same key

    def write(self, deck: DeckPlan, images: dict[int, bytes] | None = None) -> bytes:
        """The deck as .pptx bytes. Charts come as PNGs in `images` (by slide index) or, for
        slides with a chart but no image, as native editable charts."""
        return self.written(deck, images).data

    def written(self, deck: DeckPlan, images: dict[int, bytes] | None = None) -> WrittenDeck:
        """The deck's bytes and the presentation they were saved from."""
        prs = _open_template(self.theme)
        layouts = _layouts(prs, self.theme)
        images = images or {}
        notes = Notes()
        counted = []
        for index, plan in enumerate(deck.slides):
            image = images.get(index)
            slide = self._slide(prs, layouts, plan, image)
            counted.append(self._words(slide, _slide_key(plan) if image is None else None))
            if plan.notes:
                notes.add(slide, plan.notes)
        _set_core_properties(prs.core_properties, deck, self.when, self.language)
        app = app_properties(prs, self.theme.spec.name, counted)
        return WrittenDeck(save_stamped(prs, self.when, app), prs)

    def _words(self, slide, key: str | None) -> tuple[str, int, int]:
        """The slide's title, words and paragraphs for docProps/app.xml: counted once for a
        slide this build copies (its key; notes are counted apart)."""
        if key is None:
            return slide_words(slide)
        if key not in self._counted:
            self._counted[key] = slide_words(slide)
        return self._counted[key]

    def _slide(self, prs, layouts: dict, plan: SlidePlan, image: bytes | None):
        layout = layouts.get(plan.layout)
        if layout is None:
            raise TemplateError(
                f"storyline asks for layout role '{plan.layout}', which the theme "
                f"does not map (known: {', '.join(layouts)})"
            )
        # A slide is its plan's text (and native chart) on its layout: the same plan in another
        # deck of this build gives the same shapes and chart parts, so they are copied rather
        # than built again. A chart drawn as a picture is placed afresh.
        key = _slide_key(plan) if image is None else None
        if key is not None and key in self._slides:
            shapes, charts = self._slides[key]
            return self._add_slide(prs, layout, shapes, charts)
        slide = self._add_slide(prs, layout, None)
        fill_slide(slide, plan, Page(self.theme, prs.slide_width, layout.name, image))
        if key is not None:
            self._slides[key] = (copy_shapes(slide), slide_charts(slide) if plan.chart else [])
        return slide

    def _add_slide(self, prs, layout, shapes: list | None, charts: list | tuple = ()):
        """python-pptx's `Slides.add_slide`, without cloning the layout's placeholders every time.

        Cloning placeholders is most of the cost of a new slide and gives the same XML for the
        same layout, so each layout's clone is made once and copied after; `shapes` (a remembered
        slide's whole shape tree) replaces it when given.
        """
        slide = add_bare_slide(prs, layout)
        add_slide_charts(slide, charts)  # the parts a copied chart's frame refers to
        blank_key = ("blank", layout_key(layout))
        if shapes is None and blank_key not in self._slides:
            clone_layout_placeholders(slide, layout)
            self._slides[blank_key] = copy_shapes(slide)
        else:
            replace_shapes(slide, shapes or self._slides[blank_key])
        return slide


def _set_core_properties(core, deck: DeckPlan, when: datetime, language: str) -> None:
    keep_core_properties(core, _CORE_WRITTEN)  # not the template's (author, company, status ...)
    core.title = deck.title
    core.author = deck.author
    core.subject = f"For {deck.executive.name}"
    core.keywords = deck.classification.blocker
    core.category = "deckgen"
    core.comments = ""
    core.last_modified_by = "deckgen"
    core.revision = 1
    core.language = language
    naive = when.replace(tzinfo=None)
    core.created = naive
    core.modified = naive
    core.last_printed = naive
