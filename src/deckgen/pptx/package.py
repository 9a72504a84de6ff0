"""Make saved decks byte-identical for identical inputs: fixed zip entry times and embedded dates."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime


def _zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    when = max(when, datetime(1980, 1, 1, tzinfo=when.tzinfo))
    return (when.year, when.month, when.day, when.hour, when.minute, when.second // 2 * 2)


_DCTERMS = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def save_stamped(prs, when: datetime) -> bytes:
    """The presentation as .pptx bytes, every zip entry stamped `when`, in one pass.

    python-pptx's own writer stamps entries with the current time; this is its PackageWriter with
    a zip writer that stamps them with the deck's date instead, so decks need no second pass.
    """
    from pptx.opc.serialized import PackageWriter

    class _Stamped(PackageWriter):
        def _write(self) -> None:
            with zipfile.ZipFile(self._pkg_file, "w", zipfile.ZIP_DEFLATED) as zf:
                entries = _Entries(zf, when)
                self._write_content_types_stream(entries)
                self._write_pkg_rels(entries)
                self._write_parts(entries)

    package = prs.part.package
    out = io.BytesIO()
    _Stamped(out, package._rels, tuple(package.iter_parts()))._write()
    return out.getvalue()


class _Entries:
    """What PackageWriter writes to: one stamped, deflated zip entry per part."""

    def __init__(self, zf: zipfile.ZipFile, when: datetime):
        self.zf, self.when = zf, when
        self.stamp = _zip_time(when)
        self.iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        if name.endswith(".xlsx"):
            blob = normalise(blob, self.when)  # chart data workbooks carry their own dates
        elif name == "docProps/core.xml":
            blob = _DCTERMS.sub(rb"\g<1>" + self.iso + rb"\g<3>", blob)
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
