"""Built decks kept between runs: a deck whose plan, chart pictures, manifest, theme, date and
deckgen are those of a deck built before is that deck's bytes and check findings from deckgen's
signed cache (cachefiles.py), instead of being written and checked again. Every failure to read
or write an entry is a miss; the folder is kept under a size cap, least recently used first."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import sys
from functools import cache
from pathlib import Path

from deckgen.cachefiles import store as signed_store
from deckgen.check import Finding
from deckgen.models import DeckPlan

_LAYOUT = b"decks-1"  # bump when what is stored, or what a key covers, changes
MAX_BYTES = 100 * 1024 * 1024  # ~400 decks of 30 slides
TRIM_EVERY = 64  # entries written between looks at the folder's size


@cache
def _code() -> bytes:
    """What writes and checks a deck: deckgen's files (code, data tables, font metrics) and the
    libraries that read and write .pptx, by name, size and modification time, once per process."""
    from deckgen.resources import data_dir

    package = Path(__file__).resolve().parent
    files = [p for p in sorted(package.rglob("*")) if "__pycache__" not in p.parts]
    for module in ("pptx", "lxml", "xlsxwriter", "PIL"):
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    files += sorted(data_dir().glob("*.yaml"))
    digest = hashlib.sha256(_LAYOUT + sys.version.encode())
    for path in files:
        with contextlib.suppress(OSError):
            if path.is_file():
                info = path.stat()
                digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.digest()


class DeckCache:
    """One build's decks by what makes them: `key(plan, pictures, manifest)`, then `get` or
    `put` the deck's bytes with the checker's findings. `root` None: nothing is kept."""

    def __init__(self, root: Path | None, build: bytes):
        # `build`: what every deck of the build shares (theme, template, date, language, the
        # library the checker reads, the rules it skips), as bytes from the builder
        self.store = signed_store(root / "decks", "decks") if root is not None else None
        self._build = hashlib.sha256(_code() + build).digest()
        self._written = 0

    def key(self, plan: DeckPlan, pictures: dict[int, bytes], manifest: bytes) -> str:
        digest = hashlib.sha256(self._build)
        digest.update(repr(plan).encode())
        for index in sorted(pictures):
            digest.update(f"\0{index}\0".encode() + hashlib.sha256(pictures[index]).digest())
        digest.update(hashlib.sha256(manifest).digest())
        return digest.hexdigest()[:40]

    def get(self, key: str) -> tuple[bytes, list[Finding]] | None:
        payload = self.store.get(key) if self.store is not None else None
        if payload is None:
            return None
        with contextlib.suppress(ValueError, EOFError, TypeError):
            data, found = marshal.loads(payload)
            if isinstance(data, bytes) and data.startswith(b"PK"):
                return data, [Finding(*f) for f in found]
        return None

    def put(self, key: str, data: bytes, findings: list[Finding]) -> None:
        if self.store is None:
            return
        found = [(f.rule, f.severity, f.slide, f.shape, f.message) for f in findings]
        try:
            self.store.put(key, marshal.dumps((data, found)))
        except (OSError, ValueError):
            self.store = None  # unusable (the chart cache reports why): stop trying
            return
        if self._written % TRIM_EVERY == 0:
            self.trim()
        self._written += 1

    def trim(self, max_bytes: int = MAX_BYTES) -> int:
        """Delete least recently used decks until the folder is under its size cap."""
        files = self.store.entries() if self.store is not None else []
        total, removed = sum(size for _, size, _ in files), 0
        if total <= max_bytes:
            return removed
        for _, size, path in sorted(files):
            if total <= max_bytes * 0.9:
                break
            if self.store.delete(path):
                total, removed = total - size, removed + 1
        return removed
