"""Sanitising a template: what is left out, what the user is told, and what stays as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.errors import TemplateError
from deckgen.load.sanitise import PRESENTATION, SafeTemplate
from deckgen.load.template import load_template
from deckgen.load.template_notes import removed_phrase, template_warnings
from tests import hostile_templates as hostile

T = Path("client.pptx")


def names(safe: SafeTemplate) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(safe.data)) as archive:
        return archive.namelist()


def main_type(safe: SafeTemplate) -> str:
    return Presentation(io.BytesIO(safe.data)).part.content_type


def test_our_own_template_is_passed_on_as_it_is():
    safe, facts = load_template(hostile.CLEAN, bundled=True)
    assert safe.data == hostile.CLEAN.read_bytes()
    assert safe.removed == () and safe.slide_size == (12192000, 6858000)
    assert facts is not None and facts.fonts


def test_a_client_template_loses_its_thumbnail_silently():
    safe, _ = load_template(hostile.CLEAN)
    assert "docProps/thumbnail.jpeg" not in names(safe)
    assert safe.removed == () and template_warnings(safe, strict=True) == ()


@pytest.mark.parametrize(
    "main",
    [
        hostile.MACRO_MAIN,  # a .pptm renamed, its macros already gone
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    ],
    ids=["pptm", "potx", "potm", "ppsx"],
)
def test_every_kind_of_presentation_file_opens_as_a_plain_presentation(main, tmp_path):
    template = hostile.Template().main_type(main).save(tmp_path / "client.pptx")
    safe, _ = load_template(template)
    assert main_type(safe) == PRESENTATION
    assert safe.removed == ()


def test_a_workbook_renamed_to_pptx_is_not_a_presentation(tmp_path):
    import openpyxl

    renamed = tmp_path / "brand.pptx"
    openpyxl.Workbook().save(renamed)
    with pytest.raises(TemplateError) as caught:
        load_template(renamed)
    assert str(caught.value) == (
        f"{renamed}: cannot open as a PowerPoint template (it holds a 'application/vnd."
        "openxmlformats-officedocument.spreadsheetml.sheet.main+xml' document, not a presentation)"
    )


def test_sample_slides_and_what_they_link_to_are_left_out_silently(tmp_path):
    prs = Presentation(str(hostile.CLEAN))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Client confidential: Q3 numbers"
    slide.shapes.title.text_frame.paragraphs[0].runs[0].hyperlink.address = "https://x.example"
    prs.save(tmp_path / "client.pptx")
    safe, _ = load_template(tmp_path / "client.pptx")
    assert safe.removed == ()
    assert not [n for n in names(safe) if n.startswith("ppt/slides/")]
    assert len(Presentation(io.BytesIO(safe.data)).slides) == 0


def test_an_embedded_objects_preview_picture_goes_with_it(tmp_path):
    safe, _ = load_template(hostile.embedded_object(tmp_path / "client.pptx"))
    assert safe.removed == (("embedded object", 1),)
    assert not [n for n in names(safe) if "embeddings" in n or n.endswith("image90.png")]


@pytest.mark.parametrize(
    ("removed", "phrase"),
    [
        ((("hyperlink", 1),), "a hyperlink"),
        ((("hyperlink", 3),), "3 hyperlinks"),
        ((("linked image", 1), ("hyperlink", 1)), "2 external links (a linked image and a hyperlink)"),
        ((("linked image", 2), ("hyperlink", 1), ("macro project", 1)),
         "3 external links (2 linked images and a hyperlink) and a macro project"),
        ((("macro project", 1), ("ActiveX control", 2), ("embedded object", 1), ("add-in", 1)),
         "a macro project, 2 ActiveX controls, an embedded object and an add-in"),
    ],
)  # fmt: skip
def test_what_was_removed_reads_as_a_sentence(removed, phrase):
    assert removed_phrase(removed) == phrase


def test_strict_refuses_what_would_be_removed():
    safe = SafeTemplate(T, b"", (("linked image", 1), ("hyperlink", 1), ("macro project", 1)))
    assert template_warnings(safe, strict=False) == (
        "client.pptx: removed 2 external links (a linked image and a hyperlink) and a macro "
        "project; decks never carry them",
    )
    with pytest.raises(TemplateError) as caught:
        template_warnings(safe, strict=True)
    assert str(caught.value) == (
        "client.pptx: the template has 2 external links (a linked image and a hyperlink) and a "
        "macro project; --strict refuses it (remove them in PowerPoint, or build without "
        "--strict and deckgen leaves them out)"
    )


@pytest.mark.parametrize(
    ("size", "said"),
    [
        ((12192000, 6858000), None),
        ((9144000, 5143500), None),  # 16:9 at 10 in wide
        ((9144000, 6858000), "client.pptx is 4:3 (10 x 7.5 in)"),
        ((9144000, 5715000), "client.pptx is 16:10 (10 x 6.25 in)"),
        ((9906000, 6858000), "client.pptx has 10.83 x 7.5 in slides, not 16:9"),
        ((6858000, 9144000), "client.pptx has 7.5 x 10 in slides, not 16:9"),
    ],
)
def test_a_template_that_is_not_16_9_is_reported_once(size, said):
    warnings = template_warnings(SafeTemplate(T, b"", (), size), strict=True)
    if said is None:
        assert warnings == ()
    else:
        assert warnings == (
            f"{said}; deckgen's layouts are designed for 16:9, so look over each deck before "
            "presenting",
        )


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda t: t.replace(hostile.LAYOUT, "</p:spTree>", "</p:spTree"),
         f"part {hostile.LAYOUT} is not well-formed XML"),
        (lambda t: t.shapes(hostile.LAYOUT, hostile._pic("rId99", "r:embed")),
         f"part {hostile.LAYOUT} refers to relationship rId99, which it does not have"),
        (lambda t: t.parts.pop("ppt/slideLayouts/_rels/slideLayout2.xml.rels"),
         f"part {hostile.LAYOUT} has no relationship to its slideMaster"),
        (lambda t: t.parts.pop("ppt/theme/theme1.xml"),
         "part ppt/slideMasters/slideMaster1.xml has no relationship to its theme"),
        (lambda t: t.parts.pop("[Content_Types].xml"), "part [Content_Types].xml is missing"),
    ],
    ids=["not-xml", "dangling-reference", "layout-without-master", "master-without-theme",
         "no-content-types"],
)  # fmt: skip
def test_a_damaged_template_is_refused_up_front(damage, why, tmp_path):
    t = hostile.Template()
    damage(t)
    template = t.save(tmp_path / "client.pptx")
    with pytest.raises(TemplateError) as caught:
        load_template(template)
    assert str(caught.value) == f"{template}: cannot open as a PowerPoint template ({why})"


def test_properties_that_are_not_what_they_claim_are_left_out(tmp_path):
    t = hostile.Template()
    t.parts["docProps/core.xml"] = f"<owner>{hostile.EMAIL}</owner>".encode()
    t.replace("[Content_Types].xml", "extended-properties+xml", "plain+xml")
    safe, _ = load_template(t.save(tmp_path / "client.pptx"))
    assert {"docProps/core.xml", "docProps/app.xml"}.isdisjoint(names(safe))
