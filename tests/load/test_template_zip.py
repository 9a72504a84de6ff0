"""The template reader: zip bombs refused from the zip directory, bounded reads, no DOCTYPE."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile

import pytest

from deckgen.errors import TemplateError
from deckgen.load.template_zip import read_package
from tests import hostile_templates as hostile
from tests.conftest import ROOT

DOCTYPE = (
    "declares a DOCTYPE; deckgen does not read XML with document type declarations "
    "(save the template again from PowerPoint)"
)
DAMAGED = (
    "not a PowerPoint .pptx file (damaged, or another format); open it in PowerPoint and save "
    "it again as .pptx"
)


def refusal(path) -> str:
    with pytest.raises(TemplateError) as caught:
        read_package(path)
    return str(caught.value)


def test_reads_every_part_of_a_template():
    raw, parts = read_package(hostile.CLEAN)
    assert raw == hostile.CLEAN.read_bytes()
    with zipfile.ZipFile(hostile.CLEAN) as archive:
        assert parts == {n: archive.read(n) for n in archive.namelist()}


@pytest.mark.parametrize(
    ("make", "part"),
    [
        (hostile.billion_laughs, "ppt/slideLayouts/slideLayout2.xml"),
        (hostile.external_entity, "ppt/slideMasters/_rels/slideMaster1.xml.rels"),
        (hostile.utf16_doctype, "ppt/slideLayouts/slideLayout2.xml"),
    ],
)
def test_a_doctype_in_any_xml_part_is_refused(make, part, tmp_path):
    template = make(tmp_path / "client.pptx")
    assert refusal(template) == f"{template}: part {part} {DOCTYPE}"


def test_an_svg_picture_with_a_doctype_is_only_a_picture(tmp_path):
    t = hostile.Template()
    svg = '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    t.put("ppt/media/image90.svg", svg, "image/svg+xml")
    read_package(t.save(tmp_path / "logo.pptx"))  # deckgen never parses it


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            hostile.huge_part,
            "part ppt/media/image90.png unpacks to 200 MB (deckgen reads parts up to 20 MB); "
            "compress the template's pictures in PowerPoint and save it again",
        ),
        (
            hostile.huge_total,
            "the template unpacks to 60 MB (deckgen reads templates up to 50 MB); save a copy "
            "without sample slides or large pictures",
        ),
        (
            hostile.packed_too_tightly,
            "part ppt/media/image90.png unpacks to 1,028 times its packed size (deckgen refuses "
            "over 100 times, the mark of a zip bomb); save the template again from PowerPoint",
        ),
        (
            hostile.many_parts,
            "the template has 6,044 parts (deckgen reads at most 5,000); save it again from "
            "PowerPoint",
        ),
        (hostile.lying_sizes, DAMAGED),
    ],
    ids=["part", "total", "ratio", "entries", "lying-directory"],
)
def test_zip_bombs_are_refused_before_they_are_unpacked(make, message, tmp_path):
    template = make(tmp_path / "client.pptx")
    assert refusal(template) == f"{template}: {message}"


def test_a_part_named_twice_is_refused(tmp_path):
    template = hostile.Template().save(tmp_path / "client.pptx")
    with (
        pytest.warns(UserWarning, match="Duplicate name"),
        zipfile.ZipFile(template, "a") as archive,
    ):
        archive.writestr("ppt/presentation.xml", b"<p:presentation/>")
    assert refusal(template) == (
        f"{template}: part ppt/presentation.xml appears twice; save the template again from "
        "PowerPoint"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc and RLIMIT_AS")
def test_reading_a_bomb_stays_within_64_mb(tmp_path):
    """Run in a process whose address space may grow by only 64 MB: decompressing any of
    these (100-200 MB each) would fail with MemoryError instead of the message."""
    templates = [
        hostile.huge_part(tmp_path / "huge.pptx"),
        hostile.lying_sizes(tmp_path / "lying.pptx"),
        hostile.billion_laughs(tmp_path / "laughs.pptx"),
    ]
    code = textwrap.dedent(
        """
        import resource, sys
        from pathlib import Path
        from deckgen.errors import TemplateError
        from deckgen.load.template_zip import read_package

        with open("/proc/self/status") as status:
            size = next(int(line.split()[1]) for line in status if line.startswith("VmSize"))
        limit = size * 1024 + 64 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        for name in sys.argv[1:]:
            try:
                read_package(Path(name))
            except TemplateError as exc:
                print(str(exc).split(": ", 1)[1])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, templates)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("part ppt/media/image90.png unpacks to 200 MB")
    assert lines[1] == DAMAGED
    assert lines[2] == f"part ppt/slideLayouts/slideLayout2.xml {DOCTYPE}"
