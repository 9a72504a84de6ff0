"""Read YAML into plain data while remembering the line of every key, for messages like `org.yaml:12: kpis.x`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct, field

from deckgen.errors import InputError, Problem

Path_ = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (the wheels are): about 10x faster, same nodes.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def key_path(path: Path_) -> str:
    """`("executives", 2, "name")` -> `executives[2].name`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class YamlDoc(Struct):
    """Parsed YAML plus where each key sits, so validation errors can point at a line."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known key on `path` (a missing key points at its parent)."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(self.file, message, key_path(path), self.line_of(path))


MAX_TEXT_BYTES = 5 * 1024 * 1024  # an org.yaml or audience.yaml is a few kB; a KPI table too
MAX_DEPTH = 50  # levels of nesting a workspace file may use (deckgen's own need four)
MAX_VALUES = 100_000  # values a document may hold once YAML aliases are expanded


def read_bytes(path: Path, display: str, limit: int = MAX_TEXT_BYTES) -> bytes:
    """A user file's bytes: a regular file only (not a FIFO or a device such as /dev/zero, which
    would hang or never end), read no further than `limit`."""
    import os
    import stat

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(Problem(display, "expected a file, found a folder"))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                Problem(
                    display,
                    "expected a regular file, found a pipe or device; save the data as a file",
                )
            )
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(Problem(display, "file not found")) from None
    except OSError as exc:
        raise InputError(Problem(display, f"cannot read: {exc.strerror}")) from None
    if len(raw) > limit:
        raise InputError(
            Problem(
                display,
                f"the file is larger than {limit // (1024 * 1024)} MB; expected a small text "
                "file. Is this the right file?",
            )
        )
    return raw


def read_text(path: Path, display: str, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a user file as UTF-8 (a BOM is fine) with a clear message for anything else."""
    return decode_text(read_bytes(path, display, limit), display)


def decode_text(raw: bytes, display: str) -> str:
    """A user file's bytes as text: UTF-8 (a BOM is fine), never binary."""
    if b"\x00" in raw[:8192]:
        raise InputError(Problem(display, "expected a text file, found binary data"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            Problem(display, "expected UTF-8 text; save the file as UTF-8", line=line)
        ) from None


def load_yaml(path: Path, display: str | None = None) -> YamlDoc:
    """Parse one YAML document; syntax errors and duplicate keys become `InputError`s."""
    display = display or path.name
    text = read_text(path, display)
    if "\t" in text:
        # YAML forbids tabs for indentation; say so plainly instead of PyYAML's scanner jargon.
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise InputError(
                    Problem(
                        display, "indent with spaces, not tabs (YAML forbids tabs)", line=number
                    )
                )
    try:
        loader = SAFE_LOADER(text)
    except yaml.reader.ReaderError as exc:
        raise InputError(_reader_problem(display, text, exc)) from None
    try:
        node = loader.get_single_node()
        doc = YamlDoc(display, None)
        doc.data = _build(loader, node, (), doc) if node is not None else None
        return doc
    except yaml.MarkedYAMLError as exc:
        line, what = _explain(exc)
        raise InputError(Problem(display, f"invalid YAML: {what}", line=line)) from None
    except yaml.reader.ReaderError as exc:
        raise InputError(_reader_problem(display, text, exc)) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(display, f"invalid YAML: {exc}")) from None
    finally:
        loader.dispose()


def _explain(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """PyYAML's parser jargon, said the way someone editing the file would understand it."""
    context, problem = exc.context or "", exc.problem or ""
    opened = exc.context_mark.line + 1 if exc.context_mark else None
    at = exc.problem_mark.line + 1 if exc.problem_mark else opened
    if context.startswith("while scanning a quoted scalar"):
        return opened, "a quote opened on this line is never closed; add the closing quote"
    if context.startswith("while parsing a flow sequence"):
        return opened, "a list opened with '[' on this line is not closed with ']'"
    if context.startswith("while parsing a flow mapping"):
        return opened, "a '{' on this line is not closed with '}'"
    if problem.startswith("mapping values are not allowed"):
        return at, "a ':' followed by a space inside a value; put the whole value in quotes"
    if problem.startswith(("expected <block end>", "did not find expected key")):
        return at, (
            "this line does not fit the lines above; check its indentation, and quote text "
            "that contains a quote mark or ': '"
        )
    return at, problem or context or "invalid YAML"


def _reader_problem(display: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """PyYAML refuses control characters; name the character and its line."""
    # PyYAML's reader counts characters; libyaml counts UTF-8 bytes.
    before = (
        text.encode()[: exc.position]
        if SAFE_LOADER is not yaml.SafeLoader
        else text[: exc.position]
    )
    line = before.count(b"\n" if isinstance(before, bytes) else "\n") + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Problem(
        display,
        f"invalid YAML: unprintable character U+{ord(char):04X}; remove it or retype the line",
        line=line,
    )


class _Budget:
    """How much of the document is left to build: a bound on values (aliases expand, so a few
    lines can name billions of them) and on depth (each level is a Python call)."""

    def __init__(self) -> None:
        self.values = MAX_VALUES


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: Path_,
    doc: YamlDoc,
    budget: _Budget | None = None,
) -> Any:
    # long: one walk over the node tree with its budget checks (values, depth) beside each node
    # kind; split, the budget and the path would be threaded through five more functions.
    budget = budget or _Budget()
    budget.values -= 1
    if budget.values < 0:
        raise InputError(
            Problem(
                doc.file,
                f"the document holds more than {MAX_VALUES:,} values once its & and * aliases "
                "are expanded; write the values out without aliases",
                line=node.start_mark.line + 1,
            )
        )
    if len(path) > MAX_DEPTH:
        raise InputError(
            Problem(
                doc.file,
                f"nested more than {MAX_DEPTH} levels deep; deckgen's files need a few",
                line=node.start_mark.line + 1,
            )
        )
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(
                    doc.problem(path, "keys must be plain text, got a list or mapping")
                )
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise InputError(doc.problem(path, f"keys must be plain text, got {key!r}"))
            if isinstance(key, bool):  # `NO:` (Norway), `yes:`, `on:`
                raise InputError(
                    Problem(
                        doc.file,
                        f"the key '{key_node.value}' is read by YAML as {str(key).lower()}; "
                        f'put it in quotes ("{key_node.value}")',
                        key_path(path),
                        key_node.start_mark.line + 1,
                    )
                )
            key = str(key)
            if key in out:
                raise InputError(
                    Problem(
                        doc.file,
                        f"duplicate key '{key}' (first on line {doc.lines[(*path, key)]})",
                        key_path((*path, key)),
                        key_node.start_mark.line + 1,
                    )
                )
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, (*path, key), doc, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), doc, budget) for i, item in enumerate(node.value)]
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # 2026-02-30, year 0: YAML reads them as dates
        raise InputError(
            Problem(
                doc.file, _unreadable_scalar(node, exc), key_path(path), node.start_mark.line + 1
            )
        ) from None
    if isinstance(value, str) and (bad := unholdable(value)):
        raise InputError(
            Problem(
                doc.file,
                f"contains the control character U+{ord(bad):04X}, which a slide cannot hold; "
                "remove it",
                key_path(path),
                node.start_mark.line + 1,
            )
        )
    return value


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def unholdable(text: str) -> str | None:
    """The first character XML (so a slide, a note or a chart) cannot hold, if any."""
    found = _NOT_XML.search(text)
    return found.group(0) if found else None


def _unreadable_scalar(node: yaml.Node, exc: Exception) -> str:
    if getattr(node, "tag", "").endswith(":timestamp"):
        return f"'{node.value}' is not a calendar date ({exc}); write a real date like 2026-03-31"
    return f"cannot read '{str(getattr(node, 'value', ''))[:40]}': {exc}"
