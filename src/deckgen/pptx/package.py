"""Make saved decks byte-identical for identical inputs: fixed zip entry times and embedded dates."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from deckgen.pptx.internals import extended_properties_name, package_parts, write_package


def _zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    when = max(when, datetime(1980, 1, 1, tzinfo=when.tzinfo))
    return (when.year, when.month, when.day, when.hour, when.minute, when.second // 2 * 2)


_DCTERMS = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


# Slide sizes (EMU) -> the names PowerPoint gives them in docProps/app.xml.
_FORMATS = {
    (12192000, 6858000): "Widescreen",
    (9144000, 5143500): "On-screen Show (16:9)",
    (9144000, 5715000): "On-screen Show (16:10)",
    (9144000, 6858000): "On-screen Show (4:3)",
}


def slide_words(slide) -> tuple[str, int, int]:
    """(title, words, paragraphs) of one slide's shapes, as docProps/app.xml counts them."""
    title, words, paragraphs = "", 0, 0
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        for para in shape.text_frame.paragraphs:
            text = "".join(r.text for r in para.runs)
            if text.strip():
                paragraphs += 1
                words += len(text.split())
        if shape.is_placeholder and "TITLE" in str(shape.placeholder_format.type):
            title = title or shape.text_frame.text.replace("\n", " ").replace("\v", " ")
    return title, words, paragraphs


def app_properties(
    prs, theme_name: str, counted: list[tuple[str, int, int]] | None = None
) -> bytes:
    """docProps/app.xml that tells the truth about this deck (slide and notes counts, words, its
    format, deckgen as the application), not what the template's author's copy of PowerPoint
    wrote; nothing from the template's own properties (company, manager) is carried over.
    `counted`: each slide's `slide_words`, where the writer already knows them."""
    from xml.sax.saxutils import escape

    slides = list(prs.slides)
    counted = counted if counted is not None else [slide_words(slide) for slide in slides]
    titles = [title for title, _, _ in counted]
    words = sum(n for _, n, _ in counted)
    paragraphs = sum(n for _, _, n in counted)
    notes = sum(
        1
        for slide in slides
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    )
    size = (int(prs.slide_width), int(prs.slide_height))
    fmt = _FORMATS.get(size, "Custom")
    parts = [escape(theme_name), *(escape(t) for t in titles)]
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties" xmlns:vt="{vt}">'
        f"<TotalTime>0</TotalTime><Words>{words}</Words><Application>deckgen</Application>"
        f"<PresentationFormat>{fmt}</PresentationFormat><Paragraphs>{paragraphs}</Paragraphs>"
        f"<Slides>{len(titles)}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="4" baseType="variant">'
        "<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
        "<vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>"
        f"<vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{len(parts)}" baseType="lpstr">'
        + "".join(f"<vt:lpstr>{p}</vt:lpstr>" for p in parts)
        + "</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
    return xml.encode("utf-8")


def save_stamped(prs, when: datetime, app: bytes | None = None) -> bytes:
    """The presentation as .pptx bytes, every zip entry stamped `when`, in one pass.

    python-pptx's own writer stamps entries with the current time; this is its package writer
    writing to a zip whose entries are stamped with the deck's date instead, so decks need no
    second pass. `app`, if given, replaces the extended properties (docProps/app.xml, wherever
    the template keeps them).
    """
    parts = package_parts(prs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        write_package(prs, parts, _Entries(zf, when, app, extended_properties_name(parts)))
    return out.getvalue()


class _Entries:
    """What the package writer writes to: one stamped, deflated zip entry per part."""

    def __init__(
        self,
        zf: zipfile.ZipFile,
        when: datetime,
        app: bytes | None = None,
        app_name: str = "docProps/app.xml",
    ):
        self.zf, self.when, self.app, self.app_name = zf, when, app, app_name
        self.stamp = _zip_time(when)
        self.iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        if name.endswith(".xlsx"):
            blob = normalise(blob, self.when)  # chart data workbooks carry their own dates
        elif name == "docProps/core.xml":
            blob = _DCTERMS.sub(rb"\g<1>" + self.iso + rb"\g<3>", blob)
        elif name == self.app_name and self.app is not None:
            blob = self.app
        _put(self.zf, name, blob, self.stamp)


def _put(zf: zipfile.ZipFile, name: str, blob: bytes, stamp) -> None:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    zf.writestr(entry, blob)


def normalise(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip (pptx or xlsx) with every entry stamped `when`; recurse into embedded xlsx."""
    stamp = _zip_time(when)
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename.endswith(".xlsx"):
                blob = normalise(blob, when)  # chart data workbooks carry their own dates
            elif info.filename == "docProps/core.xml":
                blob = _DCTERMS.sub(rb"\g<1>" + iso + rb"\g<3>", blob)
            _put(dst, info.filename, blob, stamp)
    return out.getvalue()
