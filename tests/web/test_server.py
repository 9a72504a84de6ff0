"""Where the server listens, and what it says when told to listen beyond loopback."""

from __future__ import annotations

import pytest

from deckgen.errors import DeckgenError
from deckgen.web.server import ServeConfig, bind, host_warning, is_loopback


def test_loopback_addresses_are_known():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")


def test_another_host_is_served_with_a_warning():
    assert host_warning("127.0.0.1") is None
    assert host_warning("0.0.0.0") == (
        "warning: --host 0.0.0.0: other machines on the network can reach this page; only the "
        "token in the link keeps them out"
    )


def test_the_default_binds_loopback_only_and_a_taken_port_is_said():
    sock = bind(ServeConfig(workspace=None, port=0))
    try:
        host, port = sock.getsockname()[:2]
        assert host == "127.0.0.1"
        with pytest.raises(DeckgenError, match=f"--port {port}: cannot listen on 127.0.0.1"):
            bind(ServeConfig(workspace=None, port=port))
    finally:
        sock.close()
