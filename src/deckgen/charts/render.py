"""Vega-Lite spec -> PNG bytes with vl-convert (the only module that imports it).

vl-convert's first render starts a JavaScript engine (~0.4 s) and holds the GIL while it does,
so a thread cannot hide it. A build that will render charts from an empty cache starts a helper
process at its outset (`start_helper`): the engine starts there while the build reads its
inputs and plans, and the charts are rendered there, the same bytes as in the build's process.
"""

from __future__ import annotations

import contextlib
import json
import struct
import subprocess
import sys
from functools import cache
from typing import Any

from deckgen.errors import DeckgenError

SCALE = 2  # render at twice the placement size so charts stay sharp when projected
_WARM_UP = {"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {}}


@cache
def _converter():
    """vl-convert, with deckgen's chart faces registered: chart text is drawn with fonts that
    ship with deckgen, under names no machine has installed, so charts look alike everywhere."""
    import vl_convert as vlc

    from deckgen.textfit import chart_fonts_dir

    vlc.register_font_directory(str(chart_fonts_dir()))
    return vlc


def _render_here(spec: dict[str, Any]) -> bytes:
    vlc = _converter()
    try:
        return vlc.vegalite_to_png(json.loads(json.dumps(spec)), scale=SCALE)
    except Exception as exc:  # vl-convert raises plain ValueErrors for spec problems
        raise DeckgenError(f"could not render a chart: {exc}") from None


class _Helper:
    """A `python -m deckgen.charts.render` process: a spec in, a PNG (or the error) out, each
    as 4 bytes of length and the bytes."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deckgen.charts.render"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def render(self, spec: dict[str, Any]) -> bytes | None:
        """The PNG, raising DeckgenError as vl-convert's errors do; None if the helper died."""
        try:
            _send(self.proc.stdin, json.dumps(spec).encode())
            ok, payload = self.proc.stdout.read(1), _receive(self.proc.stdout)
        except (OSError, ValueError, struct.error):
            return None
        if ok == b"+":
            return payload
        if ok == b"-":
            raise DeckgenError(f"could not render a chart: {payload.decode()}")
        return None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.stdin.close()  # the helper ends at the end of its input
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck engine
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(OSError):
            self.proc.stdout.close()


_HELPERS: list[_Helper] = []  # this process's helper while a build that started one runs


def start_helper() -> None:
    """Start rendering's engine in a helper process now (`stop_helper` ends it)."""
    if not _HELPERS:
        _HELPERS.append(_Helper())


def stop_helper() -> None:
    while _HELPERS:
        _HELPERS.pop().close()


def render_png(spec: dict[str, Any]) -> bytes:
    if _HELPERS:
        png = _HELPERS[0].render(spec)
        if png is not None:
            return png
        stop_helper()  # it died: render here from now on
    return _render_here(spec)


def _send(stream, data: bytes) -> None:
    stream.write(struct.pack(">I", len(data)) + data)
    stream.flush()


def _receive(stream) -> bytes:
    head = stream.read(4)
    (size,) = struct.unpack(">I", head)
    data = stream.read(size)
    if len(data) != size:
        raise ValueError("short read")
    return data


def _serve() -> None:
    """The helper: start the engine, then render each spec that comes until the input ends."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build to handle
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    with contextlib.suppress(Exception):
        _render_here(_WARM_UP)
    while head := source.read(4):
        (size,) = struct.unpack(">I", head)
        spec = json.loads(source.read(size))
        try:
            status, payload = b"+", _render_here(spec)
        except DeckgenError as exc:
            status, payload = b"-", str(exc).removeprefix("could not render a chart: ").encode()
        sink.write(status)
        _send(sink, payload)


if __name__ == "__main__":
    _serve()
