"""A web app over a copy of the Northwind workspace, driven in-process (no browser)."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("starlette")

from starlette.testclient import TestClient

from deckgen.web.app import create_app
from deckgen.web.config import ServeConfig
from deckgen.web.guard import csrf_value
from tests.conftest import NORTHWIND

TOKEN = "test-token-0123456789"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


def make_client(workspace, outdir) -> TestClient:
    config = ServeConfig(workspace=workspace, outdir=outdir, images=False, port=PORT)
    client = TestClient(create_app(config, TOKEN, PORT), base_url=BASE)
    client.get(f"/?token={TOKEN}")  # the printed link: the token moves into a cookie
    return client


def session_of(client: TestClient):
    return client.app.app.state.app.session


def form(**fields) -> dict:
    return {"csrf": csrf_value(TOKEN), **fields}


@pytest.fixture
def northwind_ws(tmp_path):
    folder = tmp_path / "northwind"
    shutil.copytree(NORTHWIND, folder)
    return folder


@pytest.fixture
def client(northwind_ws, tmp_path):
    c = make_client(northwind_ws, tmp_path / "out")
    session_of(c).wait()
    return c
