"""Rendered charts on disk, keyed by what was drawn, so an unchanged chart is never drawn twice.

The key hashes the chart's plain description (ChartPlan), the theme's look and the renderer's own
version (this package's chart code and chart faces, and vl-convert), so any change that could alter a pixel
gives a new key. Entries are signed (cachefiles.py) and written to a temporary name and renamed,
so concurrent builds never see half a file and a planted file is never used; the folder is
trimmed to `max_bytes`, least recently used first, deleting only deckgen's own entries.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from deckgen.cachefiles import store
from deckgen.textfit import chart_fonts_dir

if TYPE_CHECKING:  # pragma: no cover
    from deckgen.load.theme import ThemeFile
    from deckgen.models import ChartPlan

DEFAULT_MAX_MB = 200
_PNG_HEAD = b"\x89PNG\r\n\x1a\n"
_PNG_TAIL = b"IEND\xaeB`\x82"
# Theme fields that cannot change a chart's pixels (layout names, the template file).
_NOT_DRAWN = {"name", "description", "template", "layouts", "template_build", "charts"}


@cache
def renderer_version() -> str:
    """Changes whenever the code or libraries that draw charts change."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("specs.py", "render.py"):
        digest.update((here / name).read_bytes())
    for face in sorted(chart_fonts_dir().glob("*.ttf")):  # the faces chart text is drawn with
        digest.update(face.name.encode() + str(face.stat().st_size).encode())
    digest.update(_installed("vl_convert", "vl_convert_python").encode())
    return digest.hexdigest()[:16]


def _installed(module: str, dist: str) -> str:
    """`vl_convert_python-1.9.0.dist-info`: the installed version, read from the folder beside the package
    (importlib.metadata scans every path entry: 50 ms on a build that takes 700)."""
    from importlib.util import find_spec

    spec = find_spec(module)  # finds, does not import
    if spec is None or spec.origin is None:  # pragma: no cover - both are dependencies
        return f"{dist}=?"
    site = Path(spec.origin).resolve().parent.parent
    found = sorted(p.name for p in site.glob(f"{dist}-*.dist-info"))
    return found[-1] if found else f"{dist}={spec.origin}"


def chart_key(chart: ChartPlan, theme: ThemeFile) -> str:
    look = theme.model_dump(mode="json", exclude=_NOT_DRAWN)
    payload = {"chart": msgspec.to_builtins(chart), "theme": look, "renderer": renderer_version()}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class ChartCache:
    """PNG bytes by key in `root` (deckgen's cache folder's charts/), signed so that a planted or
    altered file is a miss; every failure to read or write is just a miss."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024):
        self.root = root
        self.store = store(root, "charts")
        self.max_bytes = max_bytes
        self.usable = True  # False after the folder turned out to be unwritable
        self.problem: str | None = None

    def get(self, key: str) -> bytes | None:
        data = self.store.get(key)
        if data is None or not (data.startswith(_PNG_HEAD) and data.endswith(_PNG_TAIL)):
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        if not self.usable:
            return
        try:
            self.store.put(key, data)
        except OSError as exc:
            self._unusable(exc)

    def prepare(self) -> None:
        """Make the folder and its key now, so an unusable cache is found (and reported) once,
        by the process that reports, before any worker renders."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._unusable(exc)
            return
        if not self.store.usable():
            self._unusable(PermissionError(0, "its key file is not private to this user"))

    def _unusable(self, exc: OSError) -> None:
        self.usable = False
        why = exc.strerror or str(exc)
        self.problem = f"chart cache {self.root} is not writable ({why}); not caching"

    def files(self) -> list[tuple[float, int, Path]]:
        """(last used, size, path) of every cached chart (deckgen's own entries only)."""
        return self.store.entries()

    def trim(self) -> int:
        """Delete least recently used charts until the folder is under its size cap."""
        files = self.files()
        total = sum(size for _, size, _ in files)
        removed = 0
        if total <= self.max_bytes:
            return removed
        for _, size, path in sorted(files):
            if total <= self.max_bytes * 0.9:
                break
            if self.store.delete(path):
                total -= size
                removed += 1
        return removed

    def clear(self) -> int:
        return self.store.clear()
