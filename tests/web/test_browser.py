"""The main path in a real browser (Debian's Chromium driven by Playwright; nothing downloaded):
open Northwind, change a blocker, swap evidence, preview a slide, download the deck and read it
with python-pptx; a KPI upload with an error shows the message beside its row. The server runs
as `deckgen serve`, a separate process, on loopback only."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import NORTHWIND, ROOT

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium; .ci/run does)"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the test extra (playwright)")

SHOT = ROOT / "docs" / "img" / "deckgen-serve.png"
BAD_KPIS = (
    "kpi,value,unit,period\nvoluntary_attrition,17.5,percent,2025\nengagement,high,percent,2025\n"
)


@pytest.fixture
def server(tmp_path):
    ws = tmp_path / "northwind"
    shutil.copytree(NORTHWIND, ws)
    proc = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "serve", "--port", "0", "-o", str(tmp_path / "out")],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    line = ""
    deadline = time.monotonic() + 60
    while "token=" not in line and time.monotonic() < deadline:
        line = proc.stderr.readline()
    url = re.search(r"http://\S+", line)
    assert url, f"no URL printed: {line!r}"
    yield url.group(0), ws, tmp_path, proc
    proc.terminate()
    proc.wait(timeout=30)
    proc.stderr.close()


def _listening(port: int) -> list[str]:
    """Local addresses with a socket listening on `port` (Linux /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for row in f.readlines()[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if int(hex_port, 16) == port and state == "0A":
                    found.append(address)
    return found


def test_a_request_without_the_token_is_refused_and_only_loopback_listens(server):
    import urllib.error
    import urllib.request

    url, _, _, _ = server
    bare = url.split("?")[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bare, timeout=10)
    assert refused.value.code == 403
    refused.value.close()
    port = int(re.search(r":(\d+)/", url).group(1))
    assert _listening(port) == ["0100007F"]  # 127.0.0.1, and no other address
    other = bare.replace("127.0.0.1", "127.0.0.2")  # another loopback address: nobody there
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(other, timeout=10)


def test_the_main_path_in_a_browser(server):
    from pptx import Presentation

    from deckgen.library import load_library
    from deckgen.resources import evidence_dir

    url, ws, tmp, _ = server
    outside: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 860}, accept_downloads=True)
        page.on("request", lambda r: None if r.url.startswith(url[:22]) else outside.append(r.url))
        page.set_default_timeout(int(os.environ.get("DECKGEN_BROWSER_TIMEOUT", "240000")))
        page.goto(url)
        page.fill("input[name=folder] >> nth=0", str(ws))
        page.click("text=Open and build")
        page.wait_for_selector("table.list >> text=Jordan Ellis")

        page.click("text=Jordan Ellis")
        page.select_option("select[name=blocker]", "no-roi")
        page.click("text=Save and rebuild")
        page.wait_for_selector("text=set in audience.yaml")
        page.wait_for_selector("#slides")
        assert "Blocker no-roi" in page.inner_text("#blocker")

        row = page.locator("#evidence tr:has(form.swap)").first
        old = row.get_attribute("data-item")
        new = row.locator("select[name=new] option").first.inner_text()
        row.locator("button").click()
        page.wait_for_selector(f'#evidence tr[data-item="{new}"]')
        page.wait_for_selector("#slides")
        assert not page.locator(f'#evidence tr[data-item="{old}"]').count()

        first = page.locator("#slide-1 .picture")
        if first.locator("img").count():
            page.wait_for_function(
                "document.querySelector('#slide-1 img').naturalWidth > 0", timeout=60_000
            )
        else:
            assert "LibreOffice is not available" in page.inner_text("#slides")
            assert first.locator(".slide-html h3").inner_text()
        # The README's picture of the page: the concern, the evidence and the first slide.
        shot = {"full_page": True, "clip": {"x": 0, "y": 0, "width": 1280, "height": 1640}}
        page.screenshot(path=str(tmp / "executive.png"), **shot)
        if os.environ.get("DECKGEN_UPDATE_SCREENSHOTS"):  # `make screenshots`
            page.screenshot(path=str(SHOT), **shot)

        with page.expect_download() as caught:
            page.click("text=Download .pptx")
        deck = tmp / "downloaded.pptx"
        caught.value.save_as(deck)

        page.click("text=Executives")
        page.set_input_files("input[name=table]", files=[
            {"name": "HR export.csv", "mimeType": "text/csv", "buffer": BAD_KPIS.encode()}
        ])  # fmt: skip
        page.click("text=Check and use")
        message = page.locator('#upload-check tr[data-line="3"] .field-error').inner_text()
        assert message == "kpis.csv:3: value: expected a number, got 'high'"
        assert not page.locator('#upload-check tr[data-line="2"] .field-error').count()
        browser.close()
    assert outside == []  # the page loaded nothing from anywhere else

    text = "\n".join(
        shape.text_frame.text
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    library = {item.id: item for item in load_library(evidence_dir())}
    assert library[new].source_ref().short in text
    assert library[old].source_ref().short not in text
    # the deck is the CLI's: the same workspace built by `deckgen build` gives the same bytes
    cli_out = tmp / "cli"
    subprocess.run(
        [sys.executable, "-m", "deckgen", "build", str(ws), "-o", str(cli_out), "-q",
         "--exec", "Jordan Ellis"],
        check=True, capture_output=True, cwd=tmp,
    )  # fmt: skip
    assert (cli_out / "jordan-ellis.pptx").read_bytes() == deck.read_bytes()
    manifest = (cli_out / "jordan-ellis.manifest.json").read_text()
    assert '"blocker": "no-roi"' in manifest and '"blocker_chosen": "given"' in manifest
