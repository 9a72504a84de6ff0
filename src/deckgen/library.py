"""The evidence library: loaded, validated and linted once per folder, and queried for `deckgen
evidence` (filter, search, describe; no Click here)."""

from __future__ import annotations

import difflib
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct

from deckgen.blockers import resolve_blocker
from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.evidence_lint import FRESH_YEARS, lint_items
from deckgen.fmt import Formatter
from deckgen.kpis import CATALOG
from deckgen.load.evidence import EvidenceItem, read_library, render_statement, statement_with
from deckgen.load.yamlfile import YamlDoc

_SHOW = statement_with(Formatter())


def filter_items(
    items: tuple[EvidenceItem, ...], blocker: str | None, kpi: str | None, grades: tuple[str, ...]
) -> list[EvidenceItem]:
    slug = resolve_blocker(blocker) if blocker else None
    if kpi and kpi not in CATALOG:
        hint = difflib.get_close_matches(kpi, list(CATALOG), n=1, cutoff=0.6)
        tail = f"; did you mean '{hint[0]}'?" if hint else f"; known KPIs: {', '.join(CATALOG)}"
        raise DeckgenError(f"--kpi: unknown KPI '{kpi}'{tail}")
    wanted = {g.upper() for g in grades}
    return [
        i
        for i in items
        if (slug is None or slug in i.blockers)
        and (kpi is None or kpi in i.kpis)
        and (not wanted or i.grade in wanted)
    ]


def find_item(items: tuple[EvidenceItem, ...], item_id: str) -> EvidenceItem:
    for item in items:
        if item.id == item_id:
            return item
    hint = difflib.get_close_matches(item_id, [i.id for i in items], n=1, cutoff=0.5)
    tail = f"; did you mean '{hint[0]}'?" if hint else "; see `deckgen evidence list`"
    raise DeckgenError(f"no evidence item '{item_id}'{tail}")


def _haystack(item: EvidenceItem) -> str:
    parts = [
        item.id,
        item.title,
        item.publisher,
        " ".join(item.authors),
        item.method,
        item.geography,
        " ".join(item.fit.industries),
        " ".join(item.blockers),
        " ".join(item.kpis),
        *item.caveats,
    ]
    parts += [render_statement(item, c, _SHOW) for c in item.claims]
    return " ".join(parts).lower()


def search_items(items: tuple[EvidenceItem, ...], text: str) -> list[EvidenceItem]:
    """Items containing every word of `text`, most mentions first; ties by id."""
    words = [w for w in re.findall(r"\w+", text.lower()) if w]
    if not words:
        raise DeckgenError("search: expected some words to look for")
    scored = []
    for item in items:
        hay = _haystack(item)
        if all(w in hay for w in words):
            scored.append((-sum(hay.count(w) for w in words), item.id, item))
    return [item for *_, item in sorted(scored, key=lambda t: (t[0], t[1]))]


def describe(item: EvidenceItem) -> dict[str, Any]:
    """Everything about an item, with statements rendered, for JSON and for `show`."""
    return {
        "id": item.id,
        "kind": item.kind,
        "owner": item.owner,
        "label": item.label() or None,
        "grade": item.grade,
        "year": item.year,
        "edition": item.edition,
        "title": item.title,
        "publisher": item.publisher,
        "authors": item.authors,
        "url": item.url,
        "secondary_urls": item.secondary_urls,
        "verification": item.verification,
        "as_of": item.as_of.isoformat(),
        "method": item.method,
        "sample": item.sample,
        "geography": item.geography,
        "industries": item.fit.industries,
        "blockers": item.blockers,
        "kpis": item.kpis,
        "citation": item.source_ref().short,
        "claims": [
            {
                "id": c.id,
                "text": render_statement(item, c, _SHOW),
                "value": c.value,
                "unit": c.unit,
                "low": c.low,
                "high": c.high,
                "population": c.population,
                "comparison": c.comparison,
            }
            for c in item.claims
        ],
        "caveats": item.caveats,
    }


def list_line(item: EvidenceItem) -> str:
    return f"{item.id:<48} {item.grade}  {item.year}  {item.kind:<13} {item.source_ref().short}"


def show_text(item: EvidenceItem) -> str:
    d = describe(item)
    lines = [
        f"{item.title}",
        f"  {d['citation']} · {item.kind}, grade {item.grade}, "
        f"{item.verification} source, checked {d['as_of']}",
    ]
    if item.edition:
        lines.append(f"  edition: {item.edition}")
    lines += [
        f"  url: {item.url}",
        *[f"  also: {u}" for u in item.secondary_urls],
        f"  method: {item.method}",
    ]
    if item.sample:
        lines.append(f"  sample: {item.sample}")
    lines += [
        f"  geography: {item.geography}; industries: {', '.join(item.fit.industries)}",
        f"  answers: {', '.join(item.blockers)}",
    ]
    if item.kpis:
        lines.append(f"  KPIs: {', '.join(item.kpis)}")
    lines.append("claims:")
    lines += [f"  [{c['id']}] {c['text']}" for c in d["claims"]]
    if item.caveats:
        lines.append("caveats:")
        lines += [f"  - {c}" for c in item.caveats]
    return "\n".join(lines)


def read_merged(
    folder: Path, extras: tuple[Path, ...] = ()
) -> tuple[list[tuple[EvidenceItem, YamlDoc]], list[Problem], int]:
    """The library in `folder` and each folder of `extras` (named as the user gave them; every
    item in one names its owner), read and schema-checked, not yet linted; and how many of the
    loaded items are the library's own (the rest come from `extras`, in order)."""
    loaded, problems = read_library(folder)
    own = len(loaded)
    for extra in extras:
        more, found = read_library(extra, str(extra), owned=True)
        loaded += more
        problems += found
    return loaded, problems, own


class LintReport(Struct, frozen=True, kw_only=True):
    """What `deckgen evidence lint` found, as lines to print."""

    items: int
    errors: tuple[str, ...]
    warnings: tuple[str, ...]


def lint_library(
    folder: Path,
    extras: tuple[Path, ...] = (),
    only: tuple[Path, ...] = (),
    fresh_years: int = FRESH_YEARS,
) -> LintReport:
    """Lint the library in `folder` merged with `extras`. With `only` (some of the extras), just
    those folders' items are reported, checked as they would be merged: an id the library
    already uses is an error there too."""
    loaded, problems, _ = read_merged(folder, extras)
    findings = lint_items(loaded, fresh_years=fresh_years)
    if only:
        shown = tuple(str(f) for f in only)

        def ours(file: str) -> bool:
            return any(file == s or file.startswith(f"{s}/") for s in shown)

        loaded = [(item, doc) for item, doc in loaded if ours(doc.file)]
        problems = [p for p in problems if ours(p.file)]
        findings = [f for f in findings if ours(f.problem.file)]
    return LintReport(
        items=len(loaded),
        errors=(
            *(f"error: schema: {p}" for p in problems),
            *(str(f) for f in findings if f.severity == "error"),
        ),
        warnings=tuple(str(f) for f in findings if f.severity == "warning"),
    )


@cache
def load_library_checked(
    folder: Path, extras: tuple[Path, ...] = ()
) -> tuple[tuple[EvidenceItem, ...], tuple[str, ...]]:
    """Every item under `folder`, merged with the items of each folder in `extras`, validated
    and linted as one library (so an id used twice is an error, never a replacement): errors
    raise (all at once), warnings return. With the cache on, a library read before (the same
    files in every folder, the same year for the lint's freshness rule) comes back from its
    validated fields (load/validated.py)."""
    from deckgen.load.validated import REVALIDATING, cache_key, cached_plain, shipped_key

    folders = (folder, *extras)
    kind = _library_kind()
    files = cache(lambda: _library_files(folders))

    def load(plain) -> tuple[tuple[EvidenceItem, ...], tuple[str, ...]]:
        items, warnings = plain
        return (
            tuple(EvidenceItem.model_validate(i, context=REVALIDATING) for i in items),
            tuple(warnings),
        )

    if not all(f.is_dir() for f in folders):
        return _checked(folder, extras)
    return cached_plain(
        lambda: cache_key(kind, files()),
        lambda: _checked(folder, extras),
        library_plain,
        load,
        lambda: shipped_key(kind, files()),
    )


def library_plain(found: tuple[tuple[EvidenceItem, ...], tuple[str, ...]]) -> list:
    """A checked library as plain data (what the cache and prebuilt/ keep)."""
    items, warnings = found
    return [[i.model_dump(mode="json", exclude_unset=True) for i in items], list(warnings)]


def _library_kind(year: int | None = None) -> str:
    from datetime import date

    return f"library:{year or date.today().year}"  # the lint's freshness rule counts years


def _library_files(folders: tuple[Path, ...]) -> list[tuple[str, bytes]]:
    return [
        (f"{n}/{p.name}", p.read_bytes())
        for n, f in enumerate(folders)
        for p in sorted(f.glob("*.yaml"))
    ]


def prebuilt_library_key(folder: Path, year: int) -> str:
    """The name of the library's prebuilt entry for builds in `year` (load/prebuild.py)."""
    from deckgen.load.validated import shipped_key

    return shipped_key(_library_kind(year), _library_files((folder,)))


def _checked(
    folder: Path, extras: tuple[Path, ...], today: date | None = None
) -> tuple[tuple[EvidenceItem, ...], tuple[str, ...]]:
    loaded, problems, _ = read_merged(folder, extras)
    findings = lint_items(loaded, today)
    problems += [f.problem for f in findings if f.severity == "error"]
    if problems:
        raise InputError(problems)
    warnings = tuple(f"evidence: {f.problem}" for f in findings if f.severity == "warning")
    return tuple(item for item, _ in loaded), warnings


def load_library(folder: Path, extras: tuple[Path, ...] = ()) -> tuple[EvidenceItem, ...]:
    return load_library_checked(folder, extras)[0]
