"""Read what a person sees in a .pptx: shapes (groups flattened), text, sizes and colours resolved."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from lxml import etree
from msgspec import Struct
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture

from deckgen.pptx.internals import (
    base_placeholder,
    element_of,
    own_position,
    placeholder_element,
    qn,
)

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P, _PPR, _R, _RPR = (f"{{{A}}}{tag}" for tag in ("p", "pPr", "r", "rPr"))
NS = {"a": A, "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


class TextRun(Struct):
    text: str
    size_pt: float
    color: str | None  # resolved RGB hex, if known
    bold: bool


class Box(Struct):
    shape: Any
    name: str
    left: int
    top: int
    width: int
    height: int
    kind: str  # text | picture | table | chart | other
    is_title: bool = False

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def flatten(shapes, offset=(0, 0)):
    """Every shape, groups opened, with absolute positions (group child offsets applied)."""
    for shape in shapes:
        if isinstance(shape, GroupShape):  # the one class whose `shape_type` is GROUP
            yield from flatten(shape.shapes, offset)
            continue
        yield shape


def _dims(shape) -> list[int | None]:
    """left, top, width, height: the shape's own, else its layout (then master) placeholder's.

    Same answer as python-pptx's inherited `left`/`top`/..., with one base lookup instead of four.
    """
    dims = own_position(shape)
    if None in dims and getattr(shape, "is_placeholder", False):
        inherited = _inherited_dims(shape)
        if inherited is not None:
            dims = [own if own is not None else b for own, b in zip(dims, inherited, strict=True)]
    return dims


_LAYOUT_DIMS: WeakKeyDictionary = WeakKeyDictionary()


def _inherited_dims(shape) -> list[int | None] | None:
    """The dimensions a placeholder inherits, looked up once per layout and placeholder idx."""
    layout = getattr(shape.part, "slide_layout", None)
    ph = placeholder_element(shape)
    if layout is None or ph is None:
        base = base_placeholder(shape)
        return _dims(base) if base is not None else None
    by_idx = _LAYOUT_DIMS.setdefault(layout.part, {})
    idx = int(ph.get("idx") or 0)
    if idx not in by_idx:
        base = base_placeholder(shape)
        by_idx[idx] = _dims(base) if base is not None else None
    return by_idx[idx]


def box_of(shape) -> Box | None:
    left, top, width, height = _dims(shape)
    if left is None or top is None or width is None or height is None:
        return None
    kind = "other"
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        kind = "text"
    if type(shape) is Picture:  # `shape_type` PICTURE: not a movie, not a placeholder
        kind = "picture"
    elif getattr(shape, "has_table", False) and shape.has_table:
        kind = "table"
    elif getattr(shape, "has_chart", False) and shape.has_chart:
        kind = "chart"
    is_title = bool(
        shape.is_placeholder
        and shape.placeholder_format.type is not None
        and "TITLE" in str(shape.placeholder_format.type)
    )
    return Box(shape, shape.name, int(left), int(top), int(width), int(height), kind, is_title)


def frame_text(frame) -> str:
    """`frame.text` (a python-pptx text frame's), read from its XML without a proxy for each
    paragraph."""
    return "\n".join(p.text for p in element_of(frame).iterfind(_P))  # oxml `text`: runs, breaks


class Colors:
    """Resolve scheme colours through the master's theme and colour map."""

    def __init__(self, slide):
        master = slide.slide_layout.slide_master
        self.master = master
        self.layout = slide.slide_layout
        self.slide = slide
        theme_part = next(
            r.target_part for r in master.part.rels.values() if r.reltype.endswith("/theme")
        )
        self.scheme = _scheme(theme_part.blob)
        clr_map = element_of(master).find(qn("p:clrMap"))
        self.map = dict(clr_map.attrib) if clr_map is not None else {}

    def scheme_color(self, name: str) -> str | None:
        mapped = self.map.get(name, name)
        return self.scheme.get(mapped) or self.scheme.get(name)

    def fill_color(self, element) -> str | None:
        """The colour of a solidFill under `element` (spPr, bgPr, tcPr, rPr...), if any."""
        if element is None:
            return None
        fill = element.find("a:solidFill", NS)
        if fill is None:
            return None
        rgb = fill.find("a:srgbClr", NS)
        if rgb is not None:
            return rgb.get("val").upper()
        scheme = fill.find("a:schemeClr", NS)
        if scheme is not None:
            return self.scheme_color(scheme.get("val"))
        return None

    def background(self) -> str:
        for owner in (self.slide, self.layout, self.master):
            bg = element_of(owner).find(".//p:cSld/p:bg", NS)
            if bg is None:
                continue
            color = self.fill_color(bg.find("p:bgPr", NS))
            if color:
                return color
            ref = bg.find("p:bgRef/a:schemeClr", NS)
            if ref is not None:
                return self.scheme_color(ref.get("val")) or "FFFFFF"
        return self.scheme_color("bg1") or "FFFFFF"


@lru_cache(maxsize=16)
def _scheme(theme_xml: bytes) -> dict[str, str]:
    """The theme's colour scheme: name -> RGB hex (parsed once per theme, not once per slide)."""
    scheme: dict[str, str] = {}
    for el in etree.fromstring(theme_xml).find(".//a:clrScheme", NS):
        tag = etree.QName(el).localname
        rgb = el.find("a:srgbClr", NS)
        sys = el.find("a:sysClr", NS)
        if rgb is not None:
            scheme[tag] = rgb.get("val").upper()
        elif sys is not None:
            scheme[tag] = (sys.get("lastClr") or "000000").upper()
    return scheme


_LAYOUT_LSTS: WeakKeyDictionary = WeakKeyDictionary()


def _layout_lst_styles(layout) -> dict[int, Any]:
    """A layout's placeholder list styles by placeholder idx (looked up once per layout)."""
    found = _LAYOUT_LSTS.get(layout.part)
    if found is None:
        found = {}
        for sp in element_of(layout).iterfind(".//p:sp", NS):
            ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
            if ph is not None:
                found.setdefault(int(ph.get("idx") or 0), sp.find(".//a:lstStyle", NS))
        _LAYOUT_LSTS[layout.part] = found
    return found


def _lst_level(lst, level: int):
    if lst is None:
        return None
    return lst.find(f"a:lvl{level + 1}pPr", NS)


def _placeholder_styles(shape, colors: Colors) -> tuple[Any, Any]:
    """(layout list style, master text style) a placeholder's text inherits; Nones for a shape
    that is no placeholder."""
    ph = placeholder_element(shape) if getattr(shape, "is_placeholder", False) else None
    if ph is None:
        return None, None
    is_title = "title" in (ph.get("type") or "").lower()  # title, ctrTitle
    styles = element_of(colors.master).find("p:txStyles", NS)
    placeholder_style = (
        styles.find("p:titleStyle" if is_title else "p:bodyStyle", NS)
        if styles is not None
        else None
    )
    return _layout_lst_styles(colors.layout).get(int(ph.get("idx") or 0)), placeholder_style


def _run_of(r, chain: list, colors: Colors, default_size: float) -> TextRun:
    """An `a:r` with the size, colour and weight it shows: its own `a:rPr`, else the first of
    `chain` (paragraph -> shape -> master defaults) that sets one."""
    size = None
    color = None
    bold = False
    for element in [r.find(_RPR), *chain]:
        if element is None:
            continue
        if size is None and element.get("sz"):
            size = int(element.get("sz")) / 100
        if color is None:
            color = colors.fill_color(element)
        if element.get("b") == "1":
            bold = True
    if color is None:
        color = colors.scheme_color("tx1")
    return TextRun(r.text, size or default_size, color, bold)


def runs_of(shape, colors: Colors, default_size: float = 18.0) -> list[TextRun]:
    """Text runs with their effective size and colour (run -> paragraph -> shape -> master),
    read from the text frame's XML (the oxml elements, not a proxy per paragraph and run)."""
    out = []
    body = element_of(shape.text_frame)
    lst = body.find("a:lstStyle", NS)
    placeholder_lst, placeholder_style = _placeholder_styles(shape, colors)
    for p in body.iterfind(_P):
        p_pr = p.find(_PPR)
        level = p_pr.lvl if p_pr is not None else 0  # oxml `lvl`, as `paragraph.level` reads it
        chain = [p_pr.find("a:defRPr", NS) if p_pr is not None else None]
        for source in (lst, placeholder_lst, placeholder_style):
            lvl = _lst_level(source, level)
            chain.append(lvl.find("a:defRPr", NS) if lvl is not None else None)
        out += [
            _run_of(r, chain, colors, default_size)
            for r in p.iterfind(_R)
            if r.text.strip()  # oxml `text`: the run's a:t
        ]
    return out
