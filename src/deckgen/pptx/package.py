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
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, blob)
    return out.getvalue()
