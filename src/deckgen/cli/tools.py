"""`deckgen classify`, `check`, `export` and `cache`: the commands around a build."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click
from msgspec import structs

from deckgen.cli.options import (
    CACHE_DIR,
    CacheChoice,
    LibraryChoice,
    cache_options,
    json_option,
    library_options,
)
from deckgen.words import plural

if TYPE_CHECKING:
    from deckgen.check.findings import CheckReport
    from deckgen.models import Classification

# What `classify --json` shows of each Classification.
_CLASSIFY_JSON = ("blocker", "confidence", "secondary", "secondary_confidence", "cues")


@click.command()
@click.argument("text", required=False)
@click.option(
    "--file",
    "path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A UTF-8 file with one objection per line (blank lines skipped).",
)
@json_option("Print a JSON list of results.")
@cache_options("Keep nothing on disk (the word model included).")
def classify(text: str | None, path: Path | None, as_json: bool, cache: CacheChoice) -> None:
    """Say which blocker an executive's words express, how sure, and why."""
    from deckgen.resources import use_cache

    use_cache(cache.cache_dir, cache.use)
    from deckgen.classify import classify_objection
    from deckgen.objections import read_objections

    results = [(line, classify_objection(line)) for line in read_objections(text, path)]
    if as_json:
        rows = [
            {"text": line, **_classification_json(r), "specifics": _specifics_json(line)}
            for line, r in results
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for line, r in results:
        _say_classification(line, r)


def _classification_json(result: Classification) -> dict:
    return {k: v for k, v in structs.asdict(result).items() if k in _CLASSIFY_JSON}


def _specifics_json(line: str) -> list[dict]:
    from deckgen.specifics import find_specifics

    return [
        {"specific": s.name, "words": s.words, "means": s.means, "changes": s.changes}
        for s in find_specifics(line)
    ]


def _say_classification(line: str, r: Classification) -> None:
    from deckgen.classify import UNSURE_BELOW

    shown = line if len(line) <= 100 else line[:97] + "..."
    unsure = "  (unsure: set the blocker yourself)" if r.confidence < UNSURE_BELOW else ""
    click.echo(
        f"{shown}\n  -> {r.blocker} ({r.confidence:.2f}){unsure}; runner-up "
        f"{r.secondary} ({r.secondary_confidence:.2f}); cues: "
        f"{', '.join(r.cues) or 'none'}"
    )
    if r.example:
        click.echo(f'  closest example: "{r.example}"')
    from deckgen.specifics import find_specifics

    for s in find_specifics(line):
        click.echo(f'  names: "{s.words}" ({s.name}): {s.changes}')


@click.command()
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The build manifest [default: <deck>.manifest.json beside the deck].",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@json_option("Print the findings as JSON.")
@library_options
def check(
    decks: tuple[Path, ...],
    manifest: Path | None,
    strict: bool,
    as_json: bool,
    library: LibraryChoice,
) -> None:
    """Check decks against deck-craft, provenance and accessibility rules (a deck citing a
    workspace's own evidence needs that folder: --evidence-extra WORKSPACE/evidence)."""
    from deckgen.check.run import check_files

    reports = check_files(list(decks), manifest, library.library, library.evidence_extra)
    if as_json:
        rows = [_check_json(r) for r in reports]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for r in reports:
            click.echo(
                f"{r.deck}: {plural(len(r.errors), 'error')}, {plural(len(r.warnings), 'warning')}"
            )
            for finding in r.findings:
                click.echo(f"  {finding}")
            for note in r.skipped:
                click.echo(f"  skipped: {note}")
    if any(r.errors or (strict and r.warnings) for r in reports):
        raise SystemExit(1)


def _check_json(r: CheckReport) -> dict:
    return {
        "deck": r.deck,
        "errors": len(r.errors),
        "warnings": len(r.warnings),
        "skipped": r.skipped,
        "findings": [structs.asdict(f) for f in r.findings],
    }


@click.command()
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--pdf", "as_pdf", is_flag=True, required=True, help="Export to PDF.")
@click.option(
    "-o",
    "--out",
    "outdir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the PDFs [default: beside the first deck].",
)
def export(decks: tuple[Path, ...], as_pdf: bool, outdir: Path | None) -> None:
    """Export decks to PDF with LibreOffice (if installed)."""
    from deckgen.export import export_pdf

    pdfs = export_pdf(list(decks), outdir or decks[0].parent)
    click.echo(f"Exported {plural(len(pdfs), 'PDF')} -> {pdfs[0].parent}", err=True)


@click.group(invoke_without_command=True)
@CACHE_DIR
@click.pass_context
def cache(ctx: click.Context, cache_dir: Path | None) -> None:
    """Show where rendered charts, compiled templates and the classifier's word model are kept,
    and how much."""
    from deckgen.resources import default_cache_root

    root = cache_dir or default_cache_root()
    ctx.obj = root
    if ctx.invoked_subcommand is None:
        stores = _stores(root)
        counts = {kind: store.entries() for kind, store in stores.items()}
        size = sum(size for found in counts.values() for _, size, _ in found)
        click.echo(
            f"{root}: {plural(len(counts['charts']), 'chart')}, "
            f"{plural(len(counts['templates']), 'template')}, "
            f"{plural(len(counts['classifier']), 'word model')}, {size / 1e6:.1f} MB"
        )


@cache.command("clear")
@click.pass_obj
def cache_clear(root: Path) -> None:
    """Delete deckgen's entries from the cache (rendered charts show your organisation's
    numbers); files deckgen did not write are left alone."""
    removed = sum(store.clear() for store in _stores(root).values())
    click.echo(f"Removed {plural(removed, 'file')} from {root}", err=True)


def _stores(root: Path) -> dict:
    from deckgen.cachefiles import stores

    return stores(root)


COMMANDS = (classify, check, export, cache)
