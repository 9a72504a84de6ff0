"""Who may drive the app: requests carrying this start's token (once in the URL, then in a
SameSite=Strict cookie), to this server's own host name, and forms carrying the CSRF value."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_BODY = 6 * 1024 * 1024  # a KPI table may be 5 MB (load/tables.py); a form is far smaller
REFUSED = (
    "deckgen serve: this page needs the link `deckgen serve` printed (it carries a token). "
    "Open that link again."
)


def csrf_value(token: str) -> str:
    """The hidden form field every POST must carry: derived from the token, never the token."""
    return hmac.new(token.encode(), b"deckgen-csrf", hashlib.sha256).hexdigest()


class Guard:
    """ASGI middleware: refuses what lacks the token, comes to another host name (DNS
    rebinding) or from another page's origin, or is larger than MAX_BODY."""

    def __init__(self, app: ASGIApp, token: str, hosts: frozenset[str], cookie: str):
        self.app, self.token, self.hosts, self.cookie = app, token, hosts, cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        given = request.query_params.get("token")
        if given is not None:  # the printed link: keep the token in a cookie, drop it from the URL
            rest = {k: v for k, v in request.query_params.items() if k != "token"}
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict", path="/")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if host not in self.hosts:
            return PlainTextResponse(f"deckgen serve: unknown host '{host}'", status_code=421)
        given = request.query_params.get("token") or request.cookies.get(self.cookie, "")
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return PlainTextResponse(REFUSED, status_code=403)
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is not None and origin.split("://", 1)[-1] not in self.hosts:
                return PlainTextResponse("deckgen serve: form from another page", status_code=403)
            if int(request.headers.get("content-length") or 0) > MAX_BODY:
                return PlainTextResponse(
                    f"deckgen serve: the upload is larger than {MAX_BODY // 1024 // 1024} MB; "
                    "a KPI table is at most 5 MB",
                    status_code=413,
                )
        return None


def check_csrf(form, token: str) -> bool:
    given = str(form.get("csrf") or "")
    return secrets.compare_digest(given.encode(), csrf_value(token).encode())
