"""The contract with python-pptx behind the fence in pptx/internals.py: the private names it uses are
still there, and its fast paths write the XML python-pptx's public API writes for the same slides."""

from __future__ import annotations

import ast
import inspect
import io
import re
import tomllib
import zipfile

import pptx
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter, _BaseWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.opc.serialized import PackageWriter
from pptx.util import Inches, Pt

from deckgen.pptx import internals
from tests.conftest import ROOT

TEMPLATE = ROOT / "themes" / "clean" / "template.pptx"
FENCE = ROOT / "src" / "deckgen" / "pptx" / "internals.py"

# Every private name internals.py uses, and the test below that checks it.
PRIVATE = {
    "_element": "test_proxies_keep_their_element",
    "_p": "test_proxies_keep_their_element",
    "_r": "test_proxies_keep_their_element",
    "_tc": "test_proxies_keep_their_element",
    "_base_placeholder": "test_placeholders_know_what_they_inherit_from",
    "_tbl": "test_oxml_elements_have_the_methods_the_fence_calls",
    "_spTree": "test_proxies_keep_their_element",
    "_sldIdLst": "test_oxml_elements_have_the_methods_the_fence_calls",
    "_rels": "test_the_package_writer_still_writes_in_three_steps",
    "_write_content_types_stream": "test_the_package_writer_still_writes_in_three_steps",
    "_write_pkg_rels": "test_the_package_writer_still_writes_in_three_steps",
    "_write_parts": "test_the_package_writer_still_writes_in_three_steps",
    "_workbook_writer": "test_workbooks_are_still_written_through_the_overridden_methods",
    "_open_worksheet": "test_workbooks_are_still_written_through_the_overridden_methods",
    "_write_cat_column": "test_workbooks_are_still_written_through_the_overridden_methods",
    "_write_series": "test_workbooks_are_still_written_through_the_overridden_methods",
    "_chart_data": "test_workbooks_are_still_written_through_the_overridden_methods",
    "_nsmap": "test_compiled_lookups_find_what_python_pptx_finds",
}


def _private_names(path) -> set[str]:
    """`x._name` attributes read and `_name` methods overridden in classes, in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_")
    }
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        names |= {
            n.name
            for n in cls.body
            if isinstance(n, ast.FunctionDef) and n.name.startswith("_") and n.name[1] != "_"
        }
    return {n for n in names if not n.startswith("__")}


def test_every_private_name_the_fence_uses_is_checked_here():
    assert _private_names(FENCE) == set(PRIVATE)
    assert set(PRIVATE.values()) <= set(globals())


# python-pptx's modules that only the fence imports (the XML layer, packaging, parts); the writer
# gets its XML from the fence too, the checker parses the theme's with lxml itself.
FENCED_MODULES = ("pptx.oxml", "pptx.opc", "pptx.parts", "pptx.chart.xlsx")
CHECKER = ROOT / "src" / "deckgen" / "check"


def test_only_the_fence_reaches_into_python_pptx():
    found = []
    for path in sorted([*FENCE.parent.glob("*.py"), *CHECKER.glob("*.py")]):
        if path == FENCE:
            continue
        fenced = FENCED_MODULES + (("lxml",) if path.parent == FENCE.parent else ())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
            ):
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr", "setattr")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and str(node.args[1].value).startswith("_")
            ):
                found.append(f"{path.name}:{node.lineno}: {node.func.id} {node.args[1].value}")
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for module in modules:
                if module.startswith(fenced):
                    found.append(f"{path.name}:{node.lineno}: imports {module}")
    assert not found, "python-pptx's internals used outside internals.py:\n" + "\n".join(found)


def test_python_pptx_is_the_minor_version_the_fence_was_written_for():
    assert pptx.__version__.split(".")[:2] == ["1", "0"], pptx.__version__
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "python-pptx>=1.0.2,<1.1" in project["dependencies"]


# (a) the private names, with the shape the fence expects ---------------------------------------


def _slide_with_everything():
    prs = Presentation(str(TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Title"
    table = slide.shapes.add_table(2, 2, 0, 0, Inches(4), Inches(1))
    return prs, slide, table


def test_proxies_keep_their_element():
    prs, slide, table = _slide_with_everything()
    paragraph = slide.shapes.title.text_frame.paragraphs[0]
    for proxy, tag in [
        (slide, "p:sld"),
        (slide.shapes.title, "p:sp"),
        (table, "p:graphicFrame"),
        (slide.notes_slide, "p:notes"),
        (prs.slide_layouts[1], "p:sldLayout"),
        (prs.slide_master, "p:sldMaster"),
        (prs.core_properties, "cp:coreProperties"),
        (slide.shapes.title.text_frame, "p:txBody"),
    ]:
        assert etree.QName(internals.element_of(proxy)).localname == tag.split(":")[1], tag
    assert etree.QName(paragraph._p).localname == "p"
    assert internals.element_of(paragraph) is paragraph._p
    assert etree.QName(internals.run_element(paragraph.runs[0])).localname == "r"
    assert etree.QName(internals.cell_element(table.table.cell(0, 0))).localname == "tc"
    assert hasattr(paragraph._p, "get_or_add_pPr")
    assert etree.QName(slide.shapes._spTree).localname == "spTree"
    assert slide.shapes._spTree is internals.element_of(slide).find(".//p:spTree", _NS)


_NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


def test_placeholders_know_what_they_inherit_from():
    prs, slide, table = _slide_with_everything()
    title = slide.shapes.title
    assert internals.own_position(title) == [None, None, None, None]  # all from the layout
    assert internals.own_position(table) == [0, 0, Inches(4), Inches(1)]
    assert internals.placeholder_element(title).get("type") == "title"
    assert internals.placeholder_element(table) is None
    layout_title = internals.base_placeholder(title)
    assert layout_title.part is prs.slide_layouts[1].part
    master_title = internals.base_placeholder(layout_title)
    assert master_title.part is prs.slide_master.part
    assert internals.base_placeholder(master_title) is None
    assert internals.base_placeholder(table) is None


def test_oxml_elements_have_the_methods_the_fence_calls():
    prs, slide, table = _slide_with_everything()
    tbl = table.table._tbl
    assert etree.QName(tbl).localname == "tbl"
    assert [etree.QName(tr).localname for tr in tbl.tr_lst] == ["tr", "tr"]
    tc = tbl.tr_lst[0].tc_lst[0]
    assert etree.QName(tc.get_or_add_txBody()).localname == "txBody"
    assert etree.QName(tc.get_or_add_tcPr()).localname == "tcPr"
    ids = prs.slides._sldIdLst
    assert etree.QName(ids).localname == "sldIdLst" and hasattr(ids, "add_sldId")
    assert list(inspect.signature(type(ids).add_sldId).parameters) == ["self", "rId"]
    r_id, added = prs.slides.part.add_slide(prs.slide_layouts[5])
    assert r_id.startswith("rId") and len(added.shapes) == 0  # no placeholders cloned
    assert callable(slide.shapes.clone_layout_placeholders)
    assert prs.part.package.presentation_part.notes_master_part is not None
    parts = internals.package_parts(prs)
    assert all(hasattr(p, "partname") and hasattr(p, "content_type") for p in parts)


def test_the_package_writer_still_writes_in_three_steps():
    # `save` is `PackageWriter.write(file, package._rels, parts)` -> `_write`, which writes the
    # content types, the package's rels and then the parts; write_package makes those calls.
    assert list(inspect.signature(PackageWriter.__init__).parameters) == [
        "self", "pkg_file", "pkg_rels", "parts"
    ]  # fmt: skip
    source = inspect.getsource(PackageWriter._write)
    steps = ["_write_content_types_stream", "_write_pkg_rels", "_write_parts"]
    assert [s for s in steps if f"self.{s}(phys_writer)" in source] == steps
    prs, _, _ = _slide_with_everything()
    assert prs.part.package._rels.xml.startswith(b"<?xml")


def test_workbooks_are_still_written_through_the_overridden_methods():
    # The workbook comes from `_workbook_writer.xlsx_blob`, which opens the sheet with
    # `_open_worksheet` and fills it with `_populate_worksheet` -> `_write_categories`
    # (-> `_write_cat_column`) and `_write_series`.
    lazy = inspect.getattr_static(CategoryChartData, "_workbook_writer")
    assert isinstance(lazy, property) or "lazyproperty" in type(lazy).__name__
    blob = inspect.getsource(_BaseWorkbookWriter.xlsx_blob.fget)
    assert "self._open_worksheet(xlsx_file)" in blob and "self._populate_worksheet(" in blob
    populate = inspect.getsource(CategoryWorkbookWriter._populate_worksheet)
    assert "self._write_categories(" in populate and "self._write_series(" in populate
    categories = inspect.getsource(CategoryWorkbookWriter._write_categories)
    assert "self._write_cat_column(worksheet, col, level, num_format)" in categories
    assert list(inspect.signature(CategoryWorkbookWriter._write_cat_column).parameters) == [
        "self", "worksheet", "col", "level", "num_format"
    ]  # fmt: skip
    assert list(inspect.signature(CategoryWorkbookWriter._write_series).parameters) == [
        "self", "workbook", "worksheet"
    ]  # fmt: skip
    data = internals.literal_chart_data()
    assert isinstance(data, CategoryChartData)
    assert data._workbook_writer._chart_data is data


# (b) the fast paths write what the public API writes --------------------------------------------

ROWS = [["Measure", "Now", "Target"], ["Voluntary attrition", "17.0%", "12%"], ["Sick\ndays", "9", "7"]]  # fmt: skip
FILLS = ["1F4E79", "F2F2F2", "FFFFFF"]


def _fill_text_slide(slide, text: str) -> None:
    slide.shapes.title.text = "Why now"
    slide.placeholders[1].text_frame.text = text


def _fast_deck() -> bytes:
    """Three slides as deckgen writes them: the second a copy of the first's remembered shapes,
    the third's table cells written as DrawingML, notes after the first copied from its blank."""
    prs = Presentation(str(TEMPLATE))
    content, title_only = prs.slide_layouts[1], prs.slide_layouts[4]
    first = internals.add_bare_slide(prs, content)
    internals.clone_layout_placeholders(first, content)
    _fill_text_slide(first, "Attrition rose three years running")
    second = internals.add_bare_slide(prs, content)
    internals.replace_shapes(second, internals.copy_shapes(first))
    third = internals.add_bare_slide(prs, title_only)
    internals.clone_layout_placeholders(third, title_only)
    third.shapes.title.text = "The numbers"
    shape = third.shapes.add_table(3, 3, Inches(0.6), Inches(1.75), Inches(12), Inches(1.5))
    for r, cells in enumerate(internals.table_cells(shape.table)):
        for tc, value in zip(cells, ROWS[r], strict=True):
            internals.write_cell(tc, value, FILLS[r], "222222", 14, bold=r == 0)
    notes = first.notes_slide
    blank = internals.copy_notes_slide(notes)
    master = internals.notes_master_part(first)
    notes.notes_text_frame.text = "Say this first."
    for number, slide in enumerate((second, third), 2):
        internals.add_notes_copy(slide, blank, number, master).text = f"Then this ({number})."
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _public_deck() -> bytes:
    """The same three slides through python-pptx's public API alone."""
    prs = Presentation(str(TEMPLATE))
    content, title_only = prs.slide_layouts[1], prs.slide_layouts[4]
    first, second = prs.slides.add_slide(content), prs.slides.add_slide(content)
    for slide in (first, second):
        _fill_text_slide(slide, "Attrition rose three years running")
    third = prs.slides.add_slide(title_only)
    third.shapes.title.text = "The numbers"
    shape = third.shapes.add_table(3, 3, Inches(0.6), Inches(1.75), Inches(12), Inches(1.5))
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values):
            cell = shape.table.cell(r, c)
            for i, line in enumerate(value.split("\n")):
                paragraph = (
                    cell.text_frame.paragraphs[0] if i == 0 else cell.text_frame.add_paragraph()
                )
                paragraph.alignment = PP_ALIGN.LEFT
                run = paragraph.add_run()
                run.text = line
                run.font.size = Pt(14)
                run.font.bold = r == 0
                run.font.color.rgb = RGBColor.from_string("222222")
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(FILLS[r])
    first.notes_slide.notes_text_frame.text = "Say this first."
    for number, slide in enumerate((second, third), 2):
        slide.notes_slide.notes_text_frame.text = f"Then this ({number})."
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _members(deck: bytes) -> dict[str, bytes]:
    """Every zip member, XML in canonical form (attribute order and whitespace aside)."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith((".xml", ".rels")) and name != "docProps/core.xml":
                data = etree.tostring(etree.fromstring(data), method="c14n")
            out[name] = data
    return out


def test_the_fast_paths_write_the_xml_the_public_api_writes():
    fast, public = _members(_fast_deck()), _members(_public_deck())
    assert list(fast) == list(public)
    assert "ppt/notesSlides/notesSlide3.xml" in fast and "ppt/slides/slide3.xml" in fast
    for name in public:
        if name != "docProps/core.xml":  # python-pptx may stamp it with the time of saving
            assert fast[name] == public[name], name


def test_write_package_writes_what_save_writes():
    prs, _, _ = _slide_with_everything()

    class Sink(list):
        def write(self, pack_uri, blob: bytes) -> None:
            self.append((pack_uri.membername, blob))

    sink = Sink()
    internals.write_package(prs, internals.package_parts(prs), sink)
    saved = io.BytesIO()
    prs.save(saved)
    with zipfile.ZipFile(saved) as archive:
        assert sink == [(n, archive.read(n)) for n in archive.namelist()]
    assert internals.extended_properties_name(internals.package_parts(prs)) == "docProps/app.xml"


# The fenced edits with no public counterpart: the XML they write ---------------------------------


def _xml(element) -> str:
    return re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(element, encoding="unicode"))


def test_set_bullet_writes_a_hanging_bullet_or_none():
    _, slide, _ = _slide_with_everything()
    paragraph = slide.placeholders[1].text_frame.paragraphs[0]
    internals.set_bullet(paragraph, True)
    assert _xml(paragraph._p) == '<a:p><a:pPr marL="274320" indent="-274320"><a:buChar char="•"/></a:pPr></a:p>'  # fmt: skip
    internals.set_bullet(paragraph, False)
    assert _xml(paragraph._p) == '<a:p><a:pPr marL="0" indent="0"><a:buNone/></a:pPr></a:p>'


def test_alt_text_removal_and_core_properties():
    prs, slide, table = _slide_with_everything()
    internals.set_alt_text(table, "Table: what it shows")
    assert 'descr="Table: what it shows"' in etree.tostring(internals.element_of(table)).decode()
    body = slide.placeholders[1]
    internals.remove_shape(body)
    assert [s.placeholder_format.idx for s in slide.placeholders] == [0]
    core = prs.core_properties
    core.author, core.title = "Jane", "Deck"
    internals.keep_core_properties(core, {"dc:title"})
    kept = [etree.QName(c).localname for c in internals.element_of(core)]
    assert kept == ["title"] and core.author == ""


def test_compiled_lookups_find_what_python_pptx_finds():
    from pptx.oxml import ns, xmlchemy
    from pptx.shapes import shapetree

    assert xmlchemy.BaseOxmlElement.xpath is internals._compiled_xpath
    assert xmlchemy.qn("a:t") == shapetree.qn("a:t") == ns.qn("a:t")
    assert {"p", "a", "r"} <= set(ns._nsmap)
    _, slide, table = _slide_with_everything()
    for expression in ("./*[1]/p:nvPr/p:ph", ".//a:t", "./p:cSld/p:spTree/*", "count(.//a:tc)"):
        for element in (slide._element, slide.shapes.title._element, table._element):
            found = element.xpath(expression)
            assert found == etree.ElementBase.xpath(element, expression, namespaces=ns._nsmap)


def _chart_deck(copied: bool) -> dict[str, bytes]:
    """Two slides with the same native chart: built twice, or built once and copied."""
    prs = Presentation(str(TEMPLATE))
    data = internals.literal_chart_data()
    data.categories = ["2023", "2024"]
    data.add_series("Attrition", [12.5, 14.0])
    first = prs.slides.add_slide(prs.slide_layouts[5])
    first.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, 0, 0, Inches(4), Inches(3), data)
    if copied:
        shapes, charts = internals.copy_shapes(first), internals.slide_charts(first)
        second = internals.add_bare_slide(prs, prs.slide_layouts[5])
        internals.add_slide_charts(second, charts)
        internals.replace_shapes(second, shapes)
    else:
        second = prs.slides.add_slide(prs.slide_layouts[5])
        second.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, 0, 0, Inches(4), Inches(3), data)
    saved = io.BytesIO()
    prs.save(saved)
    with zipfile.ZipFile(saved) as archive:
        return {n: archive.read(n) for n in archive.namelist() if not n.endswith(".xlsx")}


def test_a_copied_chart_slide_is_the_slide_built_again():
    built, copied = _chart_deck(False), _chart_deck(True)
    assert "ppt/charts/chart2.xml" in copied
    assert list(copied) == list(built)
    for name in built:
        if name != "docProps/core.xml":
            assert copied[name] == built[name], name
