"""Open a .pptx template once per build, safely (read size-capped and validated, then
sanitised), and read what the planner needs from it without python-pptx: its theme fonts and
the size of each layout's title and body frames, so titles and reference lists are fitted to the
frames they will be set in (ours or a client's)."""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree
from msgspec import Struct

from deckgen.load.sanitise import SafeTemplate, sanitise
from deckgen.load.template_zip import parse_xml, read_package
from deckgen.models import Frame

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EMU_PER_PT = 12700
DEFAULT_INSETS = (91440, 91440, 45720, 45720)  # left, right, top, bottom (PowerPoint's)
DEFAULT_TITLE_PT, DEFAULT_BODY_PT = 44.0, 18.0


class TemplateFacts(Struct, frozen=True):
    fonts: dict[str, str]  # {"heading": ..., "body": ...} where the theme names them
    titles: dict[str, Frame]  # layout name -> its title frame
    bodies: dict[str, Frame]  # layout name -> its first body frame


class _Package:
    def __init__(self, parts: dict[str, bytes]):
        self.parts = parts

    def xml(self, name: str):
        return parse_xml(self.parts[name])

    def related(self, part: str, kind: str) -> str | None:
        folder, base = posixpath.split(part)
        rels = self.xml(f"{folder}/_rels/{base}.rels")
        for rel in rels:
            if rel.get("Type", "").endswith("/" + kind):
                return posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        return None


def load_template(
    template: Path, bundled: bool = False
) -> tuple[SafeTemplate, TemplateFacts | None]:
    """The template as decks are built on it, and its fonts and frames (None where they cannot
    be read this way; the template check that follows says what is wrong). Raises
    `TemplateError` for a file that is not a usable .pptx or is not safe to read."""
    raw, parts = read_package(template)
    safe, kept = sanitise(template, raw, parts, keep_thumbnail=bundled)
    return safe, read_template(kept)


def read_template(parts: dict[str, bytes]) -> TemplateFacts | None:
    """The fonts and frames in a template's (sanitised) parts, or None."""
    try:
        return _read(_Package(parts))
    except (etree.XMLSyntaxError, KeyError, ValueError, TypeError):
        return None


def _read(pkg: _Package) -> TemplateFacts:
    master_name = "ppt/slideMasters/slideMaster1.xml"
    master = pkg.xml(master_name)
    theme_name = pkg.related(master_name, "theme")
    fonts = _fonts(pkg.xml(theme_name)) if theme_name else {}
    titles: dict[str, Frame] = {}
    bodies: dict[str, Frame] = {}
    layouts = sorted(
        n for n in pkg.parts if n.startswith("ppt/slideLayouts/slideLayout") and n.endswith(".xml")
    )
    for name in layouts:
        layout = pkg.xml(name)
        csld = layout.find(f"{P}cSld")
        if csld is None:
            continue
        label = csld.get("name", "")
        title = _frame(layout, master, ("title", "ctrTitle"), "titleStyle", DEFAULT_TITLE_PT)
        body = _frame(layout, master, ("body", None), "bodyStyle", DEFAULT_BODY_PT, index="1")
        if title:
            titles.setdefault(label, title)
        if body:
            bodies.setdefault(label, body)
    return TemplateFacts(fonts, titles, bodies)


def _fonts(theme) -> dict[str, str]:
    scheme = theme.find(f".//{A}fontScheme")
    out: dict[str, str] = {}
    if scheme is None:
        return out
    for key, tag in (("heading", "majorFont"), ("body", "minorFont")):
        latin = scheme.find(f"{A}{tag}/{A}latin")
        face = latin.get("typeface", "").strip() if latin is not None else ""
        if face and not face.startswith("+"):
            out[key] = face
    return out


def _placeholder(tree, types: tuple[str | None, ...], index: str | None = None):
    for sp in tree.iter(f"{P}sp"):
        ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is None:
            continue
        kind = ph.get("type")
        if kind in types and (index is None or kind is not None or ph.get("idx") == index):
            return sp
    return None


def _frame(layout, master, types, style: str, default_pt: float, index: str | None = None):
    """The frame of the layout's placeholder of `types`, its geometry and text style inherited
    from the master's placeholder of the same kind where the layout leaves them out."""
    own = _placeholder(layout, types, index)
    if own is None:
        return None
    base = _placeholder(master, (types[0],))
    ext = _first(own, base, f"{P}spPr/{A}xfrm/{A}ext")
    if ext is None:
        return None
    body_pr = [sp.find(f"{P}txBody/{A}bodyPr") for sp in (own, base) if sp is not None]
    insets = []
    for attr, default in zip(("lIns", "rIns", "tIns", "bIns"), DEFAULT_INSETS, strict=True):
        given = next((b.get(attr) for b in body_pr if b is not None and b.get(attr)), None)
        insets.append(int(given) if given else default)
    styles = [
        own.find(f"{P}txBody/{A}lstStyle/{A}lvl1pPr/{A}defRPr"),
        base.find(f"{P}txBody/{A}lstStyle/{A}lvl1pPr/{A}defRPr") if base is not None else None,
        master.find(f"{P}txStyles/{P}{style}/{A}lvl1pPr/{A}defRPr"),
    ]
    size = next(
        (int(s.get("sz")) / 100 for s in styles if s is not None and s.get("sz")), default_pt
    )
    bold = next(
        (s.get("b") in ("1", "true") for s in styles if s is not None and s.get("b")), False
    )
    return Frame(
        (int(ext.get("cx")) - insets[0] - insets[1]) / EMU_PER_PT,
        (int(ext.get("cy")) - insets[2] - insets[3]) / EMU_PER_PT,
        size,
        bold,
    )


def _first(own, base, path: str):
    for sp in (own, base):
        found = sp.find(path) if sp is not None else None
        if found is not None:
            return found
    return None
