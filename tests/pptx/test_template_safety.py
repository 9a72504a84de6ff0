"""Hostile client templates, built with --template: the user reads one clear line, and the
decks carry nothing of what the template brought (links, macros, controls, metadata)."""

from __future__ import annotations

import zipfile

import pytest

from tests import hostile_templates as hostile
from tests.conftest import NORTHWIND, run

ABSENT = (
    hostile.EMAIL,
    hostile.COMPANY,
    "tracker.client.example",
    "intranet.client.example",
    hostile.OLE_PREVIEW,
    hostile.CLIENT_THUMBNAIL,
    b"Attribute VB_Name",
    b"AutoOpen",
)

# (maker, what the build says about it, or None for nothing)
CASES = {
    "links-in-layout": (
        hostile.links_in_layout,
        "removed 2 external links (a linked image and a hyperlink); decks never carry them",
    ),
    "links-in-master": (
        hostile.links_in_master,
        "removed 2 external links (a linked image and a hyperlink); decks never carry them",
    ),
    "macro-project": (hostile.macro_project, "removed a macro project; decks never carry it"),
    "macro-buttons": (
        hostile.macro_project_with_buttons,
        "removed a macro project, a macro action and a custom ribbon; decks never carry them",
    ),
    "activex": (hostile.activex_control, "removed an ActiveX control; decks never carry it"),
    "ole-object": (hostile.embedded_object, "removed an embedded object; decks never carry it"),
    "custom-properties": (hostile.custom_properties, None),
    "custom-xml-and-comment-authors": (hostile.custom_xml_and_comment_authors, None),
    "core-and-app-properties": (hostile.personal_properties, None),
    "app-properties-elsewhere": (hostile.personal_properties_elsewhere, None),
    "thumbnail": (hostile.client_thumbnail, None),
    "thumbnail-png": (hostile.client_thumbnail_png, None),
}


def build(template, out, *extra: str):
    return run(
        "build", str(NORTHWIND), "-o", str(out), "--exec", "Priya Shah", "--template",
        str(template), "--charts", "native", *extra,
    )  # fmt: skip


def template_lines(stderr: str, template) -> list[str]:
    return [line for line in stderr.splitlines() if str(template) in line]


@pytest.mark.parametrize("case", CASES)
def test_a_deck_carries_nothing_from_a_hostile_template(case, tmp_path):
    make, said = CASES[case]
    template = make(tmp_path / "client.pptx")
    result = build(template, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert template_lines(result.stderr, template) == (
        [f"warning: {template}: {said}"] if said else []
    )
    # our storylines pass the checker on a client's template too: no finding, no summary line
    checks = [line for line in result.stderr.splitlines() if line.startswith("check: ")]
    assert checks == []
    total = 1 if said else 0
    assert f"{total} warning{'' if total == 1 else 's'})" in result.stderr.splitlines()[-1]
    assert_clean(tmp_path / "out" / "priya-shah.pptx")


def assert_clean(deck) -> None:
    hostile.assert_carries_nothing(deck, *ABSENT)
    with zipfile.ZipFile(deck) as archive:
        core = archive.read("docProps/core.xml").decode()
        (app,) = (
            archive.read(n).decode()  # docProps/app.xml, or wherever the template kept it
            for n in archive.namelist()
            if n.startswith("docProps/") and n != "docProps/core.xml"
        )
    for gone in ("<dc:identifier", "<cp:contentStatus", "<cp:version", "<!--"):
        assert gone not in core
    assert "<Application>deckgen</Application>" in app
    assert "Company" not in app and "Manager" not in app and "HyperlinkBase" not in app


def test_one_warning_per_build_not_per_deck(tmp_path):
    template = hostile.links_in_layout(tmp_path / "client.pptx")
    result = build(template, tmp_path / "out", "--exec", "Jordan Ellis", "--exec", "Amara Osei")
    assert result.exit_code == 0, result.stderr
    assert len(template_lines(result.stderr, template)) == 1
    for deck in (tmp_path / "out").glob("*.pptx"):
        assert_clean(deck)


@pytest.mark.parametrize(
    ("make", "what", "them"),
    [
        (hostile.links_in_layout, "2 external links (a linked image and a hyperlink)", "them"),
        (hostile.macro_project, "a macro project", "it"),
        (hostile.activex_control, "an ActiveX control", "it"),
    ],
    ids=["links", "macros", "activex"],
)
def test_strict_refuses_a_template_with_links_or_macros_and_writes_nothing(
    make, what, them, tmp_path
):
    template = make(tmp_path / "client.pptx")
    out = tmp_path / "out"
    result = build(template, out, "--strict")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {template}: the template has {what}; --strict refuses it (remove {them} in "
        f"PowerPoint, or build without --strict and deckgen leaves {them} out)\n"
    )
    assert not out.exists() or not list(out.iterdir())


def test_strict_builds_on_a_template_that_only_had_metadata(tmp_path):
    template = hostile.personal_properties(tmp_path / "client.pptx")
    result = build(template, tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.stderr
    assert_clean(tmp_path / "out" / "priya-shah.pptx")


@pytest.mark.parametrize(
    ("make", "part"),
    [
        (hostile.billion_laughs, "ppt/slideLayouts/slideLayout2.xml"),
        (hostile.external_entity, "ppt/slideMasters/_rels/slideMaster1.xml.rels"),
    ],
)
def test_a_template_with_a_doctype_gets_one_line_naming_the_file(make, part, tmp_path):
    template = make(tmp_path / "client.pptx")
    result = build(template, tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {template}: part {part} declares a DOCTYPE; deckgen does not read XML with "
        "document type declarations (save the template again from PowerPoint)\n"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (hostile.huge_part, "part ppt/media/image90.png unpacks to 200 MB"),
        (hostile.packed_too_tightly, "the mark of a zip bomb"),
    ],
)
def test_a_zip_bomb_template_is_refused(make, message, tmp_path):
    template = make(tmp_path / "client.pptx")
    result = build(template, tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {template}: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("width", "said", "format_"),
    [
        (9144000, "is 4:3 (10 x 7.5 in)", "On-screen Show (4:3)"),
        (9906000, "has 10.83 x 7.5 in slides, not 16:9", "Custom"),
    ],
)
def test_a_template_that_is_not_16_9_is_reported_as_it_is(width, said, format_, tmp_path):
    template = hostile.four_by_three(tmp_path / "client.pptx", width)
    result = build(template, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert template_lines(result.stderr, template) == [
        f"warning: {template} {said}; deckgen's layouts are designed for 16:9, so look over "
        "each deck before presenting"
    ]
    with zipfile.ZipFile(tmp_path / "out" / "priya-shah.pptx") as archive:
        app = archive.read("docProps/app.xml").decode()
    assert f"<PresentationFormat>{format_}</PresentationFormat>" in app


def test_bundled_theme_decks_keep_their_own_stock_thumbnail(tmp_path):
    result = run("build", str(NORTHWIND), "-o", str(tmp_path), "--exec", "Priya Shah")
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "priya-shah.pptx") as archive:
        assert archive.read("docProps/thumbnail.jpeg") == zipfile.ZipFile(hostile.CLEAN).read(
            "docProps/thumbnail.jpeg"
        )


def test_a_layout_python_pptx_cannot_use_fails_once_up_front(tmp_path):
    t = hostile.Template()
    t.replace(hostile.LAYOUT, '<p:ph type="title"/>', '<p:ph type="dthalf"/>')
    template = t.save(tmp_path / "client.pptx")
    result = build(template, tmp_path / "out", "--exec", "Jordan Ellis")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {template}: cannot build on this template (ValueError: PP_PLACEHOLDER_TYPE has "
        "no XML mapping for 'dthalf'); open it in PowerPoint and save it again\n"
    )
