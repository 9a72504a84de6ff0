"""Validated inputs kept as plain data: a file read and validated once is, on later runs, its
validated fields from deckgen's signed cache (cachefiles.py), keyed by the file's bytes and by
the code and data tables that validate it. A hit skips the YAML parse (the slow part: every
node keeps its line for messages) and checks the fields again with the same schema; a miss,
an unusable cache or --no-cache validates from the file as before.

deckgen's own tables and evidence library also come prebuilt (prebuilt/validated/, made by
`make prebuilt` and kept current by tests/load/test_prebuilt.py): JSON of the same plain data,
named by the files' bytes alone, so the first build on a new machine skips their parse too. An
entry is read only when the files are byte-for-byte the ones it was made from, and is checked
with the same schema as a cache hit."""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

from deckgen.cachefiles import store as signed_store

T = TypeVar("T")

# Marks a payload's layout; bump it when what is stored changes shape.
_LAYOUT = b"validated-1"

# The validation context of a hit: checks that only repeat work done on the miss (compiling
# every regular expression of a table to see that it compiles) may skip themselves.
REVALIDATING = {"revalidating": True}


def revalidating(info) -> bool:
    """Whether a validator runs on fields that passed it before (`info`: its ValidationInfo)."""
    return bool(info.context and info.context.get("revalidating"))


@cache
def _code() -> bytes:
    """What validation is made of: deckgen's source files and its own data tables (a schema
    checks names against blockers, KPIs, countries ...), by name, size and modification time
    (reading them all would cost more than a hit saves), once per process."""
    from deckgen.resources import data_dir

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(_LAYOUT)
    for path in (*sorted(package.rglob("*.py")), *sorted(data_dir().glob("*.yaml"))):
        info = path.stat()
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.digest()


def cache_key(kind: str, sources: Sequence[tuple[str, bytes]]) -> str:
    """The entry for `kind` read from these (name, bytes) files with this version of deckgen."""
    digest = hashlib.sha256(_code() + kind.encode() + b"\0")
    for name, blob in sources:
        digest.update(f"{name}\0{len(blob)}\0".encode() + blob)
    return digest.hexdigest()[:32]


def shipped_key(kind: str, sources: Sequence[tuple[str, bytes]]) -> str:
    """The prebuilt entry for `kind` read from these (name, bytes) files: their content alone
    (the schema may not be what the entry was made with; a test keeps them in step)."""
    digest = hashlib.sha256(_LAYOUT + kind.encode() + b"\0")
    for name, blob in sources:
        digest.update(f"{name}\0{len(blob)}\0".encode() + blob)
    return digest.hexdigest()[:32]


def prebuilt_dir() -> Path:
    from deckgen.resources import data_root

    return data_root() / "prebuilt" / "validated"


def _prebuilt(name: str) -> object | None:
    with contextlib.suppress(OSError, ValueError):
        return json.loads((prebuilt_dir() / f"{name}.json").read_bytes())
    return None


def _store():
    from deckgen.resources import cache_configured, cache_root

    root = cache_root() if cache_configured() else None
    return signed_store(root / "validated", "validated") if root is not None else None


def cached_plain(
    key: Callable[[], str],
    validate: Callable[[], T],
    dump: Callable[[T], object],
    load: Callable[[object], T],
    shipped: Callable[[], str] | None = None,
) -> T:
    """`validate()`, or its result rebuilt by `load` from the plain data `dump` made of it on
    an earlier run (or, for deckgen's own files, named `shipped()` in prebuilt/). A result is
    stored only if `load(dump(result)) == result`, so a hit gives what validating the file
    gives; problems are never stored (a miss reports them again)."""
    if shipped is not None:
        plain = _prebuilt(shipped())
        if plain is not None:
            with contextlib.suppress(ValueError, TypeError, LookupError):
                return load(plain)
    store = _store()
    if store is None:
        return validate()
    name = key()
    payload = store.get(name)
    if payload is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError, LookupError):
            return load(marshal.loads(payload))
    result = validate()
    with contextlib.suppress(ValueError, TypeError, OSError):  # not plain data, or read-only
        plain = dump(result)
        blob = marshal.dumps(plain)
        if load(marshal.loads(blob)) == result:
            store.put(name, blob)
    return result
