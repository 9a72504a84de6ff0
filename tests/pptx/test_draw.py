"""What fillers draw: a chart image fitted to its box, tables banded in the theme's colours with
alt text, the quote's height, the source line at the foot."""

from __future__ import annotations

import io

from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from deckgen.load.theme import load_theme
from deckgen.models import Table
from deckgen.pptx.draw import Box, geometry, picture, quote, source, table
from deckgen.pptx.internals import cell_element, element_of
from tests.conftest import ROOT

THEME = load_theme("clean")


def _slide():
    prs = Presentation(str(ROOT / "themes" / "clean" / "template.pptx"))
    return prs.slides.add_slide(prs.slide_layouts.get_by_name("Title Only"))


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def test_a_chart_image_keeps_its_aspect_ratio_centred_in_its_box():
    slide = _slide()
    picture(slide, _png(200, 100), "Attrition: 17%", Box(0, 0, Inches(8), Inches(2)))
    pic = slide.shapes[-1]
    assert (pic.width, pic.height) == (Inches(4), Inches(2))
    assert pic.left == Inches(2)
    assert element_of(pic).find(".//{*}cNvPr").get("descr") == "Attrition: 17%"


def test_tables_have_an_accent_header_banded_rows_and_alt_text():
    slide = _slide()
    rows = [["Attrition", "17%"], ["Sick days", "9"], ["Overtime", "6%"]]
    table(slide, Table(["Measure", "Now"], rows), THEME, Inches(1.75), Inches(12))
    shape = slide.shapes[-1]
    colors = THEME.spec.colors
    fills = [
        cell_element(row.cells[0]).find("{*}tcPr/{*}solidFill/{*}srgbClr").get("val")
        for row in shape.table.rows
    ]
    assert fills == [colors.accent, colors.surface, colors.background, colors.surface]
    descr = element_of(shape).find(".//{*}cNvPr").get("descr")
    assert descr == "Table: Attrition, 17%; Sick days, 9; Overtime, 6%"


def test_a_long_quote_is_taller_and_the_source_sits_at_the_foot():
    slide, top, width = _slide(), Inches(1.75), Inches(12)
    assert quote(slide, "Short.", "Jordan Ellis, CFO", THEME, top, width) == Inches(1.7)
    assert quote(slide, "x" * 141, "Jordan Ellis, CFO", THEME, top, width) == Inches(2.3)
    source(slide, "Source: org.yaml", THEME, width)
    assert slide.shapes[-1].name == "Source" and slide.shapes[-1].top == Inches(6.58)
    assert geometry(THEME).source_top == Inches(THEME.spec.canvas.source_top)


def test_the_source_line_and_quote_follow_the_themes_canvas():
    from msgspec import structs

    canvas = THEME.spec.canvas.model_copy(update={"margin": 1.0, "source_top": 6.2})
    wide = structs.replace(THEME, spec=THEME.spec.model_copy(update={"canvas": canvas}))
    slide = _slide()
    source(slide, "Source: org.yaml", wide, Inches(11))
    line = slide.shapes[-1]
    assert (line.left, line.top) == (Inches(1.0), Inches(6.2))
    quote(slide, "Short.", "Jordan Ellis, CFO", wide, Inches(1.75), Inches(11))
    assert slide.shapes[-2].left == Inches(1.0)  # the quote bar
