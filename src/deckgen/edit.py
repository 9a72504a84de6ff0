"""Change one key of one executive in audience.yaml (`blocker:`, `evidence:`) by editing its text
in place, so the person's comments, order and quoting stay as they wrote them. The new file is
validated before it replaces the old one, and the replacement is atomic."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from deckgen.errors import InputError, Problem
from deckgen.load.yamlfile import read_text

FILE = "audience.yaml"
_PLAIN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def plain(value: str) -> str:
    """A slug or id as a YAML scalar: bare when it is a plain slug, else a quoted JSON string."""
    return (
        value
        if _PLAIN.match(value) and value not in ("yes", "no", "on", "off")
        else json.dumps(value)
    )


def flow_evidence(use: list[str], avoid: list[str]) -> str | None:
    """`{use: [a], avoid: [b]}` as one line of YAML, or None when both are empty."""
    parts = [
        f"{key}: [{', '.join(plain(i) for i in ids)}]"
        for key, ids in (("use", use), ("avoid", avoid))
        if ids
    ]
    return "{" + ", ".join(parts) + "}" if parts else None


def edit_executive(
    root: Path, name: str, key: str, value: str | None, check: Callable[[Path], object]
) -> None:
    """Set `executives[<name>].<key>` to `value` (YAML text; None removes the key) in
    root/audience.yaml. `check(path)` validates the edited text (raising InputError) before it
    replaces the file; nothing changes when it fails."""
    path = root / FILE
    raw = path.read_bytes() if path.is_file() else b""
    text = read_text(path, FILE)
    newline = "\r\n" if "\r\n" in text else "\n"
    node = _executive_node(text, name)
    edited = _set_key(text, node, key, value, newline)
    if edited == text:
        return
    temp = root / f".{FILE}.deckgen-edit"
    data = edited.encode("utf-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    try:
        temp.write_bytes(data)
        check(temp)
        os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _executive_node(text: str, name: str) -> yaml.MappingNode:
    """The mapping node of the executive called `name` (any capitals) in audience.yaml."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise InputError(Problem(FILE, f"invalid YAML: {exc}")) from None
    executives = _value(root, "executives")
    if not isinstance(executives, yaml.SequenceNode):
        raise InputError(Problem(FILE, "expected a list of executives", "executives"))
    found, names = [], []
    for item in executives.value:
        given = _value(item, "name")
        if isinstance(given, yaml.ScalarNode):
            names.append(str(given.value))
            if str(given.value).casefold().strip() == name.casefold().strip():
                found.append(item)
    if not found:
        raise InputError(
            Problem(FILE, f"no executive named '{name}'; known: {', '.join(names)}", "executives")
        )
    if len(found) > 1:
        raise InputError(Problem(FILE, f"{len(found)} executives are named '{name}'", "executives"))
    return found[0]


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _set_key(text: str, node: yaml.MappingNode, key: str, value: str | None, newline: str) -> str:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            if value is not None:
                start, end = value_node.start_mark.index, value_node.end_mark.index
                return text[:start] + value + text[end:]
            return _remove(text, node, key_node, value_node)
    if value is None:
        return text
    if node.flow_style:  # - {name: X, said: "..."}: before the closing brace
        at = text.rindex("}", 0, node.end_mark.index)
        return text[:at] + f", {key}: {value}" + text[at:]
    indent = node.value[0][0].start_mark.column
    last = node.value[-1][1].end_mark
    lines = text.splitlines(keepends=True)
    at = last.line if last.column == 0 else last.line + 1
    if at > len(lines) - 1 and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    lines.insert(at, " " * indent + f"{key}: {value}{newline}")
    return "".join(lines)


def _remove(text: str, node: yaml.MappingNode, key_node: yaml.Node, value_node: yaml.Node) -> str:
    if node.flow_style:
        start, end = key_node.start_mark.index, value_node.end_mark.index
        before = text[:start].rstrip()
        if before.endswith(","):
            return before[:-1] + text[end:]
        after = text[end:].lstrip()
        return text[:start] + (after[1:].lstrip() if after.startswith(",") else after)
    lines = text.splitlines(keepends=True)
    first = key_node.start_mark.line
    last = value_node.end_mark.line if value_node.end_mark.column else value_node.end_mark.line - 1
    if lines[first][: key_node.start_mark.column].strip() == "-":
        # `- blocker: x` opens the entry: the dash moves to the next key's line
        nxt = node.value[1][0] if len(node.value) > 1 else None
        if nxt is None:
            raise InputError(Problem(FILE, f"cannot remove the only key '{key_node.value}'"))
        prefix = lines[first][: key_node.start_mark.column]
        rest = lines[nxt.start_mark.line]
        lines[nxt.start_mark.line] = prefix + rest[nxt.start_mark.column :]
    del lines[first : last + 1]
    return "".join(lines)
