"""Client templates: build into a consultant's master with a layout map; fail clearly without one."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation

from tests.conftest import NORTHWIND, ROOT, run

RENAMED = {
    "Title Slide": "Cover",
    "Title and Content": "Text",
    "Section Header": "Divider",
    "Two Content": "Two columns",
    "Title Only": "Heading only",
    "Blank": "Empty",
}


@pytest.fixture
def client_template(tmp_path):
    """Our clean template with every layout renamed, as a client's brand template would be: the
    six common layouts, none of deckgen's archetype layouts."""
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    for layout in [layout for layout in prs.slide_layouts if layout.name not in RENAMED]:
        prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        layout._element.find(
            "{http://schemas.openxmlformats.org/presentationml/2006/main}cSld"
        ).set("name", RENAMED[layout.name])
    path = tmp_path / "client.pptx"
    prs.save(path)
    return path


def test_builds_into_client_template_with_layout_map(client_template, tmp_path):
    layout_map = tmp_path / "layouts.yaml"
    layout_map.write_text(
        "title: Cover\ncontent: Text\nsection: Divider\n"
        "two_content: Two columns\ntitle_only: Heading only\nblank: Empty\n"
    )
    result = run(
        "build",
        str(NORTHWIND),
        "-o",
        str(tmp_path / "out"),
        "--exec",
        "Priya Shah",
        "--template",
        str(client_template),
        "--layout-map",
        str(layout_map),
    )
    assert result.exit_code == 0, result.stderr
    prs = Presentation(str(tmp_path / "out" / "priya-shah.pptx"))
    used = {slide.slide_layout.name for slide in prs.slides}
    assert used <= set(RENAMED.values())
    assert "Cover" in used and "Text" in used


BASIC_MAP = (
    "title: Cover\ncontent: Text\nsection: Divider\n"
    "two_content: Two columns\ntitle_only: Heading only\nblank: Empty\n"
)


def _build_on_client(client_template, tmp_path, layout_map: str):
    path = tmp_path / "layouts.yaml"
    path.write_text(layout_map)
    return run(
        "build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--exec", "Priya Shah",
        "--template", str(client_template), "--layout-map", str(path),
    )  # fmt: skip


def test_story_archetypes_map_to_the_clients_layouts(client_template, tmp_path):
    """Archetypes the map leaves out are drawn on the client's title-only layout; one it names
    is drawn on that layout, with the layout's unused placeholders removed."""
    result = _build_on_client(client_template, tmp_path, BASIC_MAP + "decision: Text\n")
    assert result.exit_code == 0, result.stderr
    prs = Presentation(str(tmp_path / "out" / "priya-shah.pptx"))
    manifest = json.loads((tmp_path / "out" / "priya-shah.manifest.json").read_text())
    by_role = {}
    for slide, record in zip(prs.slides, manifest["slides"], strict=True):
        by_role.setdefault(record["role"], set()).add(slide.slide_layout.name)
    assert by_role["exec_summary"] == by_role["ask"] == {"Text"}  # DECISION, as mapped
    assert by_role["cost"] == by_role["options"] == {"Heading only"}  # not mapped: title-only
    decision = prs.slides[1]
    assert any(sh.name == "Tag" and sh.text_frame.text == "For decision" for sh in decision.shapes)
    assert not [ph for ph in decision.placeholders if ph.placeholder_format.idx != 0]
    assert "check:" not in result.stderr  # no finding on the client's template either


def test_an_archetype_mapped_to_a_layout_without_a_title_is_a_clear_error(
    client_template, tmp_path
):
    result = _build_on_client(client_template, tmp_path, BASIC_MAP + "quote: Empty\n")
    assert result.exit_code == 1
    assert (
        "client.pptx: these slides need a layout with a title placeholder, and the mapped one "
        "has none: quote -> 'Empty'"
    ) in result.stderr
    assert "--layout-map" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_client_template_without_map_fails_listing_its_layouts(client_template, tmp_path):
    result = run(
        "build",
        str(NORTHWIND),
        "-o",
        str(tmp_path / "out"),
        "--exec",
        "Priya Shah",
        "--template",
        str(client_template),
    )
    assert result.exit_code == 1
    assert "client.pptx: layouts not found: title -> 'Title Slide'" in result.stderr
    assert "the template has: 'Cover', 'Text'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_layout_map_key(client_template, tmp_path):
    layout_map = tmp_path / "layouts.yaml"
    layout_map.write_text("titel: Cover\n")
    result = run(
        "build",
        str(NORTHWIND),
        "-o",
        str(tmp_path / "out"),
        "--template",
        str(client_template),
        "--layout-map",
        str(layout_map),
    )
    assert result.exit_code == 1
    assert "layouts.yaml:1: titel: unknown key; did you mean 'title'?" in result.stderr


def test_corrupt_template(tmp_path):
    bad = tmp_path / "broken.pptx"
    bad.write_bytes(b"PK\x03\x04 not really a presentation")
    result = run("build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--template", str(bad))
    assert result.exit_code == 1
    assert "broken.pptx: not a PowerPoint .pptx file" in result.stderr
    assert "Traceback" not in result.stderr


def test_workbook_renamed_to_pptx_is_refused(tmp_path):
    import openpyxl

    renamed = tmp_path / "brand.pptx"
    openpyxl.Workbook().save(renamed)  # a real zip, but a spreadsheet
    result = run("build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--template", str(renamed))
    assert result.exit_code == 1
    assert "brand.pptx: cannot open as a PowerPoint template" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def _contrast(a: str, b: str) -> float:
    def lum(hex_: str) -> float:
        channels = [int(hex_[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["clean", "boardroom"])
def test_theme_text_contrast_meets_wcag_aa(theme):
    import yaml

    colors = yaml.safe_load((ROOT / "themes" / theme / "theme.yaml").read_text())["colors"]
    pairs = [
        ("text", "background"),
        ("muted", "background"),
        ("on_surface", "surface"),
        ("background", "accent"),
    ]  # table headers: background-coloured text on accent
    for fg, bg in pairs:
        assert _contrast(colors[fg], colors[bg]) >= 4.5, (theme, fg, bg)


def test_notes_master_without_a_body_gets_a_clear_error(tmp_path):
    from pptx import Presentation

    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    master = prs.notes_master  # created from python-pptx's default if the file has none
    for shape in list(master.placeholders):
        if "BODY" in str(shape.placeholder_format.type):
            shape._element.getparent().remove(shape._element)
    client = tmp_path / "client.pptx"
    prs.save(client)
    result = run(
        "build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--exec", "Priya Shah",
        "--template", str(client),
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")  # one error up front, not one per deck
    assert "notes master has no body placeholder" in result.stderr
    assert "--board-copy" in result.stderr
    board = run(
        "build", str(NORTHWIND), "-o", str(tmp_path / "out"), "--exec", "Priya Shah",
        "--template", str(client), "--board-copy",
    )  # fmt: skip
    assert board.exit_code == 0, board.stderr


def _with_fonts(source, target, heading: str, body: str):
    """A copy of `source` whose theme sets titles in `heading` and body text in `body`."""
    from lxml import etree

    prs = Presentation(str(source))
    part = next(
        r.target_part for r in prs.slide_master.part.rels.values() if r.reltype.endswith("/theme")
    )
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(part.blob)
    root.find(f".//{a}majorFont/{a}latin").set("typeface", heading)
    root.find(f".//{a}minorFont/{a}latin").set("typeface", body)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    prs.save(target)
    return target


def test_a_brand_font_without_metrics_is_reported_once_per_build(tmp_path):
    template = _with_fonts(
        ROOT / "themes" / "clean" / "template.pptx",
        tmp_path / "brand.pptx",
        "Gill Sans MT",
        "Gill Sans MT",
    )
    out = tmp_path / "out"
    args = ["build", str(NORTHWIND), "-o", str(out), "--template", str(template)]
    result = run(*args, "--exec", "Priya Shah", "--exec", "Jordan Ellis")
    assert result.exit_code == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "'Gill Sans MT'" in line]
    assert said == [
        "warning: deckgen has no metrics for the font 'Gill Sans MT'; text fit was measured "
        "with Arial's widths plus 10%, so look at text-heavy slides before presenting"
    ]
    assert "estimated" not in result.stderr

    checked = run("check", str(out / "priya-shah.pptx"))
    lines = [line for line in checked.stdout.splitlines() if "Gill Sans MT" in line]
    assert len(lines) == 1 and "info: SL-15: deck:" in lines[0]


def test_bundled_theme_fonts_are_never_estimated(northwind_decks):
    result = run("check", *map(str, sorted(northwind_decks.glob("*.pptx"))))
    assert "metrics" not in result.stdout and "estimated" not in result.stdout
