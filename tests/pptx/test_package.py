"""A deck's document properties are its own: nothing of the template's (author, company,
manager, hyperlink base, status, version) reaches it, wherever the template kept them."""

from __future__ import annotations

import zipfile

import pytest
from pptx import Presentation

from tests.conftest import NORTHWIND, ROOT, run

EMAIL, COMPANY = "jane.doe@client.example", "Client Holdings Ltd"
APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
    'openxmlformats.org/officeDocument/2006/extended-properties"><Company>' + COMPANY + "</Company>"
    f"<Manager>{EMAIL}</Manager><HyperlinkBase>https://intranet.client.example/</HyperlinkBase>"
    "</Properties>"
)


def client_template(path, app_name: str):
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    core = prs.core_properties
    core.author = core.last_modified_by = f"Jane Doe <{EMAIL}>"
    core.identifier, core.content_status, core.version = EMAIL, f"Draft for {COMPANY}", COMPANY
    prs.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    del parts["docProps/app.xml"]
    parts[app_name] = APP.encode()
    for name in ("[Content_Types].xml", "_rels/.rels"):
        parts[name] = parts[name].replace(b"docProps/app.xml", app_name.encode())
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("app_name", ["docProps/app.xml", "docProps/extended.xml"])
def test_a_templates_document_properties_never_reach_the_deck(app_name, tmp_path):
    template = client_template(tmp_path / "client.pptx", app_name)
    result = run(
        "build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--exec", "Priya Shah",
        "--template", str(template),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "out" / "priya-shah.pptx") as archive:
        core = archive.read("docProps/core.xml").decode()
        app = archive.read(app_name).decode()
    assert EMAIL not in core and COMPANY not in core
    assert "<cp:lastModifiedBy>deckgen</cp:lastModifiedBy>" in core
    assert "<Application>deckgen</Application>" in app
    assert "Company" not in app and "Manager" not in app and "HyperlinkBase" not in app
