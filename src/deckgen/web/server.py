"""Start the web app: a fresh token per start, loopback only unless --host says otherwise."""

from __future__ import annotations

import ipaddress
import secrets
import socket
from collections.abc import Callable

from deckgen.errors import DeckgenError
from deckgen.web.config import LOOPBACK, ServeConfig

__all__ = ["LOOPBACK", "ServeConfig", "bind", "host_warning", "is_loopback", "run"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_warning(host: str) -> str | None:
    """Said at start when the page may be reached from other machines."""
    if is_loopback(host):
        return None
    return (
        f"warning: --host {host}: other machines on the network can reach this page; only "
        "the token in the link keeps them out"
    )


def bind(config: ServeConfig) -> socket.socket:
    """The listening socket, opened before the URL is printed so its port is known."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((config.host, config.port))
    except OSError as exc:
        sock.close()
        raise DeckgenError(
            f"--port {config.port}: cannot listen on {config.host} ({exc.strerror}); "
            "choose another port, or --port 0 for any free one"
        ) from None
    sock.listen(64)
    return sock


def run(config: ServeConfig, say: Callable[[str], None]) -> None:
    """Serve until Ctrl-C. Prints the one URL that works (it carries this start's token)."""
    import uvicorn

    from deckgen.web.app import create_app

    warning = host_warning(config.host)
    if warning:
        say(warning)
    token = secrets.token_urlsafe(24)
    sock = bind(config)
    port = sock.getsockname()[1]
    shown = config.host if ":" not in config.host else f"[{config.host}]"
    url = f"http://{shown}:{port}/?token={token}"
    app = create_app(config, token, port)
    say(f"deckgen serve: open {url}")
    say("(the link carries a token; without it the page refuses. Ctrl-C stops the server.)")
    if config.open_browser:
        import webbrowser

        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[sock])
