"""The deck-craft rules (IDs from ../shared/deck-craft.md), each over a parsed deck."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pptx.oxml.ns import qn
from pptx.util import Emu
from pydantic import Field

from deckgen.check import Finding
from deckgen.check.deck import Box, Colors, TextRun, box_of, flatten, runs_of
from deckgen.load.schema import Strict
from deckgen.textfit import EMU_PER_PT, Para, measure
from deckgen.words import TITLE_MAX

BODY_MIN_PT, SOURCE_MIN_PT = 18, 10
NOTES_MIN_WORDS = 40


class _CheckerWords(Strict):
    """data/checker.yaml: the words the rules read titles with."""

    nav_titles: str = Field(description="Regular expression: titles that navigate, not argue.")
    topic_labels: list[str] = Field(description="Titles that only name a topic.")
    decision: str = Field(description="Regular expression: words that ask for a decision.")
    base_verbs: list[str] = Field(description="Verbs; their -s, -es, -ed, -d and -ing forms too.")
    verbs: list[str] = Field(description="Other verb forms, counted as they are.")


def _words() -> tuple[re.Pattern[str], set[str], re.Pattern[str], set[str]]:
    from deckgen.load.datafiles import read_data

    data = read_data("checker", _CheckerWords)
    verbs = set(data.verbs)
    for verb in data.base_verbs:
        verbs |= {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"}
        if verb.endswith("y"):
            verbs.add(verb[:-1] + "ies")
    return (
        re.compile(data.nav_titles, re.I),
        set(data.topic_labels),
        re.compile(data.decision, re.I),
        verbs,
    )


NAV_TITLES, TOPIC_LABELS, DECISION, _VERBS = _words()
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


@dataclass
class Slide:
    number: int
    slide: Any
    title: str
    boxes: list[Box]
    notes: str
    role: str | None  # from the manifest, when there is one
    _runs: dict[int, tuple[Any, list[TextRun]]] = field(default_factory=dict, repr=False)

    @cached_property
    def colors(self) -> Colors:
        return Colors(self.slide)

    def runs(self, holder) -> list[TextRun]:
        """runs_of(holder), worked out once per shape or cell for all the rules that ask."""
        key = id(holder)
        if key not in self._runs:
            self._runs[key] = (holder, runs_of(holder, self.colors))  # holder kept: id stays its
        return self._runs[key][1]


def slides_of(prs, manifest: dict | None) -> list[Slide]:
    roles = {s["number"]: s["role"] for s in manifest["slides"]} if manifest else {}
    out = []
    for n, slide in enumerate(prs.slides, 1):
        title_shape = slide.shapes.title
        title = (
            title_shape.text_frame.text.strip()
            if title_shape is not None and title_shape.has_text_frame
            else ""
        )
        boxes = [b for b in (box_of(s) for s in flatten(slide.shapes)) if b is not None]
        frame = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        notes = frame.text if frame is not None else ""
        out.append(Slide(n, slide, title, boxes, notes, roles.get(n)))
    return out


def _f(rule: str, sev: str, slide: int | None, shape: str, msg: str) -> Finding:
    return Finding(rule, sev, slide, shape, msg)  # type: ignore[arg-type]


def _is_content(s: Slide, count: int) -> bool:
    return s.number != 1 and not NAV_TITLES.match(s.title)


def _body_text(s: Slide) -> str:
    return "\n".join(
        b.shape.text_frame.text for b in s.boxes if b.kind == "text" and not b.is_title
    )


# --- storyline -----------------------------------------------------------------------------


def st01(slides: list[Slide]) -> list[Finding]:
    """The answer comes first: an executive summary at slide 2, at most five points."""
    if len(slides) < 2:
        return [_f("ST-01", "error", None, "", "deck has no executive summary slide")]
    summary = (
        next((s for s in slides if s.role == "exec_summary"), None) if slides[0].role else slides[1]
    )
    if summary is None or summary.number > 2:
        where = f"slide {summary.number}" if summary else "nowhere"
        return [
            _f(
                "ST-01",
                "error",
                summary.number if summary else None,
                "",
                f"the executive summary must be slide 2; it is {where}",
            )
        ]
    points = [
        p
        for b in summary.boxes
        if b.kind == "text" and not b.is_title
        for p in b.shape.text_frame.paragraphs
        if p.text.strip()
    ]
    if len(points) > 5:
        return [
            _f(
                "ST-01",
                "error",
                summary.number,
                "",
                f"the executive summary has {len(points)} points; at most 5",
            )
        ]
    return []


def st02(slides: list[Slide]) -> list[Finding]:
    """An explicit ask up front (first 3 slides) and again on the last content slide."""
    out = []
    front = " ".join(s.title + " " + _body_text(s) for s in slides[:3])
    if not DECISION.search(front):
        out.append(
            _f(
                "ST-02",
                "error",
                None,
                "",
                "no ask (approve, fund, decide...) in the first three slides",
            )
        )
    content = [s for s in slides if _is_content(s, len(slides))]
    if content:
        last = content[-1]
        if not DECISION.search(last.title + " " + _body_text(last)):
            out.append(
                _f(
                    "ST-02",
                    "error",
                    last.number,
                    "",
                    "the last content slide does not restate the ask",
                )
            )
    return out


# --- slide level -----------------------------------------------------------------------------


def _has_verb(title: str) -> bool:
    words = re.findall(r"[A-Za-z']+", title.lower())
    return any(w in _VERBS or (len(w) > 4 and w.endswith(("ed", "es"))) for w in words)


def sl01(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        if s.number == 1 or not s.title or NAV_TITLES.match(s.title):
            continue
        words = s.title.split()
        if s.title.lower().strip(" .:") in TOPIC_LABELS or len(words) < 4:
            out.append(
                _f(
                    "SL-01",
                    "error",
                    s.number,
                    "Title",
                    f"'{s.title}' is a topic label, not an action title stating the takeaway",
                )
            )
        elif len(s.title) > TITLE_MAX:
            out.append(
                _f(
                    "SL-01",
                    "error",
                    s.number,
                    "Title",
                    f"title is {len(s.title)} characters; at most {TITLE_MAX}",
                )
            )
        elif not _has_verb(s.title):
            out.append(
                _f(
                    "SL-01",
                    "warning",
                    s.number,
                    "Title",
                    f"'{s.title}' has no verb; state the takeaway as a sentence",
                )
            )
    return out


def sl03(slides: list[Slide], manifest: dict) -> list[Finding]:
    """Numbers in a title match the slide's own data (the manifest)."""
    out = []
    for s, record in zip(slides, manifest["slides"], strict=False):
        shown = [n["text"] for n in record["numbers"]]
        for token in NUMBER.findall(s.title):
            if not any(token in t for t in shown):
                out.append(
                    _f(
                        "SL-03",
                        "error",
                        s.number,
                        "Title",
                        f"'{token}' in the title is not in the slide's data",
                    )
                )
    return out


def sl05(slides: list[Slide]) -> list[Finding]:
    seen: dict[str, int] = {}
    out = []
    for s in slides:
        key = s.title.lower()
        if key and key in seen:
            out.append(_f("SL-05", "error", s.number, "Title", f"same title as slide {seen[key]}"))
        seen.setdefault(key, s.number)
    return out


def _source_text(s: Slide) -> str:
    for b in s.boxes:
        if b.kind == "text" and not b.is_title:
            text = b.shape.text_frame.text.strip()
            if b.name == "Source" or text.startswith(("Source", "Team analysis")):
                return text
    return ""


def sl06_07(slides: list[Slide], manifest: dict | None, library: dict | None) -> list[Finding]:
    out = []
    for s in slides:
        figures = [b for b in s.boxes if b.kind in ("picture", "chart", "table")]
        if not figures:
            continue
        source = _source_text(s)
        if not source:
            out.append(
                _f(
                    "SL-06",
                    "error",
                    s.number,
                    figures[0].name,
                    "a figure without a source line ('Source: ...' or 'Team analysis ...')",
                )
            )
            continue
        if manifest is None or library is None:
            continue
        record = manifest["slides"][s.number - 1]
        for item_id in record.get("sources", []):
            item = library.get(item_id)
            if item is None:
                out.append(
                    _f(
                        "SL-07",
                        "error",
                        s.number,
                        "Source",
                        f"'{item_id}' is not in the evidence library",
                    )
                )
            elif item.verification == "secondary" and "secondary" not in source:
                out.append(
                    _f(
                        "SL-07",
                        "error",
                        s.number,
                        "Source",
                        f"'{item_id}' was seen only "
                        "in secondary coverage; the source line must say so",
                    )
                )
    return out


def sl08(slides: list[Slide], manifest: dict) -> list[Finding]:
    """Derived money shows its formula (appendix) and a range."""
    figures = {f["key"]: f for f in manifest.get("figures", [])}
    titles = [s.title.lower() for s in slides]
    out = []
    for s, record in zip(slides, manifest["slides"], strict=False):
        for n in record["numbers"]:
            src = n["source"]
            if src["kind"] != "derived" or n["unit"] != "currency":
                continue
            key = src["ref"].split(".")[0]
            fig = figures.get(key)
            if fig is None:
                continue
            uncertain = any(
                i["source"]["kind"] in ("assumption", "evidence") for i in fig.get("inputs", [])
            )
            ranged = fig.get("low") is not None and fig.get("high") is not None
            if not fig.get("formula") or (uncertain and not ranged):
                message = (
                    f"{fig['label']} rests on assumptions or cited ranges but is shown "
                    "without a formula and a low-high range"
                )
                out.append(_f("SL-08", "error", s.number, "", message))
            explained = (
                any(t.startswith("appendix") and fig["label"].lower() in t for t in titles)
                or key == "cost_of_inaction"
            )
            if not explained:
                out.append(
                    _f(
                        "SL-08",
                        "error",
                        s.number,
                        "",
                        f"no appendix slide explains {fig['label'].lower()}",
                    )
                )
    return list(dict.fromkeys(out))


def sl13(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        if s.number == 1:
            continue
        words = len(s.notes.split())
        if words < NOTES_MIN_WORDS:
            out.append(
                _f(
                    "SL-13",
                    "warning",
                    s.number,
                    "Notes",
                    f"talk track has {words} words; at least {NOTES_MIN_WORDS}",
                )
            )
    return out


def _paras(shape, runs: list[TextRun]) -> list[Para]:
    out = []
    sizes = iter(runs)
    for paragraph in shape.text_frame.paragraphs:
        text = "".join(r.text for r in paragraph.runs)
        if not text.strip():
            continue
        run = next(sizes, None)
        size = run.size_pt if run else 18
        after = paragraph.space_after.pt if paragraph.space_after is not None else 0
        before = paragraph.space_before.pt if paragraph.space_before is not None else size * 0.2
        out.append(
            Para(
                text,
                size,
                bool(run and run.bold),
                False,
                before,
                after,
                18
                if paragraph._p.find(qn("a:pPr")) is not None
                and paragraph._p.find(qn("a:pPr")).get("indent")
                else 0,
            )
        )
    return out


def sl15(slides: list[Slide], prs, heading: str, body: str) -> list[Finding]:
    """No text overflow (measured: titles in the heading font, the rest in the body font), no
    shape off the slide, nothing overlapping a text frame."""
    out = []
    width, height = int(prs.slide_width), int(prs.slide_height)
    for s in slides:
        for b in s.boxes:
            if (
                b.left < 0
                or b.top < 0
                or b.right > width + Emu(6350)
                or b.bottom > height + Emu(6350)
            ):
                out.append(_f("SL-15", "error", s.number, b.name, "shape extends off the slide"))
            if b.kind == "text" and b.shape.text_frame.text.strip():
                frame = b.shape.text_frame
                inset_w = (frame.margin_left or 91440) + (frame.margin_right or 91440)
                inset_h = (frame.margin_top or 45720) + (frame.margin_bottom or 45720)
                paras = _paras(b.shape, s.runs(b.shape))
                font = heading if b.is_title else body
                need = measure(paras, (b.width - inset_w) / EMU_PER_PT, font)
                room = (b.height - inset_h) / EMU_PER_PT
                if need.height_pt > room * 1.02:
                    out.append(
                        _f(
                            "SL-15",
                            "error",
                            s.number,
                            b.name,
                            f"text needs "
                            f"{need.height_pt:.0f}pt of height but the frame has "
                            f"{room:.0f}pt",
                        )
                    )
        visible = [b for b in s.boxes if not (b.kind == "other" and "decorative" in b.name.lower())]
        for i, b in enumerate(visible):
            for t in visible[i + 1 :]:
                texts = [x for x in (b, t) if x.kind == "text" and x.shape.text_frame.text.strip()]
                if not texts:
                    continue  # only overlaps that hide text matter here
                overlap_w = min(b.right, t.right) - max(b.left, t.left)
                overlap_h = min(b.bottom, t.bottom) - max(b.top, t.top)
                if overlap_w > Emu(12700) and overlap_h > Emu(12700):
                    other = t if texts[0] is b else b
                    message = f"overlaps the text frame '{texts[0].name}'"
                    out.append(_f("SL-15", "error", s.number, other.name, message))
    return out


# --- accessibility ---------------------------------------------------------------------------


def ax01(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        for b in s.boxes:
            element = b.shape._element
            if element.tag not in (qn("p:pic"), qn("p:graphicFrame")):
                continue
            props = element.find(".//" + qn("p:cNvPr"))
            descr = (props.get("descr") or "").strip() if props is not None else ""
            if not descr or descr.lower() in (b.name.lower(), "picture", "image"):
                out.append(
                    _f(
                        "AX-01",
                        "error",
                        s.number,
                        b.name,
                        "no alt text (describe the takeaway and key values, or mark it decorative)",
                    )
                )
    return out


def ax02(slides: list[Slide]) -> list[Finding]:
    return [_f("AX-02", "error", s.number, "", "slide has no title") for s in slides if not s.title]


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
                own = colors.fill_color(b.shape._element.find(qn("p:spPr")))
                groups.append((b.shape, own or page))
            elif b.kind == "table":
                for row in b.shape.table.rows:
                    for cell in row.cells:
                        fill = colors.fill_color(cell._tc.find(qn("a:tcPr")))
                        groups.append((cell, fill or page))
            for holder, background in groups:
                runs = s.runs(holder) if hasattr(holder, "text_frame") else []
                for run in runs:
                    large = run.size_pt >= 18 or (run.bold and run.size_pt >= 14)
                    need = 3.0 if large else 4.5
                    if run.color and contrast(run.color, background) < need:
                        out.append(
                            _f(
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
                            _f(
                                "AX-05",
                                "warning",
                                s.number,
                                b.name,
                                f"{run.size_pt:g}pt text; at least {minimum}pt",
                            )
                        )
                        break
    return list(dict.fromkeys(out))


# --- provenance ------------------------------------------------------------------------------


def pv01(slides: list[Slide], manifest: dict) -> list[Finding]:
    """Every number in slide text, tables and chart data is in the manifest with a provenance."""
    out = []
    for s, record in zip(slides, manifest["slides"], strict=False):
        texts = [n["text"] for n in record["numbers"]]
        values = {round(float(n["value"]), 6) for n in record["numbers"]}
        shown = []
        for b in s.boxes:
            if b.kind == "text":
                shown.append(b.shape.text_frame.text)
            elif b.kind == "table":
                shown += [c.text for row in b.shape.table.rows for c in row.cells]
            elif b.kind in ("picture",):
                props = b.shape._element.find(".//" + qn("p:cNvPr"))
                shown.append(props.get("descr", "") if props is not None else "")
        for text in shown:
            for token in NUMBER.findall(text):
                if not any(token in t for t in texts):
                    out.append(
                        _f(
                            "PV-01",
                            "error",
                            s.number,
                            "",
                            f"'{token}' has no provenance in the manifest",
                        )
                    )
        for b in s.boxes:
            if b.kind != "chart":
                continue
            for plot in b.shape.chart.plots:
                for series in plot.series:
                    for v in series.values:
                        if (
                            v is not None
                            and round(float(v), 6) not in values
                            and not any(abs(float(v) - x) < 1e-6 for x in values)
                        ):
                            out.append(
                                _f(
                                    "PV-01",
                                    "error",
                                    s.number,
                                    b.name,
                                    f"chart value {v} has no provenance in the manifest",
                                )
                            )
    return list(dict.fromkeys(out))
