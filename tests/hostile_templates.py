"""Hostile client templates made from our clean one, and the checks a deck built on them passes.

Each maker writes a real .pptx: the clean theme's parts with something injected at the zip level
(external links, macros, ActiveX, embedded objects, metadata, DOCTYPEs, zip bombs), as a client's
file or a crafted one would carry it.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

from tests.conftest import ROOT

CLEAN = ROOT / "themes" / "clean" / "template.pptx"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MACRO_MAIN = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # Title and Content: on most slides
MASTER = "ppt/slideMasters/slideMaster1.xml"
EMAIL, COMPANY = "jane.doe@client.example", "Client Holdings Ltd"
OLE_PREVIEW = b"\x89PNG\r\n\x1a\n" + b"OLE-PREVIEW-OF-THE-CLIENT-SPREADSHEET" * 8
CLIENT_THUMBNAIL = b"\xff\xd8\xff\xe0" + b"CLIENT-SAMPLE-SLIDE-THUMBNAIL" * 8


class Template:
    """The clean template's parts, to inject into and save."""

    def __init__(self, source: Path = CLEAN):
        with zipfile.ZipFile(source) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}

    def text(self, name: str) -> str:
        return self.parts[name].decode("utf-8")

    def put(self, name: str, data: bytes | str, content_type: str | None = None) -> Template:
        self.parts[name] = data.encode("utf-8") if isinstance(data, str) else data
        if content_type:
            self.replace(
                "[Content_Types].xml",
                "</Types>",
                f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>',
            )
        return self

    def replace(self, name: str, old: str, new: str) -> Template:
        text = self.text(name)
        assert old in text, f"{old!r} not in {name}"
        self.parts[name] = text.replace(old, new, 1).encode("utf-8")
        return self

    def relate(self, source: str, rid: str, kind: str, target: str, external: bool = False):
        """Add a relationship from `source` ('' for the package); `kind` is a full type URI or
        the last segment of an officeDocument one."""
        folder, _, base = source.rpartition("/")
        rels = f"{folder}/_rels/{base}.rels" if source else "_rels/.rels"
        if rels not in self.parts:
            self.parts[rels] = (
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
            )
        uri = kind if "/" in kind else f"{REL}/{kind}"
        mode = ' TargetMode="External"' if external else ""
        entry = f'<Relationship Id="{rid}" Type="{uri}" Target="{target}"{mode}/>'
        text = self.text(rels)
        text = re.sub(r"<Relationships([^>]*)/>", r"<Relationships\1></Relationships>", text)
        self.parts[rels] = text.replace("</Relationships>", entry + "</Relationships>").encode()
        return self

    def shapes(self, part: str, xml: str) -> Template:
        """Append shapes to a layout's or master's shape tree."""
        return self.replace(part, "</p:spTree>", xml + "</p:spTree>")

    def main_type(self, content_type: str) -> Template:
        text = self.text("[Content_Types].xml")
        self.parts["[Content_Types].xml"] = re.sub(
            r'(PartName="/ppt/presentation.xml" ContentType=")[^"]+', rf"\g<1>{content_type}", text
        ).encode()
        return self

    def save(self, path: Path) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        return path


def _pic(rid: str, attr: str = "r:link", shape_id: int = 90) -> str:
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="Linked picture"/><p:cNvPicPr/>'
        '<p:nvPr userDrawn="1"/></p:nvPicPr>'
        f'<p:blipFill><a:blip {attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="12700" cy="12700"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def _box(inner_run: str, cnv_extra: str = "", fill: str = "", shape_id: int = 91) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Footer">{cnv_extra}</p:cNvPr>'
        '<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm>'
        '<a:off x="0" y="6583680"/><a:ext cx="1828800" cy="182880"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</p:spPr><p:txBody><a:bodyPr/>'
        f'<a:lstStyle/><a:p><a:r><a:rPr lang="en-US" sz="800">{inner_run}</a:rPr>'
        "<a:t>intranet</a:t></a:r></a:p></p:txBody></p:sp>"
    )


# External links -------------------------------------------------------------------------------


def links_in_layout(path: Path) -> Path:
    """A tracking picture linked from a file share and a hyperlink, on a layout."""
    t = Template()
    t.shapes(LAYOUT, _pic("rId90") + _box('<a:hlinkClick r:id="rId91"/>'))
    t.relate(LAYOUT, "rId90", "image", "file://///tracker.client.example/share/pixel.png", True)
    t.relate(LAYOUT, "rId91", "hyperlink", "https://tracker.client.example/?deck=1", True)
    return t.save(path)


def links_in_master(path: Path) -> Path:
    """A shape whose click opens a web page and whose fill is a linked image, on the master, and
    a linked image in the theme's background fills."""
    t = Template()
    fill = '<a:blipFill><a:blip r:link="rId92"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
    t.shapes(MASTER, _box("", '<a:hlinkClick r:id="rId91"/>', fill))
    t.relate(MASTER, "rId91", "hyperlink", "https://tracker.client.example/logo", True)
    t.relate(MASTER, "rId92", "image", "https://tracker.client.example/logo.png", True)
    return t.save(path)


# Macros, ActiveX, embedded objects ------------------------------------------------------------


def macro_project(path: Path, source: Path = CLEAN) -> Path:
    """A .pptm renamed to .pptx: a VBA project and the macro-enabled main content type."""
    t = Template(source).main_type(MACRO_MAIN)
    t.put("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name" * 64,
          "application/vnd.ms-office.vbaProject")  # fmt: skip
    t.relate(
        "ppt/presentation.xml",
        "rId90",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "vbaProject.bin",
    )
    return t.save(path)


def links_and_macro(path: Path) -> Path:
    """Both: the layout's linked picture and hyperlink, and a VBA project."""
    return macro_project(path, links_in_layout(path))


def macro_project_with_buttons(path: Path) -> Path:
    """A VBA project with its data part, a custom ribbon that calls it, and a master shape
    whose click runs a macro."""
    t = Template(macro_project(path))
    t.put("ppt/vbaData.xml", '<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="http://schemas.'
          'microsoft.com/office/word/2006/wordml"/>', "application/vnd.ms-word.vbaData+xml")  # fmt: skip
    t.relate("ppt/vbaProject.bin", "rId1",
             "http://schemas.microsoft.com/office/2006/relationships/wordVbaData", "vbaData.xml")  # fmt: skip
    t.put("customUI/customUI14.xml", '<customUI xmlns="http://schemas.microsoft.com/office/2009/'
          '07/customui" onLoad="AutoOpen"/>')  # fmt: skip
    t.relate("", "rId90",
             "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
             "customUI/customUI14.xml")  # fmt: skip
    t.shapes(MASTER, _box("", '<a:hlinkClick r:id="" action="ppaction://macro?name=AutoOpen"/>'))
    return t.save(path)


def activex_control(path: Path) -> Path:
    """An ActiveX control (with its binary) on a layout."""
    t = Template()
    t.replace(
        LAYOUT,
        "</p:spTree>",
        '</p:spTree><p:controls><p:control name="TextBox1" r:id="rId90" imgW="914400" '
        'imgH="914400"/></p:controls>',
    )
    t.relate(LAYOUT, "rId90", "control", "../activeX/activeX1.xml")
    t.put("ppt/activeX/activeX1.xml", '<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.'
          'microsoft.com/office/2006/activeX" xmlns:r="' + REL + '" ax:classid="{8BD21D10-EC42-'
          '11CE-9E0D-00AA006002F3}" ax:persistence="persistStorage" r:id="rId1"/>',
          "application/vnd.ms-office.activeX+xml")  # fmt: skip
    t.put("ppt/activeX/activeX1.bin", b"\xd0\xcf\x11\xe0ACTIVEX" * 32,
          "application/vnd.ms-office.activeX")  # fmt: skip
    t.relate("ppt/activeX/activeX1.xml", "rId1",
             "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary",
             "activeX1.bin")  # fmt: skip
    return t.save(path)


def embedded_object(path: Path) -> Path:
    """An embedded OLE object (a spreadsheet, with its preview picture) on the master."""
    t = Template()
    frame = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/'
        '2006"><mc:Choice xmlns:v="urn:schemas-microsoft-com:vml" Requires="v">'
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="95" name="Object 1"/>'
        "<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm>"
        '<a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        '<p:oleObj name="Worksheet" r:id="rId90" imgW="914400" imgH="914400" '
        'progId="Excel.Sheet.12"><p:embed/></p:oleObj></a:graphicData></a:graphic>'
        "</p:graphicFrame></mc:Choice><mc:Fallback><p:graphicFrame><p:nvGraphicFramePr>"
        '<p:cNvPr id="95" name="Object 1"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
        '<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        '<p:oleObj name="Worksheet" r:id="rId90" imgW="914400" imgH="914400" '
        f'progId="Excel.Sheet.12"><p:embed/>{_pic("rId91", "r:embed", 96)}</p:oleObj>'
        "</a:graphicData></a:graphic></p:graphicFrame></mc:Fallback></mc:AlternateContent>"
    )
    t.shapes(MASTER, frame)
    t.put("ppt/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0OLE-SPREADSHEET" * 32,
          "application/vnd.openxmlformats-officedocument.oleObject")  # fmt: skip
    t.relate(MASTER, "rId90", "oleObject", "../embeddings/oleObject1.bin")
    t.put("ppt/media/image90.png", OLE_PREVIEW)
    t.relate(MASTER, "rId91", "image", "../media/image90.png")
    if 'Extension="png"' not in t.text("[Content_Types].xml"):
        t.replace("[Content_Types].xml", "<Default ", '<Default Extension="png" '
                  'ContentType="image/png"/><Default ')  # fmt: skip
    return t.save(path)


# Metadata -------------------------------------------------------------------------------------

_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="'
    'http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="'
    'http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="'
    'http://www.w3.org/2001/XMLSchema-instance">'
    f"<dc:title>{COMPANY} brand template</dc:title><dc:subject>Owned by {EMAIL}</dc:subject>"
    f"<dc:creator>Jane Doe &lt;{EMAIL}&gt;</dc:creator><cp:keywords>{EMAIL}</cp:keywords>"
    f"<dc:description>Internal: {COMPANY}</dc:description>"
    f"<cp:lastModifiedBy>{EMAIL}</cp:lastModifiedBy><cp:revision>42</cp:revision>"
    f"<dc:identifier>{EMAIL}</dc:identifier><cp:contentStatus>Draft for {COMPANY}"
    f"</cp:contentStatus><cp:version>{COMPANY} 7</cp:version><cp:category>{COMPANY}"
    "</cp:category><!-- " + EMAIL + " -->"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2019-05-01T10:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-01T10:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
    f'openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="{_VT}">'
    f"<Application>Microsoft Office PowerPoint</Application><Manager>{EMAIL}</Manager>"
    f"<Company>{COMPANY}</Company><HyperlinkBase>https://intranet.client.example/"
    "</HyperlinkBase></Properties>"
)


def custom_properties(path: Path) -> Path:
    """docProps/custom.xml naming the template's owner by e-mail."""
    t = Template()
    t.put("docProps/custom.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
          f'properties" xmlns:vt="{_VT}"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}"'
          f' pid="2" name="Owner"><vt:lpwstr>{EMAIL}</vt:lpwstr></property></Properties>',
          "application/vnd.openxmlformats-officedocument.custom-properties+xml")  # fmt: skip
    t.relate("", "rId90", "custom-properties", "docProps/custom.xml")
    return t.save(path)


def custom_xml_and_comment_authors(path: Path) -> Path:
    """customXml parts (SharePoint's metadata) tied to the presentation, and comment authors."""
    t = Template()
    t.put("customXml/item1.xml", f"<owner><email>{EMAIL}</email><org>{COMPANY}</org></owner>")
    t.put("customXml/itemProps1.xml", '<?xml version="1.0"?><ds:datastoreItem ds:itemID="{1}" '
          'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>',
          "application/vnd.openxmlformats-officedocument.customXmlProperties+xml")  # fmt: skip
    t.relate("customXml/item1.xml", "rId1", "customXmlProps", "itemProps1.xml")
    t.relate("ppt/presentation.xml", "rId90", "customXml", "../customXml/item1.xml")
    t.replace(
        "ppt/presentation.xml",
        "<p:defaultTextStyle>",
        '<p:custDataLst><p:custData r:id="rId90"/></p:custDataLst><p:defaultTextStyle>',
    )
    t.put("ppt/commentAuthors.xml", '<?xml version="1.0"?><p:cmAuthorLst xmlns:p="http://schemas'
          '.openxmlformats.org/presentationml/2006/main"><p:cmAuthor id="0" name="Jane Doe '
          f'({EMAIL})" initials="JD" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>',
          "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml")  # fmt: skip
    t.relate("ppt/presentation.xml", "rId91", "commentAuthors", "commentAuthors.xml")
    return t.save(path)


def personal_properties(path: Path) -> Path:
    """Core properties full of the author's e-mail and the company; app.xml with a company,
    a manager and a hyperlink base."""
    t = Template()
    t.parts["docProps/core.xml"] = _CORE.encode()
    t.parts["docProps/app.xml"] = _APP.encode()
    return t.save(path)


def personal_properties_elsewhere(path: Path) -> Path:
    """The same, with the extended properties kept under another part name."""
    t = Template(personal_properties(path))
    del t.parts["docProps/app.xml"]
    t.put("docProps/extended.xml", _APP)
    t.replace("[Content_Types].xml", 'PartName="/docProps/app.xml"',
              'PartName="/docProps/extended.xml"')  # fmt: skip
    t.replace("_rels/.rels", 'Target="docProps/app.xml"', 'Target="docProps/extended.xml"')
    return t.save(path)


def client_thumbnail(path: Path) -> Path:
    """A thumbnail of the client's first sample slide."""
    t = Template()
    t.parts["docProps/thumbnail.jpeg"] = CLIENT_THUMBNAIL
    return t.save(path)


def client_thumbnail_png(path: Path) -> Path:
    t = Template()
    del t.parts["docProps/thumbnail.jpeg"]
    t.put("docProps/thumbnail.png", CLIENT_THUMBNAIL, "image/png")
    t.replace("_rels/.rels", 'Target="docProps/thumbnail.jpeg"', 'Target="docProps/thumbnail.png"')
    return t.save(path)


# Unreadable on purpose ------------------------------------------------------------------------

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>"
).replace("&lol0;", "&lol;")


def billion_laughs(path: Path) -> Path:
    """A layout declaring nested entities that would expand to 3 GB of 'lol'."""
    t = Template()
    text = t.text(LAYOUT)
    declaration, _, rest = text.partition("\n")
    t.parts[LAYOUT] = f"{declaration}\n{LAUGHS}{rest}".replace("<a:t>", "<a:t>&lol9;", 1).encode()
    return t.save(path)


def external_entity(path: Path) -> Path:
    """A relationships part that would read a local file into the template (XXE)."""
    t = Template()
    name = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    declaration, _, rest = t.text(name).partition("\n")
    t.parts[name] = (
        f'{declaration}\n<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>{rest}'
    ).encode()
    return t.save(path)


def utf16_doctype(path: Path) -> Path:
    """A layout in UTF-16 with a DOCTYPE (a byte search for ASCII would miss it)."""
    t = Template()
    rest = t.text(LAYOUT).partition("\n")[2]
    text = f'<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n{LAUGHS}{rest}'
    t.parts[LAYOUT] = text.encode("utf-16")
    return t.save(path)


def _with_zeros(path: Path, sizes: list[int], name: str = "ppt/media/image{}.png") -> Path:
    """The clean template plus parts of zeros, streamed so no test holds them in memory."""
    Template().save(path)
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for i, size in enumerate(sizes, 90):
            with archive.open(name.format(i), "w") as stream:
                for _ in range(size // len(chunk)):
                    stream.write(chunk)
    return path


def huge_part(path: Path) -> Path:
    """One picture part that unpacks to 200 MB (packed: about 200 KB)."""
    return _with_zeros(path, [200 * 1024 * 1024])


def huge_total(path: Path) -> Path:
    """Four parts of 15 MB each: each under the part limit, together over the total."""
    return _with_zeros(path, [15 * 1024 * 1024] * 4)


def packed_too_tightly(path: Path) -> Path:
    """10 MB of zeros in one part: within every size limit, but packed 1,000 to 1."""
    return _with_zeros(path, [10 * 1024 * 1024])


def lying_sizes(path: Path) -> Path:
    """A part whose zip directory says 1,000 bytes while it unpacks to 100 MB."""
    _with_zeros(path, [100 * 1024 * 1024])
    data = bytearray(path.read_bytes())
    # (signature, offset of the unpacked size, offset of the name's length, header length)
    for signature, size_at, name_at, header in ((b"PK\x03\x04", 22, 26, 30),
                                                (b"PK\x01\x02", 24, 28, 46)):  # fmt: skip
        start = data.find(signature)
        while start != -1:
            length = struct.unpack_from("<H", data, start + name_at)[0]
            if data[start + header : start + header + length] == b"ppt/media/image90.png":
                struct.pack_into("<I", data, start + size_at, 1000)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def many_parts(path: Path) -> Path:
    t = Template()
    for i in range(6000):
        t.parts[f"ppt/media/empty{i}.bin"] = b""
    return t.save(path)


def four_by_three(path: Path, width: int = 9144000) -> Path:
    """A template whose slides (and the layouts' and master's frames) are `width` EMU wide and
    7.5 in high: 10 in is 4:3."""
    t = Template()
    t.replace("ppt/presentation.xml", '<p:sldSz cx="12192000" cy="6858000"',
              f'<p:sldSz cx="{width}" cy="6858000"')  # fmt: skip
    scale = width / 12192000
    for name in [n for n in t.parts if re.match(r"ppt/slide(Layouts|Masters)/[^/]+\.xml$", n)]:
        t.parts[name] = re.sub(
            rb'(<a:(?:off x|ext cx))="(\d+)"',
            lambda m: b'%s="%d"' % (m[1], int(int(m[2]) * scale)),
            t.parts[name],
        )
    return t.save(path)


# What every deck must not carry ---------------------------------------------------------------

_FORBIDDEN_PARTS = re.compile(
    r"vba|activeX|customXml|custom\.xml|thumbnail|oleObject|commentAuthors|authors\.xml|"
    r"customUI|webextension|embeddings/(?!.*\.xlsx$)",
    re.IGNORECASE,
)
_R_ATTR = re.compile(rb'\br:(?:id|embed|link|pict|dm|lo|qs|cs)="([^"]*)"')


def _entries(data: bytes, prefix: str = ""):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            blob = archive.read(name)
            yield prefix + name, blob
            if name.endswith(".xlsx"):
                yield from _entries(blob, f"{prefix}{name}!")


def assert_carries_nothing(deck: Path, *absent: bytes | str) -> None:
    """No external relationship, macro, control, embedded object, customXml, custom property or
    thumbnail anywhere in the deck (embedded workbooks included), no formula in a workbook,
    every relationship a part refers to present, and none of `absent` in any part."""
    entries = dict(_entries(deck.read_bytes()))
    carried = [n for n in entries if "!" not in n and _FORBIDDEN_PARTS.search(n)]
    assert not carried, f"{deck.name} carries {carried}"
    for name, blob in entries.items():
        assert b'TargetMode="External"' not in blob, name
        assert b"macroEnabled" not in blob, name
        for text in absent:
            needle = text.encode() if isinstance(text, str) else text
            assert needle not in blob, f"{text!r} in {name}"
        if "!xl/worksheets/" in name:
            assert not re.search(rb"<f[ >]", blob), f"a formula in {name}"
        if name.endswith(".xml") and "!" not in name:
            folder, _, base = name.rpartition("/")
            rels = entries.get(f"{folder}/_rels/{base}.rels", b"")
            ids = set(re.findall(rb'Id="([^"]+)"', rels))
            dangling = {rid for rid in _R_ATTR.findall(blob) if rid and rid not in ids}
            assert not dangling, f"{name} refers to missing relationships {dangling}"
