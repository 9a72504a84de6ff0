"""Load a theme folder: `theme.yaml` (fonts, colours, sizes, layout map) plus its template `.pptx`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from msgspec import Struct
from pydantic import Field, field_validator

from deckgen.errors import DeckgenError
from deckgen.load.sanitise import SafeTemplate
from deckgen.load.schema import Strict, validate
from deckgen.load.template import TemplateFacts, load_template
from deckgen.load.yamlfile import load_yaml
from deckgen.models import Typeset
from deckgen.resources import themes_dir

BASIC = ("title", "content", "section", "two_content", "title_only", "blank")
# The story's archetypes (deck-grammar.md): drawn on a canvas under the title, so any layout with
# a title placeholder will do; a client template's layout map may leave them to title_only.
ARCHETYPES = (
    "decision",
    "big_number",
    "chart",
    "comparison",
    "quote",
    "means",
    "options",
    "roadmap",
    "card",
)
ROLES = BASIC + ARCHETYPES


class Fonts(Strict):
    heading: str = Field(description="Titles' font (the template's major font).")
    body: str = Field(
        description="Body text's font (the template's minor font); text is measured with it."
    )
    fallback: str = Field(
        description="CSS-style list charts fall back to for characters deckgen's chart face lacks."
    )


class Colors(Strict):
    background: str
    text: str
    muted: str
    accent: str
    highlight: str
    surface: str
    on_surface: str

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
            raise ValueError(f"expected a hex colour like 1F2937, got '{value}'")
        return value.upper()


class Sizes(Strict):
    title: int = Field(ge=18, le=60)
    body: int = Field(ge=14, le=40)
    source: int = Field(ge=8, le=16)
    quote: int = Field(ge=14, le=48)
    big_number: int = Field(ge=18, le=120, description="A BIG NUMBER slide's one figure.")
    small: int = Field(18, ge=12, le=24, description="The smallest text but the source line.")
    figure: int = Field(44, ge=24, le=72, description="A figure in a row of cards.")


class Canvas(Strict):
    """Where fillers draw on a slide without placeholders (inches from the slide's top left)."""

    margin: float = Field(0.6, ge=0, le=3, description="Left and right margin.")
    body_top: float = Field(1.75, ge=0, le=8, description="Top of the content under the title.")
    body_bottom: float = Field(6.5, ge=1, le=8, description="Bottom of the content.")
    source_top: float = Field(6.58, ge=1, le=8, description="Top of the source line.")
    source_height: float = Field(0.55, gt=0, le=2, description="Height of the source line.")


class ThemeFile(Strict):
    name: str
    description: str = ""
    template: str = "template.pptx"
    fonts: Fonts
    colors: Colors
    sizes: Sizes
    canvas: Canvas = Field(default_factory=Canvas)
    layouts: dict[str, str]
    charts: Literal["image", "native"] = Field(
        "native", description="native: editable PowerPoint charts; image: rendered PNG charts."
    )
    template_build: dict | None = None

    @field_validator("layouts")
    @classmethod
    def _roles(cls, layouts: dict[str, str]) -> dict[str, str]:
        missing = [r for r in ROLES if r not in layouts]
        if missing:
            raise ValueError(f"missing layout roles: {', '.join(missing)}")
        return layouts


class Theme(Struct, frozen=True):
    spec: ThemeFile
    template: Path
    package: SafeTemplate  # the template, sanitised, as decks are built on it
    facts: TemplateFacts | None = None  # fonts and frames read from the template

    def typeset(self) -> Typeset:
        """The fonts and frames the planner fits text to (the theme's sizes where the template
        could not be read)."""
        facts = self.facts
        fonts = self.spec.fonts
        titles = {}
        body = None
        if facts is not None:
            for role, name in self.spec.layouts.items():
                if name in facts.titles:
                    titles[role] = facts.titles[name]
            body = facts.bodies.get(self.spec.layouts["content"])
        return Typeset(fonts.heading, fonts.body, titles, body)


def available_themes() -> list[str]:
    return sorted(p.name for p in themes_dir().iterdir() if (p / "theme.yaml").is_file())


def load_theme(name: str) -> Theme:
    folder = themes_dir() / name
    if not (folder / "theme.yaml").is_file():
        raise DeckgenError(
            f"unknown theme '{name}'; available themes: {', '.join(available_themes())}"
        )
    doc = load_yaml(folder / "theme.yaml", f"themes/{name}/theme.yaml")
    spec = validate(ThemeFile, doc)
    template = folder / spec.template
    if not template.is_file():
        raise DeckgenError(f"themes/{name}/theme.yaml: template: file '{spec.template}' not found")
    return Theme(spec, template, *load_template(template, bundled=True))


class LayoutMap(Strict):
    """`--layout-map FILE`: deckgen's layout roles -> layout names in a client's template."""

    title: str | None = None
    content: str | None = None
    section: str | None = None
    two_content: str | None = None
    title_only: str | None = None
    blank: str | None = None
    decision: str | None = None
    big_number: str | None = None
    chart: str | None = None
    comparison: str | None = None
    quote: str | None = None
    means: str | None = None
    options: str | None = None
    roadmap: str | None = None
    card: str | None = None


def with_client_template(theme: Theme, template: Path, layout_map: Path | None) -> Theme:
    """The theme's fonts, colours and sizes on a client's template and (mapped) layout names."""
    if not template.is_file():
        raise DeckgenError(f"--template: file not found: {template}")
    layouts = dict(theme.spec.layouts)
    given: set[str] = set()
    if layout_map is not None:
        doc = load_yaml(layout_map, layout_map.name)
        if not isinstance(doc.data, dict):
            raise DeckgenError(
                f"{layout_map.name}: expected a mapping of layout roles to layout "
                f"names, e.g. 'content: Text'"
            )
        mapped = validate(LayoutMap, doc)
        given = {k for k, v in mapped.model_dump().items() if v}
        layouts.update({k: mapped.model_dump()[k] for k in given})
    for role in ARCHETYPES:  # drawn on a canvas: the client's title-only layout, unless mapped
        if role not in given:
            layouts[role] = layouts["title_only"]
    update: dict = {"layouts": layouts}
    package, facts = load_template(template)
    if facts is not None and facts.fonts:  # slides are set in the template's fonts: measure those
        update["fonts"] = theme.spec.fonts.model_copy(update=facts.fonts)
    return Theme(theme.spec.model_copy(update=update), template, package, facts)
