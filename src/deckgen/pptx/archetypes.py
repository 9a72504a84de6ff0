"""Fillers for the story's archetypes (../shared/deck-grammar.md), each drawn on the canvas under
the title from the design system's components (pptx/cards.py): DECISION, BIG NUMBER, CHART +
TAKEAWAY, COMPARISON, QUOTE, WHAT IT MEANS FOR US, OPTIONS, ROADMAP, APPENDIX CARD, and the
appendix divider."""

from __future__ import annotations

from pptx.util import Inches

from deckgen.models import SlidePlan
from deckgen.pptx.cards import (
    Style,
    arrow,
    body_box,
    card,
    card_height,
    cards_row,
    columns,
    fit_height,
    line,
    panel,
    tag,
    text_height,
)
from deckgen.pptx.draw import Box, chart, geometry, table
from deckgen.pptx.fill import Filler, Page, filler
from deckgen.pptx.text import fill_text, placeholder, textbox


@filler
class Decision(Filler):
    """The 'For decision' tag, the ask, then a row of cells: cost, payback, cost of waiting."""

    layouts = ("decision",)

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        theme = page.theme
        colors, sizes = theme.spec.colors, theme.spec.sizes
        area = body_box(theme, page.slide_width)
        top = area.top
        if plan.tag:
            top += tag(slide, plan.tag, theme, area.left, top) + Inches(0.15)
        cells_h = Inches(2.2) if plan.cells else 0
        text_bottom = area.top + area.height - cells_h - Inches(0.05)
        if plan.bullets:
            first, rest = plan.bullets[0], plan.bullets[1:]
            ask = Style(sizes.body + 4, colors.text)
            ask_h = fit_height([first], ask, area.width, theme.spec.fonts.body)
            line(slide, "Ask", Box(area.left, top, area.width, ask_h), [first], ask)
            if rest:
                below = top + ask_h + Inches(0.1)
                box = Box(area.left, below, area.width, text_bottom - below)
                line(slide, "Ask details", box, rest, Style(sizes.body - 2, colors.muted))
        if plan.cells:
            row = Box(area.left, area.top + area.height - cells_h, area.width, cells_h)
            cards_row(slide, plan.cells, theme, row, size=sizes.figure - 4)


@filler
class BigNumber(Filler):
    """One figure in very large type, what it means in a line, then up to three comparisons."""

    layouts = ("big_number",)

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        theme = page.theme
        colors, sizes = theme.spec.colors, theme.spec.sizes
        area = body_box(theme, page.slide_width)
        top = area.top
        if plan.cells:
            main = plan.cells[0]
            height = text_height(sizes.big_number)
            line(
                slide,
                "Big number",
                Box(area.left, top, area.width, height),
                [main.value],
                Style(sizes.big_number, colors.accent, bold=True),
            )
            top += height
            if main.label:
                line(
                    slide,
                    "Big number label",
                    Box(area.left, top, area.width, Inches(0.55)),
                    [main.label],
                    Style(sizes.body, colors.muted),
                )
                top += Inches(0.55)
        if plan.bullets:
            line(
                slide,
                "Implication",
                Box(area.left, top, area.width, Inches(0.65)),
                plan.bullets[:1],
                Style(sizes.body + 4, colors.text),
            )
        extra = plan.cells[1:4]
        if extra:
            row = Box(area.left, area.top + area.height - Inches(2.0), area.width, Inches(2.0))
            cards_row(slide, extra, theme, row, size=sizes.figure - 16)


@filler
class ChartAndTakeaway(Filler):
    """A subtitle (measure, unit, population, period), the chart over most of the body and the
    takeaway beside it: a figure and a line. Without a chart, its table across the body."""

    layouts = ("chart", "comparison")

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        theme = page.theme
        colors, sizes = theme.spec.colors, theme.spec.sizes
        g = geometry(theme)
        area = body_box(theme, page.slide_width)
        top = area.top
        if plan.subtitle:
            style = Style(sizes.small, colors.muted)
            height = fit_height([plan.subtitle], style, area.width, theme.spec.fonts.body)
            box = Box(area.left, top - Inches(0.15), area.width, height)
            line(slide, "Chart subtitle", box, [plan.subtitle], style)
            top += height - Inches(0.1)
        side = plan.cells or plan.bullets
        chart_w = int(area.width * 0.68) if side else area.width
        if plan.chart is not None:
            box = Box(area.left, top, chart_w, g.body_bottom - top)
            chart(slide, plan.chart, theme, page.image, box)
        elif plan.table is not None:
            table(slide, plan.table, theme, top, chart_w)
        if not side:
            return
        left = area.left + chart_w + Inches(0.3)
        width = area.left + area.width - left
        if plan.cells:
            height = max(Inches(2.0), card_height(plan.cells[0], theme, width))
            card(slide, plan.cells[0], theme, Box(left, top, width, height), n=0)
            top += height + Inches(0.2)
        if plan.bullets:
            line(
                slide,
                "Takeaway",
                Box(left, top, width, g.body_bottom - top),
                plan.bullets[:2],
                Style(sizes.body - 2, colors.text),
            )


@filler
class Quote(Filler):
    """The executive's words verbatim and large, who said them, then our answer in one line; in a
    board pack's section, the evidence that answers them as a card beside the words."""

    layouts = ("quote",)

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        theme = page.theme
        colors, sizes = theme.spec.colors, theme.spec.sizes
        font = theme.spec.fonts.body
        area = body_box(theme, page.slide_width)
        width = int(area.width * 0.64) if plan.cells else area.width
        if plan.cells:
            left = area.left + width + Inches(0.35)
            card_w = area.left + area.width - left
            height = max(Inches(2.0), card_height(plan.cells[0], theme, card_w))
            card(slide, plan.cells[0], theme, Box(left, area.top, card_w, height), n=0)
        top = area.top
        if plan.quote:
            style = Style(sizes.quote if len(plan.quote) <= 140 else sizes.quote - 6, colors.text,
                          italic=True)  # fmt: skip
            inner = Box(area.left + Inches(0.35), top, width - Inches(0.35), 0)
            text = [f"“{plan.quote}”"]
            height = fit_height(text, style, inner.width, font)
            panel(slide, Box(area.left, top, Inches(0.1), height), colors.accent,
                  "Quote bar (decorative)")  # fmt: skip
            quote_box = Box(inner.left, inner.top, inner.width, height)
            line(slide, "Executive quote", quote_box, text, style)
            top += height + Inches(0.1)
            if plan.quote_by:
                by = Style(sizes.body - 2, colors.muted)
                lines = [f"— {plan.quote_by}"]
                by_h = fit_height(lines, by, inner.width, font)
                line(slide, "Quote attribution", Box(inner.left, top, inner.width, by_h), lines, by)
                top += by_h + Inches(0.25)
        elif plan.subtitle:  # no words of theirs to quote: what we heard, never as a quote
            heard = Style(sizes.quote - 4, colors.muted)
            height = fit_height([plan.subtitle], heard, width, font)
            line(slide, "What we heard", Box(area.left, top, width, height), [plan.subtitle], heard)
            top += height + Inches(0.3)
        if plan.bullets:
            answer = Style(sizes.body + 4, colors.accent, bold=True)
            answer_h = fit_height(plan.bullets[:1], answer, width, font)
            line(slide, "Our answer", Box(area.left, top, width, answer_h), plan.bullets[:1],
                 answer)  # fmt: skip
            top += answer_h + Inches(0.15)
            if plan.bullets[1:]:
                box = Box(area.left, top, width, area.top + area.height - top)
                line(slide, "Our answer, in their terms", box, plan.bullets[1:2],
                     Style(sizes.body, colors.text))  # fmt: skip


@filler
class MeansForUs(Filler):
    """Three steps left to right: what the study found, our baseline, our estimate; then the
    limits line."""

    layouts = ("means",)

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        theme = page.theme
        colors, sizes = theme.spec.colors, theme.spec.sizes
        area = body_box(theme, page.slide_width)
        steps = plan.cells[:3]
        if steps:
            gutter = Inches(0.45)
            row = Box(area.left, area.top, area.width, Inches(3.2))
            height = cards_row(slide, steps, theme, row, gutter=gutter)
            for box in columns(row, len(steps), gutter)[1:]:
                arrow(slide, theme, box.left - gutter + Inches(0.075), box.top + height // 2)
        if plan.bullets:
            top = area.top + (height if steps else 0) + Inches(0.25)
            line(
                slide,
                "Limits",
                Box(area.left, top, area.width, area.top + area.height - top),
                plan.bullets[:2],
                Style(sizes.small, colors.muted),
            )


@filler
class TableAndLines(Filler):
    """OPTIONS and ROADMAP: the table across the body, then a line or two under it (the
    recommendation; the stop rule and the owner)."""

    layouts = ("options", "roadmap")

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        theme = page.theme
        colors, sizes = theme.spec.colors, theme.spec.sizes
        area = body_box(theme, page.slide_width)
        top = area.top
        style = Style(sizes.body - 2, colors.text)
        font = theme.spec.fonts.body
        lines_h = fit_height(plan.bullets[:3], style, area.width, font) if plan.bullets else 0
        bottom = area.top + area.height - lines_h
        if plan.table is not None:
            table(slide, plan.table, theme, top, area.width, bottom - Inches(0.2))
        if plan.bullets:
            box = Box(area.left, bottom, area.width, lines_h)
            line(slide, "Under the table", box, plan.bullets[:3], style)


@filler
class AppendixCard(Filler):
    """One source read closely: who, how we know, limits, the full citation; at the small size."""

    layouts = ("card",)

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        theme = page.theme
        area = body_box(theme, page.slide_width)
        box = textbox(slide, "Card", *area)
        fill_text(
            box.text_frame,
            plan.bullets,
            size=theme.spec.sizes.small,
            bullets=True,
            space_after=6,
        )


@filler
class Divider(Filler):
    """The appendix divider: what the appendix holds, in the section layout's text placeholder."""

    roles = ("divider",)

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        body = placeholder(slide, 1)
        if body is not None and plan.bullets:
            fill_text(body.text_frame, plan.bullets, bullets=False)
