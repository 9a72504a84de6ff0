"""`deckgen evidence list|show|search|lint`: browse and check the evidence library."""

from __future__ import annotations

import json
from pathlib import Path

import click

from deckgen.cli.options import LibraryChoice, json_option, library_options
from deckgen.words import noun, plural


@click.group()
def evidence() -> None:
    """Browse and check the evidence library."""


def _library(choice: LibraryChoice):
    from deckgen.library import load_library

    return load_library(choice.folder(), choice.evidence_extra)


@evidence.command("list")
@click.option("--blocker", metavar="SLUG", help="Only items that answer this blocker.")
@click.option("--kpi", metavar="NAME", help="Only items that speak to this KPI.")
@click.option(
    "--grade",
    "grades",
    multiple=True,
    type=click.Choice(["A", "B", "C"], case_sensitive=False),
    help="Only items of this grade (repeatable).",
)
@json_option("Print the items as JSON.")
@library_options
def evidence_list(blocker, kpi, grades, as_json, library) -> None:
    """List evidence items, optionally filtered."""
    from deckgen.library import describe, filter_items, list_line

    items = filter_items(_library(library), blocker, kpi, grades)
    if as_json:
        click.echo(json.dumps([describe(i) for i in items], indent=2, ensure_ascii=False))
        return
    for item in items:
        click.echo(list_line(item))
    click.echo(plural(len(items), "item"), err=True)


@evidence.command("show")
@click.argument("item_id", metavar="ID")
@json_option("Print the item as JSON.")
@library_options
def evidence_show(item_id, as_json, library) -> None:
    """Show one item in full: source, method, claims and caveats."""
    from deckgen.library import describe, find_item, show_text

    item = find_item(_library(library), item_id)
    click.echo(
        json.dumps(describe(item), indent=2, ensure_ascii=False) if as_json else show_text(item)
    )


@evidence.command("search")
@click.argument("text")
@library_options
def evidence_search(text, library) -> None:
    """Find items whose title, source, claims or caveats mention every word of TEXT."""
    from deckgen.library import list_line, search_items

    items = search_items(_library(library), text)
    for item in items:
        click.echo(list_line(item))
    click.echo(f"{plural(len(items), 'item')} {noun(len(items), 'matches', 'match')}", err=True)


@evidence.command("lint")
@click.argument(
    "folders", nargs=-1, metavar="[FOLDER]...", type=click.Path(path_type=Path, file_okay=False)
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--max-age",
    type=click.IntRange(1, 100),
    default=None,
    help="Warn about survey and benchmark figures older than this many years [8].",
)
@library_options
def evidence_lint(folders, strict, max_age, library) -> None:
    """Check the library: schema, typed-in numbers, editions, freshness, zombie statistics.

    With FOLDER (a workspace's evidence/, say), check only the items in that folder, as a build
    would merge them with the library: each names its owner, and an id the library already uses
    is an error."""
    from deckgen.evidence_lint import FRESH_YEARS
    from deckgen.library import lint_library

    extras = tuple(dict.fromkeys((*library.evidence_extra, *folders)))
    report = lint_library(library.folder(), extras, folders, max_age or FRESH_YEARS)
    for line in report.errors + report.warnings:
        click.echo(line)
    what = (
        f"Evidence {'folder' if len(folders) == 1 else 'folders'} {', '.join(map(str, folders))}"
        if folders
        else "Evidence library"
    )
    click.echo(
        f"{what}: {plural(report.items, 'item')}, {plural(len(report.errors), 'error')}, "
        f"{plural(len(report.warnings), 'warning')}",
        err=True,
    )
    if report.errors or (strict and report.warnings):
        raise SystemExit(1)


@evidence.command("coverage")
@json_option("Print the matrix as JSON.")
@library_options
def evidence_coverage(as_json, library) -> None:
    """What the library covers: items per industry, benchmarks per measure and place, and the
    share verified at the publisher's own page, against data/coverage.yaml. Exits 1 when a target
    is not met."""
    from deckgen.coverage import coverage

    report = coverage(_library(library))
    if as_json:
        click.echo(json.dumps(_coverage_json(report), indent=2, ensure_ascii=False))
    else:
        for line in _coverage_lines(report):
            click.echo(line)
    if not report.met:
        raise SystemExit(1)


def _coverage_lines(report) -> list[str]:
    mark = {True: "ok  ", False: "GAP "}
    lines = [
        f"Evidence library: {plural(report.total, 'item')}, {report.primary} verified at the "
        f"publisher's own page ({report.primary_share:.0f}%, target {report.primary_target:.0f}%)"
        f" {mark[report.primary_share >= report.primary_target].strip()}",
        f"Superseded editions marked (series): {len(report.series_superseded)}",
        "",
        "Industries (items, target):",
    ]
    for c in report.industries:
        lines.append(f"  {'ok' if c.met else 'GAP':<5}{c.label:<32} {c.count:>3} / {c.minimum}")
    lines += ["", "Benchmarks (items, or countries for the Nordics; none = searched, none found):"]
    for c in report.benchmarks:
        found = ", ".join(c.items) if c.items else (c.note or "none found")
        flag = "ok" if c.met else ("none" if c.note else "GAP")
        lines.append(f"  {flag:<5}{c.label:<56} {c.count:>2}  {found}")
    return lines


def _coverage_json(report) -> dict:
    def cell(c):
        return {
            "key": c.key, "label": c.label, "count": c.count, "min": c.minimum, "met": c.met,
            "items": list(c.items), "note": c.note, "settled": c.settled,
        }  # fmt: skip

    return {
        "items": report.total,
        "primary": report.primary,
        "primary_share": round(report.primary_share, 1),
        "primary_target": report.primary_target,
        "superseded": list(report.series_superseded),
        "industries": [cell(c) for c in report.industries],
        "benchmarks": [cell(c) for c in report.benchmarks],
        "met": report.met,
    }


COMMANDS = (evidence,)
