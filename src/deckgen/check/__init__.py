"""`deckgen check`: deck-craft, provenance and accessibility rules over any .pptx (../shared/deck-craft.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from deckgen.textfit import has_metrics

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    slide: int | None  # 1-based; None for the whole deck
    shape: str
    message: str

    def __str__(self) -> str:
        where = f"slide {self.slide}" if self.slide else "deck"
        shape = f" [{self.shape}]" if self.shape else ""
        return f"{self.severity}: {self.rule}: {where}{shape}: {self.message}"


@dataclass
class CheckReport:
    deck: str
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rules not run, with the reason

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def check_deck(
    source,
    manifest: dict | None = None,
    library: dict | None = None,
    name: str = "deck",
    memo: dict | None = None,
) -> CheckReport:
    """Run every rule on a deck (a path or bytes). Rules that need the manifest are skipped
    without one, and the report says so.

    `memo` (a dict kept for one build, where every deck shares its template) remembers what the
    costly one-slide rules found on a slide, so a slide repeated across a batch of decks is
    measured once."""
    import io

    from pptx import Presentation

    from deckgen.check import rules as R

    prs = Presentation(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    slides = R.slides_of(prs, manifest)
    if manifest is not None and len(manifest.get("slides", [])) != len(slides):
        manifest = None  # a manifest for another version of the deck proves nothing
    heading, body = _theme_fonts(prs)
    report = CheckReport(name)
    for font in dict.fromkeys((body, heading)):
        if not has_metrics(font):
            report.findings.append(font_fallback_finding(font))
    report.findings += R.st01(slides) + R.st02(slides) + R.sl01(slides) + R.sl05(slides)
    report.findings += R.sl06_07(slides, manifest, library) + R.sl13(slides)
    report.findings += _per_slide(R.sl15, slides, memo, prs, heading, body)
    report.findings += R.ax01(slides) + R.ax02(slides)
    report.findings += _per_slide(R.ax04_05, slides, memo)
    if manifest is not None:
        report.findings += R.sl03(slides, manifest) + R.sl08(slides, manifest)
        report.findings += R.pv01(slides, manifest)
    else:
        report.skipped.append(
            "SL-03, SL-07, SL-08, PV-01: need the build manifest "
            "(<deck>.manifest.json), so they were not run"
        )
    return report


def _theme_fonts(prs) -> tuple[str, str]:
    """(heading, body): the latin major and minor fonts of the deck's master theme (text with no
    font of its own is set in these); Calibri where the theme names none."""
    from lxml import etree

    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    fonts = ["Calibri", "Calibri"]
    try:
        master = prs.slide_master
        theme_part = next(
            r.target_part for r in master.part.rels.values() if r.reltype.endswith("/theme")
        )
        scheme = etree.fromstring(theme_part.blob).find(f".//{a}fontScheme")
        for i, tag in enumerate(("majorFont", "minorFont")):
            latin = scheme.find(f"{a}{tag}/{a}latin")
            if latin is not None and latin.get("typeface"):
                fonts[i] = latin.get("typeface")
    except (StopIteration, AttributeError):
        pass
    return fonts[0], fonts[1]


def font_fallback_finding(font: str) -> Finding:
    """Said once per deck (and once per build): text in a font deckgen has no metrics for was
    measured with the documented fallback, so its fit is an estimate."""
    return Finding(
        "SL-15",
        "info",
        None,
        "",
        f"deckgen has no metrics for the font '{font}'; text fit was measured with Arial's "
        "widths plus 10%, so look at text-heavy slides before presenting",
    )


def _per_slide(rule, slides, memo: dict | None, *args) -> list[Finding]:
    """`rule` run slide by slide, each slide's findings remembered by what the slide holds."""
    if memo is None:
        return rule(slides, *args)
    import hashlib
    from dataclasses import replace

    from lxml import etree

    out: list[Finding] = []
    for s in slides:
        xml = etree.tostring(s.slide._element)
        layout = str(s.slide.slide_layout.part.partname)
        key = (rule.__name__, layout, hashlib.sha1(xml).hexdigest())
        if key not in memo:
            memo[key] = rule([s], *args)
        out += [replace(f, slide=s.number) for f in memo[key]]
    return out
