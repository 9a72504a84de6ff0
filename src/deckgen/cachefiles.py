"""deckgen's cache folder, made safe to share: every entry is a name deckgen chose (a hex hash in
its own sub-folder) holding bytes deckgen signed with a key private to the user. A file planted in
the folder is never used (its signature fails: a miss), never run (entries are PNG bytes or
marshalled data, loaded only after the signature checks) and never deleted (trimming and
`deckgen cache clear` touch only deckgen's own names, and never follow a symbolic link)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
import stat
import tempfile
from functools import cache
from pathlib import Path

from msgspec import Struct

KEY_FILE = "deckgen-cache.key"
KEY_BYTES = 32
MAX_ENTRY = 64 * 1024 * 1024  # a chart is ~100 kB, a deck ~300 kB, a compiled template a few kB
_SIG = hashlib.sha256().digest_size
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


@cache
def _key(key_file: Path) -> bytes | None:
    """The cache's signing key: made on first use (readable by the user alone), refused if
    someone else could have written or read it."""
    try:
        fd = os.open(key_file, os.O_RDONLY | _NOFOLLOW | _BINARY)
    except FileNotFoundError:
        return _new_key(key_file)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not _private(info):
            return None
        key = handle.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _private(info: os.stat_result) -> bool:
    if not stat.S_ISREG(info.st_mode):
        return False
    if not hasattr(os, "getuid"):  # Windows: the user's profile folder protects it
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o077


def _new_key(key_file: Path) -> bytes | None:
    key = secrets.token_bytes(KEY_BYTES)
    try:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
    except FileExistsError:  # another build made it meanwhile: use theirs if it is ours
        _key.cache_clear()
        return _key(key_file)
    except OSError:
        return None
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


class SignedStore(Struct, frozen=True):
    """Entries named `<hex><suffix>` in `folder` (or in two-letter hex sub-folders of it, with
    `fanout`), each the HMAC-SHA256 of its payload followed by the payload."""

    folder: Path
    suffix: str
    fanout: bool = False
    key_file: Path | None = None  # default: deckgen-cache.key beside `folder`

    @property
    def _key_path(self) -> Path:
        return self.key_file or self.folder.parent / KEY_FILE

    def _name_ok(self, name: str) -> bool:
        return re.fullmatch(rf"[0-9a-f]{{16,64}}{re.escape(self.suffix)}", name) is not None

    def path(self, key: str) -> Path:
        name = f"{key}{self.suffix}"
        if not self._name_ok(name):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / key[:2] / name if self.fanout else self.folder / name

    def usable(self) -> bool:
        return _key(self._key_path) is not None

    def get(self, key: str) -> bytes | None:
        """The payload, or None for anything missing, unsigned, altered or not a plain file."""
        secret = _key(self._key_path)
        path = self.path(key)
        if secret is None or not self._real_folders(path):
            return None
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            blob = handle.read(MAX_ENTRY + _SIG + 1)
        sig, payload = blob[:_SIG], blob[_SIG:]
        if len(blob) > MAX_ENTRY + _SIG or not hmac.compare_digest(
            sig, hmac.new(secret, payload, hashlib.sha256).digest()
        ):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: trimmed last
        return payload

    def put(self, key: str, payload: bytes) -> None:
        """Write a signed entry (temp file, then rename); raises OSError if the folder is unusable."""
        secret = _key(self._key_path)
        if secret is None:
            raise PermissionError(f"the cache key {self._key_path} is not private to this user")
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not self._real_folders(path):
            raise PermissionError(f"{path.parent} is a symbolic link; not writing through it")
        blob = hmac.new(secret, payload, hashlib.sha256).digest() + payload
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _real_folders(self, path: Path) -> bool:
        """The entry's folders are real folders, not links that lead somewhere else."""
        for folder in (self.folder, path.parent):
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISLNK(os.lstat(folder).st_mode):
                    return False
        return True

    def entries(self) -> list[tuple[float, int, Path]]:
        """(last used, size, path) of every entry deckgen made: its own names, plain files,
        found without following links."""
        found: list[tuple[float, int, Path]] = []
        folders = [self.folder]
        if self.fanout:
            folders = [
                Path(e.path)
                for e in _scan(self.folder)
                if re.fullmatch(r"[0-9a-f]{2}", e.name) and e.is_dir(follow_symlinks=False)
            ]
        for folder in folders:
            for entry in _scan(folder):
                if self._name_ok(entry.name) and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        info = entry.stat(follow_symlinks=False)
                        found.append((info.st_mtime, info.st_size, Path(entry.path)))
        return found

    def delete(self, path: Path) -> bool:
        if not self._name_ok(path.name):
            return False
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return False
            path.unlink()
        except OSError:
            return False
        return True

    def clear(self) -> int:
        return sum(self.delete(path) for _, _, path in self.entries())


# The cache's sub-folders: what each holds (entry suffix, fanned out into 2-letter folders).
KINDS: dict[str, tuple[str, bool]] = {
    "charts": (".png", True),
    "templates": (".marshal", False),
    "classifier": (".marshal", False),
    "validated": (".marshal", False),
    "classifications": (".marshal", False),
    "decks": (".marshal", True),
}


def store(folder: Path, kind: str) -> SignedStore:
    """The store for one kind of entry, kept in `folder` (the cache root's sub-folder `kind`)."""
    suffix, fanout = KINDS[kind]
    return SignedStore(folder, suffix, fanout)


def stores(root: Path) -> dict[str, SignedStore]:
    return {kind: store(root / kind, kind) for kind in KINDS}


def _scan(folder: Path) -> list[os.DirEntry]:
    try:
        if stat.S_ISLNK(os.lstat(folder).st_mode):
            return []  # a linked folder is not deckgen's to read or clean
        with os.scandir(folder) as it:
            return list(it)
    except OSError:
        return []
