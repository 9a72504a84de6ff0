"""Build the bundled 16:9 theme templates (themes/<name>/template.pptx) from themes/<name>/theme.yaml.

Run `python tools/make_templates.py` after changing a theme's colours or fonts. The masters and
layouts get their own 16:9 geometry; python-pptx's default template is 4:3 and only its XML
skeleton is reused here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from lxml import etree
from pptx import Presentation
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parent.parent
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}

KEEP = ["Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only", "Blank"]
W, H = Emu(12192000), Emu(6858000)  # exactly 16:9, 13.333 x 7.5 in
MARGIN = Inches(0.6)
CONTENT_W = W - 2 * MARGIN

# idx -> (left, top, width, height) per layout; idx 0 title, 1/2 bodies, 10-12 date/footer/number.
FOOTER = {
    10: (MARGIN, Inches(6.95), Inches(2.5), Inches(0.35)),
    11: (Inches(3.4), Inches(6.95), Inches(6.5), Inches(0.35)),
    12: (W - MARGIN - Inches(1.2), Inches(6.95), Inches(1.2), Inches(0.35)),
}
TITLE = (MARGIN, Inches(0.45), CONTENT_W, Inches(1.15))
BODY = (MARGIN, Inches(1.75), CONTENT_W, Inches(4.75))
GEOMETRY = {
    "Title Slide": {
        0: (Inches(0.9), Inches(1.9), Inches(11.5), Inches(2.0)),
        1: (Inches(0.9), Inches(4.1), Inches(11.5), Inches(2.2)),
    },
    "Title and Content": {0: TITLE, 1: BODY},
    "Section Header": {
        0: (Inches(0.9), Inches(2.4), Inches(11.5), Inches(1.6)),
        1: (Inches(0.9), Inches(4.1), Inches(11.5), Inches(1.5)),
    },
    "Two Content": {
        0: TITLE,
        1: (MARGIN, BODY[1], Inches(5.9), BODY[3]),
        2: (W - MARGIN - Inches(5.9), BODY[1], Inches(5.9), BODY[3]),
    },
    "Title Only": {0: TITLE},
    "Blank": {},
}


def place(shape, box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(int(v)) for v in box)


def set_colors(theme_el, colors: dict[str, str], name: str) -> None:
    scheme = theme_el.find(".//a:clrScheme", NS)
    scheme.set("name", name)
    for slot, hex_ in colors.items():
        el = scheme.find(f"a:{slot}", NS)
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=hex_)


def set_fonts(theme_el, heading: str, body: str, name: str) -> None:
    scheme = theme_el.find(".//a:fontScheme", NS)
    scheme.set("name", name)
    scheme.find("a:majorFont/a:latin", NS).set("typeface", heading)
    scheme.find("a:minorFont/a:latin", NS).set("typeface", body)


def style_text(master_el, sizes: dict[str, int]) -> None:
    title = master_el.find("p:txStyles/p:titleStyle/a:lvl1pPr", NS)
    title.set("algn", "l")
    rpr = title.find("a:defRPr", NS)
    rpr.set("sz", str(sizes["title"] * 100))
    rpr.set("b", "1")
    body = master_el.find("p:txStyles/p:bodyStyle", NS)
    for level, size in (
        ("lvl1pPr", sizes["body"]),
        ("lvl2pPr", sizes["body"] - 2),
        ("lvl3pPr", sizes["body"] - 2),
    ):
        el = body.find(f"a:{level}", NS)
        el.find("a:defRPr", NS).set("sz", str(size * 100))
        before = el.find("a:spcBef/a:spcPct", NS)
        if before is not None:
            before.set("val", "40000")
    # Deeper levels keep their default sizes but never drop below the body minimum.
    for el in body.findall("a:*", NS)[3:]:
        el.find("a:defRPr", NS).set("sz", str((sizes["body"] - 2) * 100))


def set_background(master_el, dark: bool) -> None:
    csld = master_el.find("p:cSld", NS)
    old = csld.find("p:bg", NS)
    if old is not None:
        csld.remove(old)
    bg = etree.fromstring(
        f'<p:bg xmlns:p="{P}" xmlns:a="{A}"><p:bgRef idx="1001"><a:schemeClr val="bg1"/>'
        "</p:bgRef></p:bg>"
    )
    csld.insert(0, bg)
    if dark:
        # Standard dark mapping: backgrounds use the dark slots, text the light ones.
        clr_map = master_el.find("p:clrMap", NS)
        for k, v in {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}.items():
            clr_map.set(k, v)


def add_accent_bar(master, accent_slot: str = "accent1") -> None:
    """A thin decorative bar across the top of every slide (marked decorative for screen readers)."""
    sp_tree = master._element.find("p:cSld/p:spTree", NS)
    bar = etree.fromstring(f"""
<p:sp xmlns:p="{P}" xmlns:a="{A}">
  <p:nvSpPr><p:cNvPr id="90" name="Accent bar" descr="decorative"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>
  <p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{int(W)}" cy="{int(Inches(0.12))}"/></a:xfrm>
    <a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="{accent_slot}"/></a:solidFill>
    <a:ln><a:noFill/></a:ln></p:spPr>
</p:sp>""")
    sp_tree.append(bar)


def subtitle_style(layout, muted_slot: str) -> None:
    """Title-slide subtitle: left aligned, no bullets, muted colour."""
    for ph in layout.placeholders:
        if ph.placeholder_format.idx != 1:
            continue
        lst = ph._element.find(".//a:lstStyle", NS)
        for child in list(lst):
            lst.remove(child)
        lst.append(
            etree.fromstring(
                f'<a:lvl1pPr xmlns:a="{A}" marL="0" indent="0" algn="l"><a:buNone/>'
                f'<a:defRPr sz="2000"><a:solidFill><a:schemeClr val="{muted_slot}"/></a:solidFill>'
                "</a:defRPr></a:lvl1pPr>"
            )
        )


def shape_layout(layout, build_spec: dict) -> None:
    """One layout's placeholders placed on the 16:9 grid, with the text styles it overrides."""
    geometry = GEOMETRY[layout.name]
    for ph in layout.placeholders:
        idx = ph.placeholder_format.idx
        box = geometry.get(idx) or FOOTER.get(idx)
        if box is not None:
            place(ph, box)
        if idx in (1, 2) and layout.name == "Two Content":
            # The default template gives two-column bodies 28pt text; inherit the master's.
            lst = ph._element.find(".//a:lstStyle", NS)
            if lst is not None:
                for child in list(lst):
                    lst.remove(child)
    if layout.name != "Title Slide":
        return
    subtitle_style(layout, build_spec.get("muted_slot", "tx2"))
    for ph in layout.placeholders:
        if ph.placeholder_format.idx == 0:
            lst = ph._element.find(".//a:lstStyle", NS)
            lst.append(
                etree.fromstring(
                    f'<a:lvl1pPr xmlns:a="{A}" algn="l"><a:defRPr sz="4000" b="1"/></a:lvl1pPr>'
                )
            )
            ph._element.find(".//a:bodyPr", NS).set("anchor", "b")


# The story's archetypes (deck-grammar.md), one layout each: a title on the grid and a canvas
# below it where deckgen draws the archetype's cards, figures and tables. A client maps its own
# layouts to these names with --layout-map.
ARCHETYPES = [
    "Decision",
    "Big Number",
    "Chart and Takeaway",
    "Comparison",
    "Quote",
    "What It Means for Us",
    "Options",
    "Roadmap",
    "Appendix Card",
]


def add_archetype_layouts(prs) -> None:
    """One layout per archetype, each a copy of Title Only under the archetype's name."""
    import copy

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import SlideLayoutPart

    master = prs.slide_master
    source = next(layout for layout in prs.slide_layouts if layout.name == "Title Only")
    id_list = master._element.get_or_add_sldLayoutIdLst()
    ids = [int(el.get("id")) for el in id_list]
    ids += [int(el.get("id")) for el in prs.slide_masters._sldMasterIdLst]
    next_id = max(ids) + 1
    package = source.part.package
    for name in ARCHETYPES:
        element = copy.deepcopy(source._element)
        element.find("p:cSld", NS).set("name", name)
        part = SlideLayoutPart(
            package.next_partname("/ppt/slideLayouts/slideLayout%d.xml"),
            source.part.content_type,
            source.part.package,
            element,
        )
        part.relate_to(master.part, RT.SLIDE_MASTER)
        rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
        id_list._add_sldLayoutId(id=next_id, rId=rid)
        next_id += 1


def build(theme_dir: Path) -> Path:
    spec = yaml.safe_load((theme_dir / "theme.yaml").read_text())
    build_spec = spec["template_build"]
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    for layout in list(prs.slide_layouts):
        if layout.name not in KEEP:
            prs.slide_layouts.remove(layout)

    master = prs.slide_master
    theme_part = next(
        r.target_part for r in master.part.rels.values() if r.reltype.endswith("/theme")
    )
    theme_el = etree.fromstring(theme_part.blob)
    theme_el.set("name", spec["name"])
    set_colors(theme_el, build_spec["scheme"], spec["name"])
    set_fonts(theme_el, spec["fonts"]["heading"], spec["fonts"]["body"], spec["name"])
    theme_part._blob = etree.tostring(
        theme_el, xml_declaration=True, encoding="UTF-8", standalone=True
    )

    style_text(master._element, spec["sizes"])
    set_background(master._element, build_spec.get("dark", False))
    for ph in master.placeholders:
        idx = ph.placeholder_format.idx
        box = {0: TITLE, 1: BODY, 2: FOOTER[10], 3: FOOTER[11], 4: FOOTER[12]}[idx]
        place(ph, box)
    add_accent_bar(master)

    for layout in prs.slide_layouts:
        shape_layout(layout, build_spec)
    add_archetype_layouts(prs)

    core = prs.core_properties
    core.author = "deckgen"
    core.title = f"deckgen theme: {spec['name']}"
    core.last_modified_by = "deckgen"
    core.revision = 1
    out = theme_dir / spec["template"]
    prs.save(out)
    return out


if __name__ == "__main__":
    names = sys.argv[1:] or [p.name for p in sorted((ROOT / "themes").iterdir()) if p.is_dir()]
    for name in names:
        print(build(ROOT / "themes" / name))
