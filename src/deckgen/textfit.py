"""Measure whether text fits a frame, with real font metrics (Pillow + metric-compatible fonts).

Calibri is measured with Carlito and Arial with Liberation Sans: open fonts with the same glyph
widths. If no font file is found the measure falls back to an estimate and says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

EMU_PER_PT = 12700
LINE_SPACING = 1.2  # PowerPoint's single line spacing is about 1.2 em

# Brand font -> metric-compatible open font file stems (regular, bold, italic, bold italic).
_COMPATIBLE = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "arial": "LiberationSans",
    "helvetica": "LiberationSans",
    "liberation sans": "LiberationSans",
    "times new roman": "LiberationSerif",
    "liberation serif": "LiberationSerif",
    "courier new": "LiberationMono",
    "dejavu sans": "DejaVuSans",
}
_SUFFIX = {
    (False, False): "-Regular",
    (True, False): "-Bold",
    (False, True): "-Italic",
    (True, True): "-BoldItalic",
}
_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    str(Path.home() / ".fonts"),
    os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts"),
)


@cache
def _font_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for root in _FONT_DIRS:
        if not os.path.isdir(root):
            continue
        for folder, _, files in os.walk(root):
            for name in files:
                if name.lower().endswith((".ttf", ".otf")):
                    index.setdefault(name.rsplit(".", 1)[0].lower(), os.path.join(folder, name))
    return index


@cache
def font_file(family: str, bold: bool = False, italic: bool = False) -> str | None:
    stem = _COMPATIBLE.get(family.strip().lower(), family.replace(" ", ""))
    index = _font_index()
    for candidate in (
        stem + _SUFFIX[(bold, italic)],
        stem + _SUFFIX[(bold, False)],
        stem + "-Regular",
        stem,
        "DejaVuSans" if not bold else "DejaVuSans-Bold",
    ):
        path = index.get(candidate.lower())
        if path:
            return path
    return None


@cache
def _font(path: str, size_pt: float):
    from PIL import ImageFont

    return ImageFont.truetype(path, size=max(1, round(size_pt * 10)))  # 10 px per pt: precise


@dataclass(frozen=True)
class Measure:
    height_pt: float
    lines: int
    estimated: bool  # no font file found: widths were estimated


@lru_cache(maxsize=65536)
def text_width_pt(
    text: str, family: str, size_pt: float, bold: bool = False, italic: bool = False
) -> tuple[float, bool]:
    path = font_file(family, bold, italic)
    if path is None:
        return len(text) * size_pt * 0.5, True
    return _font(path, size_pt).getlength(text) / 10, False


@lru_cache(maxsize=8192)
def wrap_count(
    text: str,
    width_pt: float,
    family: str,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
) -> tuple[int, bool]:
    """How many lines `text` takes when word-wrapped into `width_pt`.

    A line's width is the sum of its words' widths and the spaces between them: each word is
    measured once (kerning across a space is negligible), so long texts cost words, not words².
    """
    space, estimated = text_width_pt(" ", family, size_pt, bold, italic)
    lines = 0
    for para_line in text.split("\n") or [""]:
        count, current = 1, -1.0  # -1: the line is still empty
        for word in para_line.split(" "):
            if not word:
                continue
            width, est = text_width_pt(word, family, size_pt, bold, italic)
            estimated |= est
            if current < 0:
                current = width
            elif current + space + width <= width_pt:
                current += space + width
            else:
                count += 1
                current = width
        lines += count
    return lines, estimated


@dataclass(frozen=True)
class Para:
    text: str
    size_pt: float
    bold: bool = False
    italic: bool = False
    space_before_pt: float = 0
    space_after_pt: float = 0
    indent_pt: float = 0


def measure(paras: list[Para], width_pt: float, family: str) -> Measure:
    height, lines, estimated = 0.0, 0, False
    for p in paras:
        n, est = wrap_count(
            p.text, max(width_pt - p.indent_pt, 1), family, p.size_pt, p.bold, p.italic
        )
        estimated |= est
        lines += n
        height += p.space_before_pt + n * p.size_pt * LINE_SPACING + p.space_after_pt
    return Measure(height, lines, estimated)
