"""Slide fillers, one per kind of slide, chosen by the slide's role or else its layout: adding a kind of slide is adding one filler."""

from __future__ import annotations

from typing import ClassVar

from msgspec import Struct
from pptx.util import Inches

from deckgen.errors import TemplateError
from deckgen.load.theme import Theme
from deckgen.models import SlidePlan
from deckgen.pptx.draw import Box, chart, geometry, quote, source, table
from deckgen.pptx.internals import remove_shape
from deckgen.pptx.text import drop_empty_placeholders, fill_text, placeholder, textbox


class Page(Struct, frozen=True):
    """What a filler draws with besides the slide and its plan."""

    theme: Theme
    slide_width: int  # EMU
    layout_name: str  # the template's name for the slide's layout, for messages
    image: bytes | None = None  # the slide's chart as a PNG; None draws a native chart

    @property
    def width(self) -> int:
        """Between the left and right margins (EMU)."""
        return self.slide_width - 2 * geometry(self.theme).margin


class Filler:
    """Puts one kind of slide's content on a new slide of its layout. The title is set before;
    the source line and the removal of unfilled placeholders come after."""

    roles: ClassVar[tuple[str, ...]] = ()  # slide roles this filler draws, on any layout
    layouts: ClassVar[tuple[str, ...]] = ()  # layout roles it draws for slides of other roles

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        raise NotImplementedError


FILLERS_BY_ROLE: dict[str, Filler] = {}
FILLERS_BY_LAYOUT: dict[str, Filler] = {}


def filler(cls: type[Filler]) -> type[Filler]:
    instance = cls()
    FILLERS_BY_ROLE.update(dict.fromkeys(cls.roles, instance))
    FILLERS_BY_LAYOUT.update(dict.fromkeys(cls.layouts, instance))
    return cls


def filler_for(plan: SlidePlan) -> Filler:
    """The slide's role's filler; else its layout's; else the canvas (a layout a theme added)."""
    return FILLERS_BY_ROLE.get(plan.role) or FILLERS_BY_LAYOUT.get(plan.layout, CANVAS)


def fill_slide(slide, plan: SlidePlan, page: Page) -> None:
    """The plan's title, its filler's content, its source line; no empty placeholders left."""
    title = slide.shapes.title
    if title is None:
        raise TemplateError(
            f"layout '{page.layout_name}' has no title placeholder; every slide needs one"
        )
    title.text = plan.title
    filler_for(plan).fill(slide, plan, page)
    if plan.source_line:
        source(slide, plan.source_line, page.theme, page.width)
    drop_empty_placeholders(slide)


@filler
class TitleSlide(Filler):
    """The subtitle (date, presenter ...) in the layout's second placeholder, if it has one."""

    roles = ("title",)

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        sub = placeholder(slide, 1)
        if sub is not None:
            fill_text(sub.text_frame, plan.subtitle.splitlines(), bullets=False)


@filler
class Bullets(Filler):
    """The bullets in the layout's body placeholder; reference slides set tighter."""

    layouts = ("content",)
    DENSE: ClassVar[frozenset[str]] = frozenset({"appendix", "sources", "limits"})

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        body = placeholder(slide, 1)
        if body is None:
            raise TemplateError(f"layout '{page.layout_name}' has no body placeholder (idx 1)")
        dense = plan.role in self.DENSE
        fill_text(
            body.text_frame,
            plan.bullets,
            size=18 if dense else None,
            bullets=True,
            space_after=4 if dense else 10,
        )


@filler
class ChartBesideBullets(Bullets):
    """The bullets in the left body placeholder and the chart where the right one was; without a
    chart, the bullets alone."""

    layouts = ("two_content",)

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        if plan.chart is None:
            super().fill(slide, plan, page)
            return
        body, right = placeholder(slide, 1), placeholder(slide, 2)
        if body is None or right is None:
            raise TemplateError(
                f"layout '{page.layout_name}' needs two body placeholders (idx 1, 2)"
            )
        fill_text(body.text_frame, plan.bullets, bullets=True, space_after=10)
        box = Box(right.left, right.top, right.width, right.height)
        remove_shape(right)
        chart(slide, plan.chart, page.theme, page.image, box)


@filler
class Canvas(Filler):
    """Below the title, top down: the executive's quote, the chart, then a table or the bullets."""

    layouts = ("section", "title_only", "blank")

    def fill(self, slide, plan: SlidePlan, page: Page) -> None:
        theme, width = page.theme, page.width
        g = geometry(theme)
        top = g.body_top
        if plan.quote:
            top += quote(slide, plan.quote, plan.quote_by, theme, top, width) + Inches(0.25)
        if plan.chart is not None:
            height = Inches(plan.chart.height_in)
            chart(slide, plan.chart, theme, page.image, Box(g.margin, top, width, height))
            top += height + Inches(0.15)
        if plan.table is not None:
            table(slide, plan.table, theme, top, width)
        elif plan.bullets:
            box = textbox(slide, "Body", g.margin, top, width, g.body_bottom - top)
            fill_text(
                box.text_frame,
                plan.bullets,
                size=theme.spec.sizes.body,
                bullets=True,
                space_after=10,
            )


CANVAS = FILLERS_BY_LAYOUT["title_only"]
