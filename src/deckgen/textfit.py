"""Measure whether text fits a frame, with font metrics deckgen ships (never the machine's fonts).

Calibri is measured with Carlito's widths and Arial with Liberation Sans's: open fonts with the
same glyph widths, whose advance widths are bundled in `_fonts/metrics/`. A font with no bundled
metrics is measured with the documented fallback in `_fonts/fonts.yaml` (Arial's widths, widened
a little), and the measure says so. The same text therefore paginates and checks the same way on
every machine, with or without any font installed.
"""

from __future__ import annotations

import json
import math
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from msgspec import Struct

EMU_PER_PT = 12700
LINE_SPACING = 1.2  # PowerPoint's single line spacing is about 1.2 em

STYLE = {
    (False, False): "regular",
    (True, False): "bold",
    (False, True): "italic",
    (True, True): "bold-italic",
}


def fonts_dir() -> Path:
    return Path(__file__).resolve().parent / "_fonts"


class FontTable(Struct, frozen=True):
    """What `_fonts/fonts.yaml` says: font name -> metrics family, the fallback, chart faces."""

    metrics: dict[str, str]
    fallback: str
    widen: float
    chart_faces: dict[str, str]


@cache
def font_table() -> FontTable:
    import yaml

    from deckgen.load.yamlfile import SAFE_LOADER

    data = yaml.load((fonts_dir() / "fonts.yaml").read_text(encoding="utf-8"), SAFE_LOADER)
    return FontTable(
        {k.casefold(): v for k, v in data["metrics"].items()},
        data["fallback"]["family"],
        float(data["fallback"]["widen"]),
        dict(data["chart_faces"]),
    )


class StyleMetrics(Struct, frozen=True):
    units_per_em: int
    average: int  # OS/2 average width: used for characters the font has no glyph for
    widths: dict[int, int]  # code point -> advance width in font units


@cache
def _family(family: str) -> dict[str, StyleMetrics]:
    data = json.loads((fonts_dir() / "metrics" / f"{family}.json").read_text(encoding="utf-8"))
    out = {}
    for style, entry in data["styles"].items():
        widths: dict[int, int] = {}
        for first, run in entry["advances"]:
            widths.update(zip(range(first, first + len(run)), run, strict=True))
        out[style] = StyleMetrics(entry["units_per_em"], entry["average"], widths)
    return out


def has_metrics(font: str) -> bool:
    """True if `font` (as a template names it) is measured with its own bundled metrics."""
    return font.strip().casefold() in font_table().metrics


@cache
def _resolve(font: str) -> tuple[str, float]:
    """(metrics family, width factor) for a font name: its own metrics, else the fallback."""
    table = font_table()
    family = table.metrics.get(font.strip().casefold())
    return (family, 1.0) if family else (table.fallback, table.widen)


def chart_face(font: str) -> str:
    """The bundled face that draws chart text for a deck set in `font` (same widths if we have
    them, else the default face), so charts look the same on every machine."""
    table = font_table()
    family = table.metrics.get(font.strip().casefold())
    return table.chart_faces.get(family or "", table.chart_faces["default"])


def chart_fonts_dir() -> Path:
    return fonts_dir() / "chart"


def _missing_width(ch: str, style: StyleMetrics) -> int:
    """Width of a character the font has no glyph for (PowerPoint draws it from another font)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return style.units_per_em
    return style.average


@lru_cache(maxsize=65536)
def text_width_pt(
    text: str, font: str, size_pt: float, bold: bool = False, italic: bool = False
) -> float:
    """Advance width of `text` set in `font` at `size_pt`, without kerning (which only ever
    narrows text, so a measure without it errs on the side of 'does not fit')."""
    family, widen = _resolve(font)
    style = _family(family)[STYLE[(bold, italic)]]
    units = 0
    for ch in text:
        width = style.widths.get(ord(ch))
        units += _missing_width(ch, style) if width is None else width
    return units * size_pt / style.units_per_em * widen


@lru_cache(maxsize=8192)
def wrap_count(
    text: str,
    width_pt: float,
    font: str,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
) -> int:
    """How many lines `text` takes when word-wrapped into `width_pt`.

    A line's width is the sum of its words' widths and the spaces between them: each word is
    measured once, so long texts cost words, not words². A word wider than the line (a URL)
    is broken across lines, as PowerPoint does.
    """
    space = text_width_pt(" ", font, size_pt, bold, italic)
    lines = 0
    for para_line in text.split("\n") or [""]:
        count, current = 1, -1.0  # -1: the line is still empty
        for word in para_line.split(" "):
            if not word:
                continue
            width = text_width_pt(word, font, size_pt, bold, italic)
            if current >= 0 and current + space + width <= width_pt:
                current += space + width
                continue
            if current >= 0:
                count += 1
            if width > width_pt:
                extra = math.ceil(width / width_pt) - 1
                count += extra
                width -= extra * width_pt
            current = width
        lines += count
    return lines


class Para(Struct, frozen=True):
    text: str
    size_pt: float
    bold: bool = False
    italic: bool = False
    space_before_pt: float = 0
    space_after_pt: float = 0
    indent_pt: float = 0


class Measure(Struct, frozen=True):
    height_pt: float
    lines: int
    fallback: bool  # the font has no bundled metrics: measured with the documented fallback


def measure(paras: list[Para], width_pt: float, font: str) -> Measure:
    height, lines = 0.0, 0
    for p in paras:
        n = wrap_count(p.text, max(width_pt - p.indent_pt, 1), font, p.size_pt, p.bold, p.italic)
        lines += n
        height += p.space_before_pt + n * p.size_pt * LINE_SPACING + p.space_after_pt
    return Measure(height, lines, not has_metrics(font))


CELL_INSET_PT = 14.4  # a table cell's left and right insets (0.1 in each), PowerPoint's default


def fit_columns(
    shares: list[float],
    columns: list[list[tuple[str, bool]]],
    width_pt: float,
    font: str,
    size_pt: float,
) -> list[float]:
    """Column widths (pt) summing to `width_pt`, split by `shares`, but never narrower than the
    longest word in the column (each cell given as (text, bold)), so no word is broken across
    lines ("Benchma / rk"). Width a column does not need is given to the others by share."""
    need = [
        max(
            (text_width_pt(w, font, size_pt, bold) for text, bold in cells for w in text.split()),
            default=0.0,
        )
        + CELL_INSET_PT
        + 1
        for cells in columns
    ]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(shares)) if i not in fixed]
        room = width_pt - sum(fixed.values())
        total = sum(shares[i] for i in free) or 1.0
        widths = {i: room * shares[i] / total for i in free}
        short = [i for i in free if widths[i] < need[i]]
        if not short or len(short) == len(free):
            break
        for i in short:
            fixed[i] = need[i]
    out = {**widths, **fixed}
    return [out[i] for i in range(len(shares))]
