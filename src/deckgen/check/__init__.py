"""`deckgen check`: deck-craft, provenance and accessibility rules over any .pptx (../shared/deck-craft.md).

The rules are a table (registry.py); `DeckChecker` runs them for a build, remembering what the
per-slide rules found on a slide so a slide repeated across the build's decks is checked once."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable

from msgspec.structs import replace

from deckgen.check.findings import CheckReport, Finding, Severity, font_fallback_finding
from deckgen.textfit import has_metrics

__all__ = [
    "CheckReport",
    "DeckChecker",
    "Finding",
    "Severity",
    "check_deck",
    "font_fallback_finding",
]


class DeckChecker:
    """Checks a build's decks (one template): the library is indexed once, and each per-slide
    rule's findings are kept by the slide's layout and XML."""

    def __init__(self, library: dict | None = None, skip: Iterable[str] = ()):
        self.library = library
        self.skip = frozenset(skip)
        self._by_slide: dict[tuple[str, str, str], list[Finding]] = {}

    def check(self, source, manifest: dict | None = None, name: str = "deck") -> CheckReport:
        """Run every rule on a deck (a path, bytes, or the python-pptx presentation a build just
        saved: the same parts without unzipping and parsing them again). Rules that need the
        manifest are skipped without one, and the report says so."""
        from deckgen.check.registry import NEEDS_MANIFEST, RULES, DeckFacts
        from deckgen.check.slides import slides_of

        prs = _opened(source)
        slides = slides_of(prs, manifest)
        if manifest is not None and len(manifest.get("slides", [])) != len(slides):
            manifest = None  # a manifest for another version of the deck proves nothing
        heading, body = _theme_fonts(prs)
        facts = DeckFacts(prs, manifest, self.library, heading, body)
        report = CheckReport(name)
        for font in dict.fromkeys((body, heading)):
            if not has_metrics(font):
                report.findings.append(font_fallback_finding(font))
        for index, rule in enumerate(RULES):
            if set(rule.ids) <= self.skip or (rule.needs_manifest and manifest is None):
                continue
            if rule.per_slide:
                report.findings += self._per_slide(index, rule, slides, facts)
            else:
                report.findings += rule.run(slides, facts)
        if manifest is None:
            report.skipped.append(
                f"{NEEDS_MANIFEST}: need the build manifest (<deck>.manifest.json), so they "
                "were not run"
            )
        report.findings = [f for f in report.findings if f.rule not in self.skip]
        return report

    def _per_slide(self, index: int, rule, slides, facts) -> list[Finding]:
        from lxml import etree

        from deckgen.pptx.internals import element_of

        out: list[Finding] = []
        for s in slides:
            if s.key is None:  # the slide's layout and XML, worked out once for every rule
                xml = etree.tostring(element_of(s.slide))
                s.key = (str(s.slide.slide_layout.part.partname), hashlib.sha1(xml).hexdigest())
            key = (str(index), *s.key)
            if key not in self._by_slide:
                self._by_slide[key] = rule.run([s], facts)
            out += [replace(f, slide=s.number) for f in self._by_slide[key]]
        return out


def _opened(source):
    """A presentation to check: `source` itself if it is one, else the file or bytes opened."""
    if hasattr(source, "slides"):
        return source
    from pptx import Presentation

    return Presentation(io.BytesIO(source) if isinstance(source, bytes) else str(source))


def check_deck(
    source,
    manifest: dict | None = None,
    library: dict | None = None,
    name: str = "deck",
    skip: Iterable[str] = (),
) -> CheckReport:
    """Run every rule (but those in `skip`) on one deck, a path or bytes."""
    return DeckChecker(library, skip).check(source, manifest, name)


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
