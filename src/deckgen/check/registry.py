"""The rules `deckgen check` runs, as a table: adding a rule is adding one entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msgspec import Struct

from deckgen.check import grammar, layout, provenance, story
from deckgen.check.findings import Finding
from deckgen.check.slides import Slide


class DeckFacts(Struct, frozen=True):
    """What rules may read besides the slides: the deck, its manifest and fonts, the library."""

    prs: Any
    manifest: dict | None
    library: dict | None
    heading: str
    body: str


class Rule(Struct, frozen=True):
    ids: tuple[str, ...]  # the deck-craft.md (or deck-grammar.md: DG-xx) rule ids it reports
    run: Callable[[list[Slide], DeckFacts], list[Finding]]
    per_slide: bool = False  # findings depend on each slide alone: remembered by its content
    needs_manifest: bool = False  # skipped (and said so) without the build manifest


RULES: tuple[Rule, ...] = (
    Rule(("ST-01",), lambda s, d: story.st01(s)),
    Rule(("ST-02",), lambda s, d: story.st02(s)),
    Rule(("SL-01",), lambda s, d: story.sl01(s)),
    Rule(("SL-05",), lambda s, d: story.sl05(s)),
    Rule(("SL-06", "SL-07"), lambda s, d: story.sl06_07(s, d.manifest, d.library)),
    Rule(("SL-13",), lambda s, d: story.sl13(s)),
    Rule(("SL-15",), lambda s, d: layout.sl15(s, d.prs, d.heading, d.body), per_slide=True),
    Rule(("AX-01",), lambda s, d: layout.ax01(s)),
    Rule(("AX-02",), lambda s, d: layout.ax02(s)),
    Rule(("AX-04", "AX-05"), lambda s, d: layout.ax04_05(s), per_slide=True),
    Rule(("DG-01",), lambda s, d: grammar.dg01(s, (d.manifest or {}).get("sections", 0))),
    Rule(("DG-02",), lambda s, d: grammar.dg02(s)),
    Rule(("DG-03",), lambda s, d: grammar.dg03(s)),
    Rule(("DG-04",), lambda s, d: grammar.dg04(s)),
    Rule(("DG-05",), lambda s, d: grammar.dg05(s)),  # reads the chart parts: not per slide
    Rule(("DG-06",), lambda s, d: grammar.dg06(s), per_slide=True),
    Rule(("DG-07",), lambda s, d: grammar.dg07(s)),
    Rule(("DG-08",), lambda s, d: grammar.dg08(s)),  # reads the chart parts: not per slide
    Rule(("SL-03",), lambda s, d: story.sl03(s, d.manifest), needs_manifest=True),
    Rule(("SL-08",), lambda s, d: story.sl08(s, d.manifest), needs_manifest=True),
    Rule(("PV-01",), lambda s, d: provenance.pv01(s, d.manifest), needs_manifest=True),
)
# Said when the manifest is missing: SL-07 (sources listed) runs in part without it.
NEEDS_MANIFEST = "SL-03, SL-07, SL-08, PV-01"
