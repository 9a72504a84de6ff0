"""DeckPlan -> .pptx bytes on a theme's template (the only package that imports python-pptx)."""

from __future__ import annotations

import sys
import types


class _OnFirstUse(types.ModuleType):
    """Stands for urllib.request until something uses it, then is the real module."""

    def __getattr__(self, attr: str):
        import importlib

        return getattr(importlib.import_module("urllib.request"), attr)


def _saxutils_without_urllib_request() -> None:
    """Import xml.sax.saxutils, which python-pptx imports for `escape`, without urllib.request.

    saxutils imports urllib.request (and with it http.client, email and ssl: ~25 ms of every
    build's start) for one function that opens URLs, which neither python-pptx nor deckgen
    calls. It is imported here with a stand-in that loads the real module on first use; any
    `import urllib.request` elsewhere loads the real one as usual."""
    if "xml.sax.saxutils" in sys.modules or "urllib.request" in sys.modules:
        return
    import urllib

    stand_in = _OnFirstUse("urllib.request")
    sys.modules["urllib.request"] = stand_in
    try:
        import xml.sax.saxutils  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]
    if getattr(urllib, "request", stand_in) is stand_in:
        urllib.request = stand_in  # what saxutils reaches it through: loads the real one


_saxutils_without_urllib_request()
