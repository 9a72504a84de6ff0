"""Layout and accessibility rules: text that fits (measured), nothing off the slide or over text,
alt text, reading order, contrast and type size."""

from __future__ import annotations

from typing import Any

from pptx.util import Emu

from deckgen.check.deck import Box, TextRun, frame_text
from deckgen.check.findings import Finding
from deckgen.check.slides import (
    BODY_MIN_PT,
    SOURCE_MIN_PT,
    Slide,
    finding,
)
from deckgen.pptx.internals import cell_element, element_of, qn
from deckgen.textfit import EMU_PER_PT, Para, measure

_P, _R, _PPR = qn("a:p"), qn("a:r"), qn("a:pPr")
_EDGE, _OVERLAP = Emu(6350), Emu(12700)  # a half point off the slide, a point of overlap


def _paras(body, runs: list[TextRun]) -> list[Para]:
    """The text frame's (`body`, its txBody) paragraphs with text, as textfit measures them:
    each in the size and weight of the next run with text (`runs`, from runs_of)."""
    out = []
    sizes = iter(runs)
    for p in body.iterfind(_P):
        text = "".join(r.text for r in p.iterfind(_R))  # oxml `text`: the run's a:t
        if not text.strip():
            continue
        run = next(sizes, None)
        size = run.size_pt if run else 18
        p_pr = p.find(_PPR)
        after = p_pr.space_after if p_pr is not None else None  # oxml: spcAft/spcPts as a Length
        before = p_pr.space_before if p_pr is not None else None
        out.append(
            Para(
                text,
                size,
                bool(run and run.bold),
                False,
                before.pt if before is not None else size * 0.2,
                after.pt if after is not None else 0,
                18 if p_pr is not None and p_pr.get("indent") else 0,
            )
        )
    return out


def _overflow(s: Slide, b: Box, font: str) -> list[Finding]:
    """The text measured in `font` against the frame's room inside its insets."""
    frame = b.shape.text_frame
    body = element_of(frame)
    props = body.bodyPr  # oxml: the insets as `frame.margin_left` ... reads them
    inset_w = (props.lIns or 91440) + (props.rIns or 91440)
    inset_h = (props.tIns or 45720) + (props.bIns or 45720)
    need = measure(_paras(body, s.runs(b.shape)), (b.width - inset_w) / EMU_PER_PT, font)
    room = (b.height - inset_h) / EMU_PER_PT
    if need.height_pt <= room * 1.02:
        return []
    message = f"text needs {need.height_pt:.0f}pt of height but the frame has {room:.0f}pt"
    return [finding("SL-15", "error", s.number, b.name, message)]


def _overlaps(s: Slide, shows_text: set[int]) -> list[Finding]:
    """Nothing overlapping a text frame (`shows_text`: the ids of the boxes with text).
    Decorative shapes (a card's background, a quote's bar) sit behind text by design."""
    out = []
    visible = [b for b in s.boxes if "decorative" not in b.name.lower()]
    for i, b in enumerate(visible):
        for t in visible[i + 1 :]:
            texts = [x for x in (b, t) if id(x) in shows_text]
            if not texts:
                continue  # only overlaps that hide text matter here
            overlap_w = min(b.right, t.right) - max(b.left, t.left)
            overlap_h = min(b.bottom, t.bottom) - max(b.top, t.top)
            if overlap_w > _OVERLAP and overlap_h > _OVERLAP:
                other = t if texts[0] is b else b
                message = f"overlaps the text frame '{texts[0].name}'"
                out.append(finding("SL-15", "error", s.number, other.name, message))
    return out


def sl15(slides: list[Slide], prs, heading: str, body: str) -> list[Finding]:
    """No text overflow (measured: titles in the heading font, the rest in the body font), no
    shape off the slide, nothing overlapping a text frame."""
    out = []
    width, height = int(prs.slide_width), int(prs.slide_height)
    for s in slides:
        shows_text = {
            id(b) for b in s.boxes if b.kind == "text" and frame_text(b.shape.text_frame).strip()
        }
        for b in s.boxes:
            if b.left < 0 or b.top < 0 or b.right > width + _EDGE or b.bottom > height + _EDGE:
                out.append(
                    finding("SL-15", "error", s.number, b.name, "shape extends off the slide")
                )
            if id(b) in shows_text:
                out += _overflow(s, b, heading if b.is_title else body)
        out += _overlaps(s, shows_text)
    return out


# --- accessibility ---------------------------------------------------------------------------


def ax01(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        for b in s.boxes:
            element = element_of(b.shape)
            if element.tag not in (qn("p:pic"), qn("p:graphicFrame")):
                continue
            props = element.find(".//" + qn("p:cNvPr"))
            descr = (props.get("descr") or "").strip() if props is not None else ""
            if not descr or descr.lower() in (b.name.lower(), "picture", "image"):
                out.append(
                    finding(
                        "AX-01",
                        "error",
                        s.number,
                        b.name,
                        "no alt text (describe the takeaway and key values, or mark it decorative)",
                    )
                )
    return out


def ax02(slides: list[Slide]) -> list[Finding]:
    return [
        finding("AX-02", "error", s.number, "", "slide has no title") for s in slides if not s.title
    ]


def _luminance(hex_: str) -> float:
    channels = [int(hex_[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ax04_05(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        colors = s.colors
        page = colors.background()
        for b in s.boxes:
            groups: list[tuple[Any, str]] = []
            if b.kind == "text":
                own = colors.fill_color(element_of(b.shape).find(qn("p:spPr")))
                groups.append((b.shape, own or page))
            elif b.kind == "table":
                for row in b.shape.table.rows:
                    for cell in row.cells:
                        fill = colors.fill_color(cell_element(cell).find(qn("a:tcPr")))
                        groups.append((cell, fill or page))
            for holder, background in groups:
                runs = s.runs(holder) if hasattr(holder, "text_frame") else []
                for run in runs:
                    large = run.size_pt >= 18 or (run.bold and run.size_pt >= 14)
                    need = 3.0 if large else 4.5
                    if run.color and contrast(run.color, background) < need:
                        out.append(
                            finding(
                                "AX-04",
                                "error",
                                s.number,
                                b.name,
                                f"text '{run.text[:30]}' "
                                f"#{run.color} on #{background} has contrast "
                                f"{contrast(run.color, background):.1f}:1; needs {need}:1",
                            )
                        )
                        break
                    is_source = b.name == "Source" or run.text.startswith("Source")
                    minimum = SOURCE_MIN_PT if is_source else BODY_MIN_PT
                    if b.kind == "text" and not b.is_title and run.size_pt < minimum:
                        out.append(
                            finding(
                                "AX-05",
                                "warning",
                                s.number,
                                b.name,
                                f"{run.size_pt:g}pt text; at least {minimum}pt",
                            )
                        )
                        break
    return list(dict.fromkeys(out))
