"""Storyline and slide rules (deck-craft.md): answer first, one decision, action titles,
sources, numbers that trace, notes a presenter can speak from."""

from __future__ import annotations

import re

from deckgen.check.findings import Finding
from deckgen.check.slides import (
    DECISION,
    NAV_TITLES,
    NOTES_MIN_WORDS,
    NUMBER,
    TOPIC_LABELS,
    VERBS,
    Slide,
    body_text,
    finding,
    is_content,
)
from deckgen.words import TITLE_MAX

# --- storyline -----------------------------------------------------------------------------


def st01(slides: list[Slide]) -> list[Finding]:
    """The answer comes first: an executive summary at slide 2, at most five points."""
    if len(slides) < 2:
        return [finding("ST-01", "error", None, "", "deck has no executive summary slide")]
    summary = (
        next((s for s in slides if s.role == "exec_summary"), None) if slides[0].role else slides[1]
    )
    if summary is None or summary.number > 2:
        where = f"slide {summary.number}" if summary else "nowhere"
        return [
            finding(
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
        if not b.name.startswith(("Card ", "Tag"))  # a DECISION slide's cells are not points
        for p in b.shape.text_frame.paragraphs
        if p.text.strip()
    ]
    if len(points) > 5:
        return [
            finding(
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
    front = " ".join(s.title + " " + body_text(s) for s in slides[:3])
    if not DECISION.search(front):
        out.append(
            finding(
                "ST-02",
                "error",
                None,
                "",
                "no ask (approve, fund, decide...) in the first three slides",
            )
        )
    content = [s for s in slides if is_content(s, len(slides))]
    if content:
        last = content[-1]
        if not DECISION.search(last.title + " " + body_text(last)):
            out.append(
                finding(
                    "ST-02",
                    "error",
                    last.number,
                    "",
                    "the last content slide does not restate the ask",
                )
            )
    return out


# --- slide level -----------------------------------------------------------------------------


def has_verb(title: str) -> bool:
    """Whether a title reads as a sentence: it has a verb (data/checker.yaml)."""
    words = re.findall(r"[A-Za-z']+", title.lower())
    return any(w in VERBS or (len(w) > 4 and w.endswith(("ed", "es"))) for w in words)


def sl01(slides: list[Slide]) -> list[Finding]:
    out = []
    for s in slides:
        if s.number == 1 or not s.title or NAV_TITLES.match(s.title):
            continue
        words = s.title.split()
        if s.title.lower().strip(" .:") in TOPIC_LABELS or len(words) < 4:
            out.append(
                finding(
                    "SL-01",
                    "error",
                    s.number,
                    "Title",
                    f"'{s.title}' is a topic label, not an action title stating the takeaway",
                )
            )
        elif len(s.title) > TITLE_MAX:
            out.append(
                finding(
                    "SL-01",
                    "error",
                    s.number,
                    "Title",
                    f"title is {len(s.title)} characters; at most {TITLE_MAX}",
                )
            )
        elif not has_verb(s.title):
            out.append(
                finding(
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
                    finding(
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
            out.append(
                finding("SL-05", "error", s.number, "Title", f"same title as slide {seen[key]}")
            )
        seen.setdefault(key, s.number)
    return out


def _source_text(s: Slide) -> str:
    for b in s.boxes:
        if b.kind == "text" and not b.is_title:
            text = b.shape.text_frame.text.strip()
            if b.name == "Source" or text.startswith(("Source", "Team analysis")):
                return text
    return ""


def _citation_problem(item_id: str, item, source: str) -> str:
    """What a slide's source line fails to say about one item it cites, or ''."""
    if item is None:
        return (
            f"'{item_id}' is not in the evidence library (if it came from a workspace's "
            "evidence/ folder, pass that with --evidence-extra)"
        )
    if item.verification == "secondary" and "secondary" not in source:
        return f"'{item_id}' was seen only in secondary coverage; the source line must say so"
    if item.owner and item.label() not in source:
        return f"'{item_id}' is a {item.label().lower()}; the source line must say so"
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
                finding(
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
            problem = _citation_problem(item_id, library.get(item_id), source)
            if problem:
                out.append(finding("SL-07", "error", s.number, "Source", problem))
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
                out.append(finding("SL-08", "error", s.number, "", message))
            explained = (
                any(t.startswith("appendix") and fig["label"].lower() in t for t in titles)
                or key == "cost_of_inaction"
            )
            if not explained:
                out.append(
                    finding(
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
                finding(
                    "SL-13",
                    "warning",
                    s.number,
                    "Notes",
                    f"talk track has {words} words; at least {NOTES_MIN_WORDS}",
                )
            )
    return out
