"""The `deckgen` command line. Only this module imports Click; heavy libraries load inside commands."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from deckgen import __version__
from deckgen.errors import DeckgenError, Interrupted
from deckgen.words import noun, plural


class _Group(click.Group):
    """Converts deckgen's errors into clean messages and exit codes, once, for every command."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DeckgenError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt as exc:
            # A build says what the interruption left in its folder; elsewhere nothing more is known.
            click.echo(str(exc) if isinstance(exc, Interrupted) else "Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def cli() -> None:
    """Build board-ready PowerPoint decks that answer an executive's objection with sourced
    evidence and the organisation's own numbers."""


_CACHE_DIR = click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="DECKGEN_CACHE_DIR",
    help="Where rendered charts and compiled templates are kept [default: the user cache "
    "folder; env DECKGEN_CACHE_DIR].",
)


@cli.command()
@click.argument("workspace", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-o",
    "--out",
    "outdir",
    type=click.Path(path_type=Path, dir_okay=True),
    help="Folder for the decks [default: out/<workspace name>].",
)
@click.option(
    "--exec",
    "exec_names",
    multiple=True,
    metavar="NAME",
    help="Build only this executive's deck (repeatable).",
)
@click.option(
    "--objection",
    metavar="TEXT",
    help="Build one ad-hoc deck answering these words (no audience.yaml needed).",
)
@click.option("--blocker", metavar="SLUG", help="Build one ad-hoc deck for this blocker.")
@click.option("--theme", default="clean", show_default=True, help="Theme folder under themes/.")
@click.option("--force", is_flag=True, help="Overwrite decks that already exist.")
@click.option(
    "--evidence",
    "evidence_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Evidence library folder [default: the bundled library].",
)
@click.option(
    "--charts",
    type=click.Choice(["image", "native"]),
    default=None,
    help="Rendered image charts or native editable ones [default: the theme's].",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Build into a client's .pptx template (its fonts; the theme still sets colours).",
)
@click.option(
    "--layout-map",
    type=click.Path(path_type=Path, dir_okay=False),
    help="YAML mapping deckgen's layout roles to the template's layout names.",
)
@click.option("--explain", is_flag=True, help="Say why each piece of evidence was chosen.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to write a deck the checker finds errors in, or to build on a template with "
    "external links, macros or embedded objects (left out with a warning otherwise).",
)
@click.option(
    "--no-notes",
    "--board-copy",
    "no_notes",
    is_flag=True,
    help="Leave out speaker notes (a copy to circulate to the board).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    envvar="DECKGEN_JOBS",
    help="Decks built in parallel, at most one per core [default: one per core; env DECKGEN_JOBS].",
)
@_CACHE_DIR
@click.option("--no-cache", is_flag=True, help="Render every chart; keep none on disk.")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON on stdout.")
def build(
    workspace: Path,
    outdir: Path | None,
    exec_names: tuple[str, ...],
    objection: str | None,
    blocker: str | None,
    theme: str,
    force: bool,
    evidence_dir: Path | None,
    charts: str | None,
    template: Path | None,
    layout_map: Path | None,
    explain: bool,
    quiet: bool,
    strict: bool,
    no_notes: bool,
    jobs: int | None,
    cache_dir: Path | None,
    no_cache: bool,
    as_json: bool,
) -> None:
    """Build one deck per executive in WORKSPACE (a folder with org.yaml and audience.yaml)."""
    from deckgen.batch import default_jobs
    from deckgen.pipeline import BuildOptions, build_decks

    outdir = outdir or Path("out") / workspace.resolve().name
    opts = BuildOptions(
        workspace=workspace,
        outdir=outdir,
        exec_names=exec_names,
        objection=objection,
        blocker=blocker,
        theme=theme,
        force=force,
        evidence_dir=evidence_dir,
        charts=charts,
        template=template,
        layout_map=layout_map,
        strict=strict,
        notes=not no_notes,
        jobs=jobs or default_jobs(),
        cache_dir=cache_dir,
        use_cache=not no_cache,
    )
    with _progress(quiet or as_json) as on_progress:
        report = build_decks(opts, on_progress)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for name, message in report.failures:
        click.echo(f"failed: {name}: {message}", err=True)
    for d in report.decks:
        for finding in d.findings:
            click.echo(f"check: {d.path.name}: {finding}", err=True)
    if explain:
        for d in report.decks:
            click.echo(
                f"{d.executive}: {d.blocker} ({d.blocker_how}), storyline {d.storyline}", err=True
            )
            for item_id, purpose, why in d.chosen:
                slot = f" [{purpose}]" if purpose else ""
                click.echo(f"  {item_id}{slot}: {'; '.join(why)}", err=True)
    if as_json:
        click.echo(json.dumps(_report_json(report), indent=2, ensure_ascii=False))
    click.echo(_summary(report), err=True)
    if report.failures:
        raise SystemExit(1)


def _summary(report) -> str:
    """The run's last line: what was built, and every error and warning it printed, counted."""
    slides = sum(d.slides for d in report.decks)
    citations = sum(len(d.citations) for d in report.decks)
    rendered = sum(d.charts_rendered for d in report.decks)
    cached = sum(d.charts_cached for d in report.decks)
    errors = sum(d.check_errors for d in report.decks)
    warnings = len(report.warnings) + sum(d.check_warnings for d in report.decks)
    parts = [plural(slides, "slide"), plural(citations, "citation")]
    if rendered + cached:
        parts.append(f"{plural(rendered + cached, 'chart')} ({cached} from cache)")
    parts += [plural(errors, "check error"), plural(warnings, "warning")]
    failed = f", {len(report.failures)} failed" if report.failures else ""
    return (
        f"Built {plural(len(report.decks), 'deck')} ({', '.join(parts)}){failed} in "
        f"{report.seconds:.1f} s -> {report.outdir}"
    )


@contextmanager
def _progress(quiet: bool):
    """A progress bar on stderr for interactive runs; silent in pipes, CI and with --quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        transient=True,
        console=_stderr_console(),
    ) as bar:
        task = bar.add_task("Building decks", total=None)

        def update(done: int, total: int, name: str) -> None:
            bar.update(
                task,
                completed=done,
                total=total,
                description=f"Building {name}" if name else "Writing decks",
            )

        yield update


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@cli.command()
@click.argument("text", required=False)
@click.option(
    "--file",
    "path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A UTF-8 file with one objection per line (blank lines skipped).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of results.")
@_CACHE_DIR
@click.option("--no-cache", is_flag=True, help="Keep nothing on disk (the word model included).")
def classify(
    text: str | None, path: Path | None, as_json: bool, cache_dir: Path | None, no_cache: bool
) -> None:
    """Say which blocker an executive's words express, how sure, and why."""
    from deckgen.resources import use_cache

    use_cache(cache_dir, not no_cache)
    from deckgen.classify import UNSURE_BELOW, classify_objection
    from deckgen.objections import read_objections

    lines = read_objections(text, path)
    results = [(line, classify_objection(line)) for line in lines]
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "text": line,
                        "blocker": r.blocker,
                        "confidence": r.confidence,
                        "secondary": r.secondary,
                        "secondary_confidence": r.secondary_confidence,
                        "cues": list(r.cues),
                    }
                    for line, r in results
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for line, r in results:
        shown = line if len(line) <= 100 else line[:97] + "..."
        unsure = "  (unsure: set the blocker yourself)" if r.confidence < UNSURE_BELOW else ""
        click.echo(
            f"{shown}\n  -> {r.blocker} ({r.confidence:.2f}){unsure}; runner-up "
            f"{r.secondary} ({r.secondary_confidence:.2f}); cues: "
            f"{', '.join(r.cues) or 'none'}"
        )
        if r.example:
            click.echo(f'  closest example: "{r.example}"')


library_option = click.option(
    "--library",
    "library",
    type=click.Path(path_type=Path, file_okay=False),
    help="Evidence library folder [default: the bundled library].",
)


@cli.group()
def evidence() -> None:
    """Browse and check the evidence library."""


def _library(path: Path | None):
    from deckgen.library import load_library
    from deckgen.resources import evidence_dir

    return load_library((path or evidence_dir()).resolve())


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
@click.option("--json", "as_json", is_flag=True, help="Print the items as JSON.")
@library_option
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
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
@library_option
def evidence_show(item_id, as_json, library) -> None:
    """Show one item in full: source, method, claims and caveats."""
    from deckgen.library import describe, find_item, show_text

    item = find_item(_library(library), item_id)
    click.echo(
        json.dumps(describe(item), indent=2, ensure_ascii=False) if as_json else show_text(item)
    )


@evidence.command("search")
@click.argument("text")
@library_option
def evidence_search(text, library) -> None:
    """Find items whose title, source, claims or caveats mention every word of TEXT."""
    from deckgen.library import list_line, search_items

    items = search_items(_library(library), text)
    for item in items:
        click.echo(list_line(item))
    click.echo(f"{plural(len(items), 'item')} {noun(len(items), 'matches', 'match')}", err=True)


@evidence.command("lint")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--max-age",
    type=click.IntRange(1, 100),
    default=None,
    help="Warn about survey and benchmark figures older than this many years [8].",
)
@library_option
def evidence_lint(strict, max_age, library) -> None:
    """Check the library: schema, typed-in numbers, editions, freshness, zombie statistics."""
    from deckgen.evidence_lint import FRESH_YEARS, lint_items
    from deckgen.load.evidence import read_library
    from deckgen.resources import evidence_dir

    folder = (library or evidence_dir()).resolve()
    loaded, problems = read_library(folder)
    findings = lint_items(loaded, fresh_years=max_age or FRESH_YEARS)
    errors = [f"error: schema: {p}" for p in problems]
    errors += [str(f) for f in findings if f.severity == "error"]
    warnings = [str(f) for f in findings if f.severity == "warning"]
    for line in errors + warnings:
        click.echo(line)
    click.echo(
        f"Evidence library: {plural(len(loaded), 'item')}, {plural(len(errors), 'error')}, "
        f"{plural(len(warnings), 'warning')}",
        err=True,
    )
    if errors or (strict and warnings):
        raise SystemExit(1)


@cli.command()
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The build manifest [default: <deck>.manifest.json beside the deck].",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(decks: tuple[Path, ...], manifest: Path | None, strict: bool, as_json: bool) -> None:
    """Check decks against deck-craft, provenance and accessibility rules."""
    from deckgen.check.run import check_files

    reports = check_files(list(decks), manifest)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "deck": r.deck,
                        "errors": len(r.errors),
                        "warnings": len(r.warnings),
                        "skipped": r.skipped,
                        "findings": [
                            {
                                "rule": f.rule,
                                "severity": f.severity,
                                "slide": f.slide,
                                "shape": f.shape,
                                "message": f.message,
                            }
                            for f in r.findings
                        ],
                    }
                    for r in reports
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
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


@cli.command()
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


@cli.group(invoke_without_command=True)
@_CACHE_DIR
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


def _report_json(report) -> dict:
    return {
        "outdir": str(report.outdir),
        "decks": [
            {
                "executive": d.executive,
                "role": d.role,
                "blocker": d.blocker,
                "blocker_chosen": d.blocker_how,
                "confidence": d.confidence,
                "path": str(d.path),
                "slides": d.slides,
                "figures": d.figures,
                "citations": list(d.citations),
                "warnings": list(d.warnings),
                "storyline": d.storyline,
                "check": list(d.findings),
                "charts": {"rendered": d.charts_rendered, "cached": d.charts_cached},
                "evidence": [
                    {"id": i, "purpose": purpose, "why": list(why)} for i, purpose, why in d.chosen
                ],
            }
            for d in report.decks
        ],
        "warnings": report.warnings,
        "failures": [{"executive": name, "error": message} for name, message in report.failures],
        "seconds": round(report.seconds, 3),
    }


def main() -> None:
    import signal

    def _terminate(signum, frame):  # a stopped build cleans up and says what it left, then exits
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli(prog_name="deckgen")
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    _exit_now(code)


def _exit_now(code: int | str | None) -> None:
    """Leave without the interpreter's teardown of every module and object (0.1-0.2 s, measured,
    after a build). Everything deckgen writes is closed and synced by then; only the standard
    streams still need flushing."""
    import contextlib
    import os

    if isinstance(code, str):
        click.echo(code, err=True)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`deckgen ... | head`) has nothing left to flush to.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
