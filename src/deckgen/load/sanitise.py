"""Strip a template of what must never reach a deck built on it: external links, macros, ActiveX
controls, embedded objects and add-ins (the user is told), and sample slides and its author's
metadata (custom properties, customXml, comment authors, the thumbnail; left out silently)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter, deque
from pathlib import Path

from lxml import etree
from msgspec import Struct

from deckgen.errors import TemplateError
from deckgen.load.template_zip import parse_xml

PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# Main parts of what PowerPoint saves as a presentation (.pptx, .pptm, .potx, .potm, .ppsx,
# .ppsm): each is opened as a presentation, so a deck is never macro-enabled or a template.
_MAIN_TYPES = {
    PRESENTATION,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
}
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# Relationships (by the last segment of their type) never followed into a deck, and what the
# user is told each one was; "" leaves it out silently (a sample slide or the author's metadata).
_DROPPED = {
    "slide": "",
    "notesSlide": "",
    "comments": "",
    "commentAuthors": "",
    "authors": "",  # PowerPoint 365's comment authors
    "customXml": "",
    "custom-properties": "",
    "thumbnail": "",
    "origin": "",  # a digital signature, which no longer holds once anything changes
    "vbaProject": "macro project",
    "extensibility": "custom ribbon",
    "control": "ActiveX control",
    "oleObject": "embedded object",
    "package": "embedded object",  # an embedded file (a chart's own workbook is kept)
    "webextensiontaskpanes": "add-in",
}
_LINKED = {"hyperlink": "hyperlink", "image": "linked image", "oleObject": "linked object"}
_LINKED |= dict.fromkeys(("video", "audio", "media"), "linked media file")
_PROPERTIES = {  # the content type and root of each, as deckgen rewrites them in every deck
    "core-properties": (
        "application/vnd.openxmlformats-package.core-properties+xml",
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties",
    ),
    "extended-properties": (
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        None,  # replaced whole
    ),
}
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# What python-pptx (and PowerPoint) cannot do without, by the part's content type.
_NEEDS = {"slideLayout": "slideMaster", "slideMaster": "theme", "notesMaster": "theme"}
_MEDIA = {"image", "media", "video", "audio", "hdphoto"}  # dropped with the shape showing them
LINK_KINDS = ("linked image", "linked media file", "linked object", "hyperlink", "external link")
ACTIVE_KINDS = ("macro project", "macro action", "custom ribbon", "ActiveX control",
                "embedded object", "add-in")  # fmt: skip


class SafeTemplate(Struct, frozen=True):
    """A template as decks are built on it: its sanitised .pptx bytes and what was left out."""

    path: Path
    data: bytes
    removed: tuple[tuple[str, int], ...] = ()  # (what, how many) of LINK_KINDS and ACTIVE_KINDS
    slide_size: tuple[int, int] | None = None  # width, height (EMU)


def sanitise(
    path: Path, raw: bytes, parts: dict[str, bytes], keep_thumbnail: bool = False
) -> tuple[SafeTemplate, dict[str, bytes]]:
    """The template with nothing that must not reach a deck, and its kept parts by name.
    `keep_thumbnail` is for deckgen's own themes, whose thumbnail is python-pptx's stock one."""
    cleaner = _Cleaner(path, parts, keep_thumbnail)
    cleaner.walk()
    main = cleaner.main
    if cleaner.main_type != PRESENTATION:
        cleaner.changed = True
    size = cleaner._xml(main).find(f"{P}sldSz")
    try:
        slide_size = (int(size.get("cx")), int(size.get("cy")))
    except (AttributeError, TypeError, ValueError):
        slide_size = None  # python-pptx's default size applies
    data = raw
    if cleaner.changed:
        cleaner.out["[Content_Types].xml"] = cleaner.content_types()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
            for name, blob in cleaner.out.items():
                archive.writestr(name, blob)
        data = out.getvalue()
    removed = tuple(
        (k, cleaner.removed[k]) for k in (*LINK_KINDS, *ACTIVE_KINDS) if cleaner.removed[k]
    )
    return SafeTemplate(path, data, removed, slide_size), cleaner.out


class _Cleaner:
    """One walk over the template's relationships from the package root, keeping what a deck
    may carry and unhooking what it may not from the XML that refers to it."""

    def __init__(self, path: Path, parts: dict[str, bytes], keep_thumbnail: bool):
        self.path, self.parts, self.keep_thumbnail = path, parts, keep_thumbnail
        self.out: dict[str, bytes] = {}
        self.removed: Counter[str] = Counter()
        self.changed = False
        self.types = self._xml("[Content_Types].xml")
        self.defaults, self.overrides = {}, {}
        for entry in self._entries():
            kind = str(entry.get("ContentType", ""))
            if entry.get("Extension"):
                self.defaults[str(entry.get("Extension")).lower()] = kind
            elif entry.get("PartName"):
                self.overrides[str(entry.get("PartName")).lstrip("/").lower()] = kind
        self.main = ""
        self.main_type = ""

    def _refuse(self, why: str) -> TemplateError:
        return TemplateError(f"{self.path}: cannot open as a PowerPoint template ({why})")

    def _xml(self, name: str):
        if name not in self.parts:
            raise self._refuse(f"part {name} is missing")
        try:
            return parse_xml(self.parts[name])
        except etree.XMLSyntaxError:
            raise self._refuse(f"part {name} is not well-formed XML") from None

    def walk(self) -> None:
        queue, seen = deque([""]), {""}  # "" is the package itself
        while queue:
            source = queue.popleft()
            for target in self._visit(source):
                if target not in seen and target in self.parts:
                    seen.add(target)
                    queue.append(target)
        if not self.main:
            raise self._refuse("it has no main document part")
        if self.main not in self.parts:
            raise self._refuse(f"part {self.main} is missing")
        self.main_type = self._type_of(self.main)
        if self.main_type not in _MAIN_TYPES:
            raise self._refuse(f"it holds a '{self.main_type}' document, not a presentation")

    def _visit(self, source: str) -> list[str]:
        """Keep `source`, its relationships that may reach a deck and its XML unhooked from the
        others; the parts it still relates to, to visit next."""
        rels_name = _rels_name(source)
        rels = self._xml(rels_name) if rels_name in self.parts else None
        dropped, targets, types = self._sort_rels(source, rels)
        blob = self.parts.get(source)
        if blob is not None and self._is_xml(source):
            blob = self._clean_xml(source, blob, rels, dropped, targets, types)
        if blob is not None:
            self.out[source] = blob
        if rels is not None:
            self.out[rels_name] = _serialise(rels) if dropped else self.parts[rels_name]
            self.changed = self.changed or bool(dropped)
        return [target for _, target in targets.values()]

    def _sort_rels(self, source: str, rels) -> tuple[set, dict, set]:
        """Drop the relationships no deck may carry (counting what went); return their ids, the
        kept ones (id -> (kind, target)) and the kept relationship types."""
        dropped, targets, types = set(), {}, set()
        for rel in list(rels) if rels is not None else ():
            kind = str(rel.get("Type", "")).rpartition("/")[2]
            target = _resolve(source, str(rel.get("Target")))
            if rel.get("TargetMode") == "External":
                self.removed[_LINKED.get(kind, "external link")] += 1
            elif self._drops(source, kind, target):
                if _DROPPED.get(kind):
                    self.removed[_DROPPED[kind]] += 1
            else:
                if target in self.parts:  # python-pptx ignores a relationship to nothing
                    types.add(str(rel.get("Type")))
                targets[str(rel.get("Id"))] = (kind, target)
                if kind == "officeDocument" and source == "":
                    self.main = target
                continue
            dropped.add(rel.get("Id"))
            rels.remove(rel)
        return dropped, targets, types

    def _clean_xml(self, source: str, blob: bytes, rels, dropped: set, targets: dict, types: set):
        """The part's XML with every reference to a dropped relationship taken out (and the
        pictures of what went); refused if it refers to a relationship it does not have."""
        root = self._xml(source)
        after = _references(root)
        if dropped or b"ppaction://macro" in blob:
            before = after
            self._unhook(root, dropped)
            after = _references(root)
            for rel in list(rels) if rels is not None else ():  # pictures of what went
                rid = str(rel.get("Id"))
                if rid in before - after and targets.get(rid, ("",))[0] in _MEDIA:
                    rels.remove(rel)
                    del targets[rid]
                    dropped.add(rid)
            blob = _serialise(root)
            self.changed = True
        present = {rid for rid, (_, target) in targets.items() if target in self.parts}
        missing = sorted(after - present)
        if missing:  # python-pptx would fail on it later, with a traceback
            raise self._refuse(f"part {source} refers to relationship {missing[0]}, "
                               "which it does not have")  # fmt: skip
        needs = _NEEDS.get(self._type_of(source).rpartition(".")[2].removesuffix("+xml"))
        if needs and f"{_OFFICE}/{needs}" not in types:
            raise self._refuse(f"part {source} has no relationship to its {needs}")
        return blob

    def _drops(self, source: str, kind: str, target: str) -> bool:
        if kind in _PROPERTIES and source == "" and target in self.parts:
            # Document properties that are not what they claim would be carried as they are.
            content_type, root = _PROPERTIES[kind]
            return self._type_of(target) != content_type or (
                root is not None and self._xml(target).tag != root
            )
        if kind not in _DROPPED or (kind == "thumbnail" and self.keep_thumbnail):
            return False
        return not (kind == "package" and source.startswith("ppt/charts/"))

    def _unhook(self, root, dropped: set) -> None:
        """Take out of the XML every reference to a dropped relationship, and macro actions."""
        hits = [
            (el, attr)
            for el in root.iter()
            if isinstance(el.tag, str)
            for attr, value in el.attrib.items()
            if attr.startswith(R) and value in dropped
        ]
        hits += [
            (el, None)
            for el in root.iter(f"{A}hlinkClick", f"{A}hlinkHover", f"{A}hlinkMouseOver")
            if str(el.get("action", "")).startswith("ppaction://macro")
        ]
        for el, attr in hits:
            if not _attached(el, root):
                continue  # went with an ancestor
            if attr is None:
                self.removed["macro action"] += 1
                _remove(el)
            elif el.tag == f"{A}blip" and attr == f"{R}link":
                _unlink_picture(el)
            elif el.tag in (f"{P}oleObj", f"{P}control"):
                _remove_object(el)
            else:
                _remove(el)  # a hyperlink, a slide in a list, customer data, a media link

    def _entries(self):
        return [e for e in self.types if isinstance(e.tag, str)]

    def _type_of(self, name: str) -> str:
        """The part's content type, as python-pptx reads it (names compared in lower case)."""
        ext = name.rpartition(".")[2].lower()
        return self.overrides.get(name.lower()) or self.defaults.get(ext, "")

    def _is_xml(self, name: str) -> bool:
        kind = self._type_of(name)
        return kind.endswith("xml") and "svg" not in kind

    def content_types(self) -> bytes:
        """[Content_Types].xml for the kept parts, the main one a plain presentation."""
        main_listed = False
        kept = {name.lower() for name in self.out}
        for entry in self._entries():
            name = str(entry.get("PartName", "")).lstrip("/").lower()
            if not name:
                continue
            if name not in kept:
                self.types.remove(entry)
            elif name == self.main.lower():
                entry.set("ContentType", PRESENTATION)
                main_listed = True
        if not main_listed:
            etree.SubElement(
                self.types, f"{_CT}Override", PartName=f"/{self.main}", ContentType=PRESENTATION
            )
        return _serialise(self.types)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _resolve(source: str, target: str) -> str:
    """A relationship's target as a zip entry name (python-pptx resolves them the same way)."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _references(root) -> set[str]:
    """The relationships the part's XML refers to (r:id, r:embed, r:link ...)."""
    return {
        value
        for el in root.iter()
        if isinstance(el.tag, str)
        for attr, value in el.attrib.items()
        if attr.startswith(R) and value
    }


def _attached(el, root) -> bool:
    while el is not None:
        if el is root:
            return True
        el = el.getparent()
    return False


def _remove(el) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)
        if parent.tag == f"{P}controls" and len(parent) == 0:
            _remove(parent)


def _remove_object(el) -> None:
    """An ActiveX control or OLE object goes whole: its alternate forms (mc:AlternateContent) and,
    for an object on a slide, the frame that holds it."""
    target, node = el, el
    while (parent := node.getparent()) is not None:
        if node.tag == f"{MC}AlternateContent":
            target = node
            break
        if parent.tag in (f"{P}spTree", f"{P}grpSp", f"{P}cSld"):
            target = node if el.tag == f"{P}oleObj" else target
            break
        node = parent
    _remove(target)


def _unlink_picture(blip) -> None:
    """A picture that only linked to its image goes; a linked fill becomes no fill."""
    del blip.attrib[f"{R}link"]
    if blip.get(f"{R}embed"):
        return
    fill = blip.getparent()
    if fill is not None and fill.tag == f"{A}blipFill":
        fill.addprevious(etree.Element(f"{A}noFill"))
        _remove(fill)
        return
    node = blip
    while node is not None and node.tag != f"{P}pic":
        node = node.getparent()
    _remove(node if node is not None else blip)
