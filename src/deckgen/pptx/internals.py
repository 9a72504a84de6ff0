"""The fence: every use of python-pptx's private API, each behind one named function (pinned; see tests/pptx/test_internals.py)."""

# python-pptx is pinned to the minor version these were written against (pyproject.toml), and
# tests/pptx/test_internals.py checks that every private name used here is still there and that
# the fast paths write the XML the public API would. Outside this module deckgen uses python-pptx's
# public API only; a comment on each use says what it reaches and why the public API does not do it.

from __future__ import annotations

import threading
from contextlib import contextmanager
from copy import deepcopy
from functools import cache

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter
from pptx.oxml import ns, xmlchemy
from pptx.oxml.ns import qn  # re-exported: "p:cNvPr" in Clark notation (pptx.oxml is internal)
from pptx.parts.slide import NotesSlidePart
from pptx.shapes import shapetree
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches

# --- lookups: compiled once, the same answers ------------------------------------------------

_XPATHS = threading.local()  # per thread: a compiled lxml XPath must not be shared by threads


def _compiled_xpath(element, xpath_str: str):
    # python-pptx's `BaseOxmlElement.xpath` hands the expression string to lxml, which parses
    # and compiles it on every call (`shape.is_placeholder` alone is ~80,000 a batch of 50
    # decks); the compiled expression finds the same nodes ~7x faster
    known = _XPATHS.__dict__
    compiled = known.get(xpath_str)
    if compiled is None:
        compiled = known[xpath_str] = etree.XPath(xpath_str, namespaces=ns._nsmap)
    return compiled(element)


def compile_lookups() -> None:
    """python-pptx's XPath expressions compiled once per thread, and its tag names in Clark
    notation worked out once (`qn` for every child element looked up by its oxml classes)."""
    # private `_nsmap` (the prefixes python-pptx's expressions use); oxml `xpath` replaced and
    # the `qn` the oxml descriptors and the shape factories call memoised: no option for it
    xmlchemy.BaseOxmlElement.xpath = _compiled_xpath
    qn_once = cache(ns.qn)
    xmlchemy.qn = qn_once
    shapetree.qn = qn_once


# --- XML behind the proxies -----------------------------------------------------------------


def element_of(proxy):
    """The lxml element behind a python-pptx shape, slide, layout, master, text frame or
    paragraph (for a run or a table cell, see `run_element` and `cell_element`)."""
    return proxy._element  # private: proxies hand out no element; needed to read or edit raw XML


def run_element(run):
    """The `a:r` element behind a text run."""
    return run._r  # private: a run proxy hands out no element; the checker reads its `a:rPr`


def cell_element(cell):
    """The `a:tc` element behind a table cell."""
    return cell._tc  # private: a cell proxy hands out no element; the checker reads its fill


def own_position(shape) -> list[int | None]:
    """left, top, width, height from the shape's own `a:xfrm`, None for each it inherits."""
    # private `_element` and its oxml `xfrm`: python-pptx's `left` ... look up the layout and
    # master, and the `a:xfrm`, for each one; the checker resolves them once per layout and
    # reads the `a:xfrm` once (speed). The same values as the oxml `x`/`y`/`cx`/`cy`.
    xfrm = shape._element.xfrm
    if xfrm is None:
        return [None, None, None, None]
    off, ext = xfrm.off, xfrm.ext
    return [
        off.x if off is not None else None,
        off.y if off is not None else None,
        ext.cx if ext is not None else None,
        ext.cy if ext is not None else None,
    ]


def placeholder_element(shape):
    """The shape's `p:ph` element (type, idx), or None for a shape that is no placeholder."""
    return shape._element.ph  # private `_element` and oxml `ph`: read without a proxy (speed)


def base_placeholder(shape):
    """The layout's (or master's) placeholder a placeholder inherits from, or None."""
    # private `_base_placeholder`: python-pptx uses it for inherited sizes but does not expose it
    try:
        return shape._base_placeholder
    except AttributeError:  # not a placeholder, or a master's: it inherits from nothing
        return None


def set_alt_text(shape, text: str) -> None:
    """The shape's alternative text (`descr` on its `p:cNvPr`)."""
    # private `_element`: python-pptx has no alt-text property (missing feature)
    shape._element[0].find(qn("p:cNvPr")).set("descr", text)


def remove_shape(shape) -> None:
    """Take a shape (an unfilled placeholder) off its slide."""
    # private `_element`: python-pptx cannot delete a shape (missing feature)
    shape._element.getparent().remove(shape._element)


_BULLET_INDENT = str(Emu(Inches(0.3)))


def set_bullet(paragraph, on: bool) -> None:
    """A "•" bullet with a hanging indent, or explicitly none (whatever the layout says)."""
    # private `_p` and oxml `get_or_add_pPr`: python-pptx has no bullet or indent properties
    # (missing feature)
    p_pr = paragraph._p.get_or_add_pPr()
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for el in p_pr.findall(qn(tag)):
            p_pr.remove(el)
    if on:
        p_pr.set("marL", _BULLET_INDENT)
        p_pr.set("indent", "-" + _BULLET_INDENT)
        etree.SubElement(p_pr, qn("a:buChar")).set("char", "•")
    else:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        etree.SubElement(p_pr, qn("a:buNone"))


def keep_core_properties(core, tags: set[str]) -> None:
    """Drop every core property but `tags` ("dc:title" ...): the template's author, status ..."""
    # private `_element`: python-pptx can set a core property but not remove one (missing feature)
    keep = {qn(tag) for tag in tags}
    for child in list(core._element):
        if child.tag not in keep:
            core._element.remove(child)


# --- tables: cells written as DrawingML -------------------------------------------------------


def table_cells(table) -> list[list]:
    """The table's cells as `a:tc` elements, row by row (for `write_cell`)."""
    # private `_tbl` and oxml `tr_lst`/`tc_lst`: python-pptx's `_Cell` proxies cost more than
    # the writing (speed)
    return [list(tr.tc_lst) for tr in table._tbl.tr_lst]


def write_cell(tc, value: str, fill: str, color: str, size: int, bold: bool) -> None:
    """One cell's text (a paragraph per line, left aligned), font and fill, written directly:
    the XML `cell.text_frame`, `run.font` and `cell.fill` produce, at a fraction of the cost."""
    # oxml `get_or_add_txBody`/`get_or_add_tcPr` and lxml: speed (contract-tested to match)
    body = tc.get_or_add_txBody()
    for paragraph in body.findall(qn("a:p")):
        body.remove(paragraph)
    for line in value.split("\n"):
        paragraph = etree.SubElement(body, qn("a:p"))
        etree.SubElement(paragraph, qn("a:pPr"), algn="l")
        run = etree.SubElement(paragraph, qn("a:r"))
        r_pr = etree.SubElement(run, qn("a:rPr"), sz=str(size * 100), b="1" if bold else "0")
        etree.SubElement(etree.SubElement(r_pr, qn("a:solidFill")), qn("a:srgbClr"), val=color)
        etree.SubElement(run, qn("a:t")).text = line
    tc_pr = tc.get_or_add_tcPr()
    etree.SubElement(etree.SubElement(tc_pr, qn("a:solidFill")), qn("a:srgbClr"), val=fill)


# --- slides: placeholders cloned once per layout, shapes copied ------------------------------


def add_bare_slide(prs, layout):
    """`prs.slides.add_slide(layout)` without cloning the layout's placeholders (the slide's
    shape tree is empty; see `clone_layout_placeholders` and `replace_shapes`)."""
    # `Slides.part.add_slide` and private `_sldIdLst`: the public `add_slide` always clones the
    # placeholders, most of a slide's cost (speed)
    r_id, slide = prs.slides.part.add_slide(layout)
    prs.slides._sldIdLst.add_sldId(r_id)
    return slide


def clone_layout_placeholders(slide, layout) -> None:
    """What `add_slide` does after `add_bare_slide`: the layout's placeholders on the slide."""
    slide.shapes.clone_layout_placeholders(layout)  # public name, but undocumented


def copy_shapes(slide) -> list:
    """A copy of the slide's whole shape tree, to `replace_shapes` another slide's with."""
    # private `_spTree`: python-pptx cannot copy shapes (missing feature)
    return deepcopy(list(slide.shapes._spTree))


def replace_shapes(slide, shapes: list) -> None:
    """The slide's shape tree becomes a copy of `shapes` (from `copy_shapes`)."""
    # private `_spTree`: python-pptx cannot copy shapes (missing feature)
    tree = slide.shapes._spTree
    for child in list(tree):
        tree.remove(child)
    tree.extend(deepcopy(child) for child in shapes)


def layout_key(layout) -> str:
    """A name for a layout that is the same in every deck opened from one template."""
    return str(layout.part.partname)  # public names on python-pptx's (undocumented) parts


# --- native charts: a slide's chart parts made again for a copy of the slide -----------------


def slide_charts(slide) -> list[tuple[str, bytes, bytes]]:
    """(relationship id, chart XML, embedded workbook) of each chart on the slide, in the order
    they were added."""
    # `part.rels` and the chart part's `chart_workbook`: public names on undocumented parts
    out = []
    for r_id, rel in slide.part.rels.items():
        if not rel.is_external and rel.reltype == RELATIONSHIP_TYPE.CHART:
            chart = rel.target_part
            out.append((r_id, chart.blob, chart.chart_workbook.xlsx_part.blob))
    return out


def add_slide_charts(slide, charts: list[tuple[str, bytes, bytes]]) -> None:
    """What `shapes.add_chart` adds to the package for each of `charts` (from `slide_charts`):
    a chart part and its workbook, named and related in the same order, under the same ids, so
    a copy of the slide's shapes finds them (no proxies, no XlsxWriter: speed)."""
    from pptx.parts.chart import ChartPart
    from pptx.parts.embeddedpackage import EmbeddedXlsxPart

    package = slide.part.package
    for r_id, xml, workbook in charts:
        name = package.next_partname(ChartPart.partname_template)
        chart = ChartPart.load(name, CONTENT_TYPE.DML_CHART, package, xml)
        data_id = chart.relate_to(
            EmbeddedXlsxPart.new(workbook, package), RELATIONSHIP_TYPE.PACKAGE
        )
        if slide.part.relate_to(chart, RELATIONSHIP_TYPE.CHART) != r_id or (
            data_id != chart._element.xlsx_part_rId
        ):
            raise RuntimeError("internal: a copied chart's relationship ids differ")


# --- speaker notes: the first notes slide copied ---------------------------------------------


def copy_notes_slide(notes_slide):
    """A copy of a notes slide's XML (the first one, before text goes in), for `add_notes_copy`."""
    # private `_element`: python-pptx cannot copy a notes slide (missing feature)
    return deepcopy(notes_slide._element)


def notes_master_part(slide):
    """The presentation's notes master part (python-pptx made it with the first notes slide)."""
    return slide.part.package.presentation_part.notes_master_part  # undocumented parts


_NOTES_BODY = "./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='body']]/p:txBody"


def add_notes_copy(slide, blank, number: int, master_part):
    """A notes slide for `slide` made of a copy of `blank` (from `copy_notes_slide`), related as
    `slide.notes_slide` relates one; returns its body's text frame. `number` is its part's."""
    # `NotesSlidePart`, `relate_to` and a `TextFrame` on raw XML: `slide.notes_slide` clones the
    # notes master's placeholders for every slide, a fifth of a deck's writing time (speed)
    element = deepcopy(blank)
    part = NotesSlidePart(
        PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"),
        CONTENT_TYPE.PML_NOTES_SLIDE,
        slide.part.package,
        element,
    )
    part.relate_to(master_part, RELATIONSHIP_TYPE.NOTES_MASTER)
    part.relate_to(slide.part, RELATIONSHIP_TYPE.SLIDE)
    slide.part.relate_to(part, RELATIONSHIP_TYPE.NOTES_SLIDE)
    return TextFrame(element.xpath(_NOTES_BODY)[0], None)


# --- saving: python-pptx's package writer, writing to our zip --------------------------------


def package_parts(prs) -> tuple:
    """Every part of the presentation's package, in the order python-pptx saves them."""
    return tuple(prs.part.package.iter_parts())  # undocumented parts


def extended_properties_name(parts: tuple) -> str:
    """The zip member that holds the extended properties (docProps/app.xml, or where the
    template keeps them)."""
    return next(
        (
            p.partname.membername
            for p in parts
            if p.content_type == CONTENT_TYPE.OFC_EXTENDED_PROPERTIES
        ),
        "docProps/app.xml",
    )


def write_package(prs, parts: tuple, sink) -> None:
    """What `prs.save` writes, one `sink.write(pack_uri, blob)` per zip member, in its order."""
    # private `PackageWriter` methods and `_rels`: `save` stamps every zip entry with the current
    # time; through `sink` a deck is stamped with its own date in the same pass (missing feature)
    writer = PackageWriter(None, prs.part.package._rels, parts)
    writer._write_content_types_stream(sink)
    writer._write_pkg_rels(sink)
    writer._write_parts(sink)


# --- native charts: a workbook of literal cells ----------------------------------------------


def literal_chart_data():
    """A new `CategoryChartData` whose embedded workbook holds literal text and numbers only:
    python-pptx's writes strings such as "=cmd|..." as formulas and URLs as links."""
    return _literal_chart_data_class()()


@cache
def _literal_chart_data_class():
    # Imported on first use: pptx.chart.data brings in XlsxWriter, which decks without native
    # charts never need. Private `_workbook_writer`, `_open_worksheet`, `_write_cat_column`,
    # `_write_series` and `_chart_data`: python-pptx has no option for literal cells (missing
    # feature); deckgen.pptx.chart_data writes them.
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from pptx.util import lazyproperty

    from deckgen.pptx.chart_data import WORKBOOK_OPTIONS, write_cell

    class LiteralWorkbookWriter(CategoryWorkbookWriter):
        @contextmanager
        def _open_worksheet(self, xlsx_file):
            from xlsxwriter import Workbook

            workbook = Workbook(xlsx_file, WORKBOOK_OPTIONS)
            yield workbook, workbook.add_worksheet()
            workbook.close()

        def _write_cat_column(self, worksheet, col, level, num_format):
            worksheet.set_column(col, col, 10)  # as python-pptx: wide enough for a date
            for off, name in level:
                write_cell(worksheet, off + 1, col, name, num_format)

        def _write_series(self, workbook, worksheet):
            col_offset = self._chart_data.categories.depth
            for idx, series in enumerate(self._chart_data):
                num_format = workbook.add_format({"num_format": series.number_format})
                series_col = idx + col_offset
                write_cell(worksheet, 0, series_col, series.name)
                for row, value in enumerate(series.values, 1):
                    write_cell(worksheet, row, series_col, value, num_format)

    class LiteralChartData(CategoryChartData):
        @lazyproperty
        def _workbook_writer(self):
            return LiteralWorkbookWriter(self)

    return LiteralChartData


compile_lookups()
