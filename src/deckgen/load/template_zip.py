"""Read a template .pptx as its parts, safely: sizes checked from the zip directory before
anything is unpacked, every read bounded, and no XML part with a document type declaration."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from deckgen.errors import TemplateError
from deckgen.words import plural

MAX_ENTRIES = 5_000  # a large corporate template has a few hundred
MAX_PART = 20 * 1024 * 1024  # unpacked, per part (a full-bleed photo is a few MB)
MAX_TOTAL = 50 * 1024 * 1024  # unpacked, all parts together
MAX_RATIO = 100  # unpacked : packed, for parts over RATIO_FROM; XML packs about 10 : 1
RATIO_FROM = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files are OLE containers
# A DOCTYPE as the XML parser would see it, in every encoding it accepts.
_DOCTYPE = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))  # fmt: skip

# The one parser for template XML: entities stay unexpanded and nothing is fetched.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes):
    """A template part's XML root (parts were checked for DOCTYPEs when read)."""
    return etree.fromstring(data, _PARSER)


def read_package(path: Path) -> tuple[bytes, dict[str, bytes]]:
    """The file's bytes and its parts by name, or `TemplateError` saying what is wrong."""
    try:
        size = path.stat().st_size
        if size > MAX_TOTAL:
            raise TemplateError(
                f"{path}: the file is {_mb(size)} (deckgen reads templates up to "
                f"{_mb(MAX_TOTAL)}); save a copy without sample slides or large pictures"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read ({exc.strerror})") from None
    if raw[:8] == _OLE_MAGIC:
        raise TemplateError(
            f"{path}: the template is password-protected or in the old "
            ".ppt format; save it as a .pptx without a password"
        )
    damaged = TemplateError(
        f"{path}: not a PowerPoint .pptx file (damaged, or another format); "
        "open it in PowerPoint and save it again as .pptx"
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except Exception:  # zipfile raises many types for a damaged file; all mean "unusable"
        raise damaged from None
    with archive:
        entries = archive.infolist()
        _check_directory(path, entries)
        parts: dict[str, bytes] = {}
        for info in entries:
            if info.is_dir():
                continue
            try:
                with archive.open(info) as stream:
                    data = stream.read(info.file_size + 1)  # never more than it declared
            except Exception:  # a bad CRC or stream, an encrypted entry, an unknown method
                raise damaged from None
            if len(data) != info.file_size:
                raise damaged
            parts[info.filename] = data
    _check_xml(path, parts)
    return raw, parts


def _check_directory(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from what its directory declares, before unpacking a byte."""
    if len(entries) > MAX_ENTRIES:
        raise TemplateError(
            f"{path}: the template has {plural(len(entries), 'part')} (deckgen reads at most "
            f"{MAX_ENTRIES:,}); save it again from PowerPoint"
        )
    names: set[str] = set()
    for info in entries:
        if info.filename in names:
            raise TemplateError(
                f"{path}: part {info.filename} appears twice; save the template again from "
                "PowerPoint"
            )
        names.add(info.filename)
        if info.file_size > MAX_PART:
            raise TemplateError(
                f"{path}: part {info.filename} unpacks to {_mb(info.file_size)} (deckgen reads "
                f"parts up to {_mb(MAX_PART)}); compress the template's pictures in PowerPoint "
                "and save it again"
            )
    total = sum(info.file_size for info in entries)
    if total > MAX_TOTAL:
        raise TemplateError(
            f"{path}: the template unpacks to {_mb(total)} (deckgen reads templates up to "
            f"{_mb(MAX_TOTAL)}); save a copy without sample slides or large pictures"
        )
    for info in entries:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise TemplateError(
                f"{path}: part {info.filename} unpacks to {ratio:,.0f} times its packed size "
                f"(deckgen refuses over {MAX_RATIO} times, the mark of a zip bomb); "
                "save the template again from PowerPoint"
            )


def _check_xml(path: Path, parts: dict[str, bytes]) -> None:
    """Refuse a DOCTYPE in any part read as XML (pictures, an SVG logo included, are not)."""
    for name in _xml_parts(parts):
        if any(marker in parts[name] for marker in _DOCTYPE):
            raise TemplateError(
                f"{path}: part {name} declares a DOCTYPE; deckgen does not read XML with "
                "document type declarations (save the template again from PowerPoint)"
            )


def _xml_parts(parts: dict[str, bytes]):
    """Parts named as XML first ([Content_Types].xml among them), then any other part its
    content type says is XML."""
    named = dict.fromkeys(n for n in parts if n.endswith((".xml", ".rels")))
    yield from named
    try:
        types = parse_xml(parts["[Content_Types].xml"])
    except (KeyError, etree.XMLSyntaxError):
        return  # the sanitiser says the file is not a presentation
    defaults, overrides = {}, {}
    for entry in types:
        kind = str(entry.get("ContentType", ""))
        if entry.get("Extension"):
            defaults[str(entry.get("Extension")).lower()] = kind
        elif entry.get("PartName"):
            overrides[str(entry.get("PartName")).lstrip("/")] = kind
    for name in parts:
        if name in named:
            continue
        kind = overrides.get(name) or defaults.get(name.rpartition(".")[2].lower(), "")
        if kind.endswith("xml") and "svg" not in kind:
            yield name


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"
