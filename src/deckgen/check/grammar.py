"""Deck-grammar rules (../shared/deck-grammar.md): a short story projected at a glance, each slide
one message with a visual, no file names on slides, notes a person would say.

The story is the slides after the title slide and before the appendix: the first slide whose
role (in the manifest) is a reference role, or whose title starts "Appendix" or "Sources"."""

from __future__ import annotations

from statistics import median

from lxml import etree

from deckgen.check.findings import Finding
from deckgen.check.slides import (
    DATA_KEYS,
    NOTES_INTERNAL,
    REFERENCE_TITLES,
    Slide,
    finding,
)

REFERENCE_ROLES = frozenset(
    {"divider", "cards", "cost_detail", "kpis", "appendix", "sources", "limits"}
)
STORY_MAX = 9  # slides in the story, the title slide not counted
WORDS_MAX, WORDS_MEDIAN_MAX = 80, 40  # body words on one story slide; the deck's median
BULLETS_MAX = 4  # paragraphs in one body text frame
VISUAL_SHARE, BIG_NUMBER_PT = 0.75, 40
NOTES_MAX_WORDS = 130
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def story_slides(slides: list[Slide]) -> list[Slide]:
    """The story: slides 2 up to (not including) the first appendix or sources slide."""
    out = []
    for s in slides[1:]:
        if s.role in REFERENCE_ROLES or REFERENCE_TITLES.match(s.title):
            break
        out.append(s)
    return out


def _is_source(b) -> bool:
    text = b.shape.text_frame.text.strip()
    return b.name == "Source" or text.startswith(("Source", "Team analysis"))


def _body_frames(s: Slide) -> list:
    """The body text frames a reader reads: not the title, not the source line."""
    return [
        b
        for b in s.boxes
        if b.kind == "text" and not b.is_title and b.shape.text_frame.text.strip()
        if not _is_source(b)
    ]


def _words(s: Slide) -> int:
    return sum(len(b.shape.text_frame.text.split()) for b in _body_frames(s))


def dg01(slides: list[Slide], sections: int = 0) -> list[Finding]:
    """At most STORY_MAX story slides; a board pack (its manifest's `sections`, one per concern
    raised) has room for one more slide per section after the first."""
    story = story_slides(slides)
    most = STORY_MAX + max(sections - 1, 0)
    if len(story) <= most:
        return []
    room = (
        f"at most {most} for a board pack of {sections} sections"
        if sections > 1
        else (f"at most {STORY_MAX} for a 10-minute board slot")
    )
    message = (
        f"the story has {len(story)} slides before the appendix (title slide not counted); "
        f"{room}: move the rest to the appendix"
    )
    return [finding("DG-01", "warning", None, "", message)]


def dg02(slides: list[Slide]) -> list[Finding]:
    story = story_slides(slides)
    counts = {s.number: _words(s) for s in story}
    out = [
        finding(
            "DG-02",
            "warning",
            n,
            "",
            f"{words} body words on a story slide; at most {WORDS_MAX} (aim for {WORDS_MEDIAN_MAX})",
        )
        for n, words in counts.items()
        if words > WORDS_MAX
    ]
    if counts and median(counts.values()) > WORDS_MEDIAN_MAX:
        middle = median(counts.values())
        message = (
            f"story slides carry a median of {middle:g} body words; at most "
            f"{WORDS_MEDIAN_MAX}, so each is read at a glance"
        )
        out.append(finding("DG-02", "warning", None, "", message))
    return out


def dg03(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in story_slides(slides):
        for b in _body_frames(s):
            bullets = sum(1 for p in b.shape.text_frame.paragraphs if p.text.strip())
            if bullets > BULLETS_MAX:
                message = f"{bullets} bullets in one text frame; at most {BULLETS_MAX}"
                out.append(finding("DG-03", "warning", s.number, b.name, message))
    return out


def _has_visual(s: Slide) -> bool:
    if any(b.kind in ("chart", "picture", "table") for b in s.boxes):
        return True
    return any(
        run.size_pt >= BIG_NUMBER_PT
        for b in s.boxes
        if b.kind == "text" and not b.is_title
        for run in s.runs(b.shape)
    )


def dg04(slides: list[Slide]) -> list[Finding]:
    story = story_slides(slides)
    if not story:
        return []
    bare = [s.number for s in story if not _has_visual(s)]
    share = 1 - len(bare) / len(story)
    if share >= VISUAL_SHARE:
        return []
    message = (
        f"{len(story) - len(bare)} of {len(story)} story slides ({share:.0%}) carry a chart, "
        f"table or big number ({BIG_NUMBER_PT}pt or more); at least {VISUAL_SHARE:.0%} "
        f"(none on slides {', '.join(map(str, bare))})"
    )
    return [finding("DG-04", "warning", None, "", message)]


def _bar_axis_min(chart_xml: bytes) -> float | None:
    """The explicit minimum of a bar chart's value axis, if it sets one."""
    root = etree.fromstring(chart_xml)
    plot = root.find(f"{C}chart/{C}plotArea")
    if plot is None or (plot.find(f"{C}barChart") is None and plot.find(f"{C}bar3DChart") is None):
        return None
    lows = [
        float(m.get("val"))
        for m in plot.iterfind(f"{C}valAx/{C}scaling/{C}min")
        if m.get("val") is not None
    ]
    return max(lows) if lows else None


def dg05(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        for b in s.boxes:
            if b.kind != "chart":
                continue
            low = _bar_axis_min(b.shape.chart_part.blob)
            if low is not None and low > 0:
                message = f"the bar chart's value axis starts at {low:g}; bars start at zero"
                out.append(finding("DG-05", "error", s.number, b.name, message))
    return out


def _shown_text(s: Slide) -> list[tuple[str, str]]:
    """(shape name, text) of the slide's text frames and table cells."""
    shown = []
    for b in s.boxes:
        if b.kind == "text":
            shown.append((b.name, b.shape.text_frame.text))
        elif b.kind == "table":
            shown += [(b.name, c.text) for row in b.shape.table.rows for c in row.cells]
    return shown


def dg06(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        for name, text in _shown_text(s):
            found = list(dict.fromkeys(m.group(0) for m in DATA_KEYS.finditer(text)))
            if found:
                message = (
                    f"{', '.join(repr(f) for f in found)} on the slide: name the data as a "
                    "reader knows it ('our HR data, 2025'), never a file name or data key"
                )
                out.append(finding("DG-06", "warning", s.number, name, message))
    return list(dict.fromkeys(out))


def dg07(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in story_slides(slides):
        words = len(s.notes.split())
        if words > NOTES_MAX_WORDS:
            message = f"the talk track has {words} words; at most {NOTES_MAX_WORDS}"
            out.append(finding("DG-07", "warning", s.number, "Notes", message))
        said = list(dict.fromkeys(m.group(0).lower() for m in NOTES_INTERNAL.finditer(s.notes)))
        if said:
            message = (
                f"the notes say {', '.join(repr(w) for w in said)}: words of the tool, not of "
                "a talk track (data/checker.yaml notes_internal)"
            )
            out.append(finding("DG-07", "warning", s.number, "Notes", message))
    return out


CHART_TEXT_MIN_PT = 12
GREY_MAX_CHROMA = 0.12  # a colour whose channels differ by less than this is a grey
ACCENTS_MAX = 2  # non-grey colours on one chart


def _chroma(hex_: str) -> float:
    channels = [int(hex_[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return max(channels) - min(channels)


def _chart_problems(chart_xml: bytes) -> list[str]:
    """What a native chart does against deck-grammar.md's chart rules."""
    root = etree.fromstring(chart_xml)
    plot = root.find(f"{C}chart/{C}plotArea")
    if plot is None:
        return []
    out = []
    if any(child.tag.endswith("3DChart") for child in plot):
        out.append("a 3-D chart; draw it flat")
    for pie in plot.iterfind(f"{C}pieChart"):
        slices = len(pie.findall(f".//{C}ser/{C}val//{C}pt"))
        if slices > 3:
            out.append(f"a pie with {slices} slices; at most 3, or use bars")
    series = plot.findall(f".//{C}ser")
    if len(series) == 1 and root.find(f"{C}chart/{C}legend") is not None:
        out.append("a legend on a single series; label the marks instead")
    colours = {
        el.get("val").upper()
        for ser in series
        for el in ser.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr")
        if el.getparent().tag.endswith("solidFill") and el.get("val")
    }
    accents = sorted(c for c in colours if _chroma(c) > GREY_MAX_CHROMA)
    if len(accents) > ACCENTS_MAX:
        out.append(
            f"{len(accents)} colours besides grey ({', '.join(accents)}); one accent and greys"
        )
    small = sorted(
        {
            int(sz) / 100
            for el in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr")
            if (sz := el.get("sz")) and int(sz) < CHART_TEXT_MIN_PT * 100
        }
    )
    if small:
        out.append(f"chart text at {small[0]:g}pt; at least {CHART_TEXT_MIN_PT}pt")
    return out


def dg08(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        for b in s.boxes:
            if b.kind == "chart":
                for problem in _chart_problems(b.shape.chart_part.blob):
                    out.append(finding("DG-08", "warning", s.number, b.name, problem))
    return out
