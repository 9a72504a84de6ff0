"""Only the holder of the printed link drives the app: token, host name, origin, CSRF, size."""

from __future__ import annotations

from starlette.testclient import TestClient

from deckgen.web.app import create_app
from deckgen.web.config import ServeConfig
from tests.web.conftest import BASE, PORT, TOKEN, form


def _bare():
    config = ServeConfig(workspace=None, images=False, port=PORT)
    return TestClient(create_app(config, TOKEN, PORT), base_url=BASE, follow_redirects=False)


def test_a_request_without_the_token_is_refused():
    response = _bare().get("/")
    assert response.status_code == 403
    assert "needs the link `deckgen serve` printed" in response.text


def test_a_wrong_token_is_refused():
    assert _bare().get("/?token=guess").status_code == 403


def test_the_token_moves_from_the_link_into_a_strict_cookie():
    client = _bare()
    response = client.get(f"/?token={TOKEN}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/").status_code == 200


def test_another_host_name_is_refused_dns_rebinding():
    client = _bare()
    client.get(f"/?token={TOKEN}")
    assert client.get("/", headers={"host": f"evil.example:{PORT}"}).status_code == 421


def test_a_form_without_the_csrf_value_is_refused():
    client = _bare()
    client.get(f"/?token={TOKEN}")
    assert client.post("/open", data={"folder": "x"}).status_code == 403
    assert client.post("/open", data={"folder": "x", "csrf": "nope"}).status_code == 403


def test_a_form_from_another_origin_is_refused():
    client = _bare()
    client.get(f"/?token={TOKEN}")
    response = client.post(
        "/open", data=form(folder="x"), headers={"origin": "http://evil.example"}
    )
    assert response.status_code == 403


def test_an_oversized_upload_is_refused_before_it_is_read():
    client = _bare()
    client.get(f"/?token={TOKEN}")
    big = b"x" * (7 * 1024 * 1024)
    response = client.post("/upload", data=form(kind="kpis"), files={"table": ("kpis.csv", big)})
    assert response.status_code == 413
