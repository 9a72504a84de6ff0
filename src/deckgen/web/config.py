"""What `deckgen serve` was asked for: the workspace, where to listen, where decks go."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

LOOPBACK = "127.0.0.1"


class ServeConfig(Struct, frozen=True, kw_only=True):
    workspace: Path | None  # opened at start; None: the page asks for one
    port: int = 8765  # 0: any free port
    host: str = LOOPBACK
    open_browser: bool = False
    outdir: Path | None = None  # where decks go [default: out/<workspace name>]
    images: bool | None = None  # slide images with LibreOffice; None: when it is installed
