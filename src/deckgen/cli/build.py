"""`deckgen build`: its options, the progress bar, what it reports and its summary line."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from msgspec import Struct, structs

from deckgen.cli.options import (
    EVIDENCE_EXTRA,
    CacheChoice,
    cache_options,
    json_option,
    options_as,
)
from deckgen.words import plural

if TYPE_CHECKING:
    from deckgen.models import DeckResult
    from deckgen.options import BuildOptions, BuildReport


class BuildFlags(Struct, frozen=True, kw_only=True):
    """The build command's options as given, before their defaults are filled in."""

    outdir: Path | None
    exec_names: tuple[str, ...]
    objection: str | None
    blocker: str | None
    theme: str
    force: bool
    evidence_dir: Path | None
    evidence_extra: tuple[Path, ...]
    charts: str | None
    template: Path | None
    layout_map: Path | None
    explain: bool
    quiet: bool
    strict: bool
    no_notes: bool
    jobs: int | None
    cache: CacheChoice
    as_json: bool
    board_pack: bool = False

    def build_options(self, workspace: Path) -> BuildOptions:
        from deckgen.batch import default_jobs
        from deckgen.errors import DeckgenError
        from deckgen.options import BuildOptions

        outdir = self.outdir or Path("out") / workspace.resolve().name
        board = None
        if self.board_pack:
            if self.objection or self.blocker:
                raise DeckgenError(
                    "--board-pack builds one deck for the executives in audience.yaml; it "
                    "cannot be used with --objection or --blocker"
                )
            board = "board-pack.pptx"
            if outdir.suffix.lower() == ".pptx":  # -o board.pptx: the pack's own file name
                outdir, board = outdir.parent, outdir.name
        elif outdir.suffix.lower() == ".pptx" and not outdir.is_file():  # a file: said later
            raise DeckgenError(
                f"-o {outdir}: a build writes one deck per executive into a folder; give a "
                "folder, or add --board-pack for one deck for the whole audience"
            )
        return BuildOptions(
            workspace=workspace,
            outdir=outdir,
            board_pack=board,
            exec_names=self.exec_names,
            objection=self.objection,
            blocker=self.blocker,
            theme=self.theme,
            force=self.force,
            evidence_dir=self.evidence_dir,
            evidence_extra=self.evidence_extra,
            charts=self.charts,
            template=self.template,
            layout_map=self.layout_map,
            strict=self.strict,
            notes=not self.no_notes,
            jobs=self.jobs or default_jobs(),
            cache_dir=self.cache.cache_dir,
            use_cache=self.cache.use,
        )


@click.command()
@click.argument("workspace", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-o",
    "--out",
    "outdir",
    type=click.Path(path_type=Path, dir_okay=True),
    help="Folder for the decks [default: out/<workspace name>]; with --board-pack, the pack's "
    "file (board.pptx) or its folder.",
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
    help="Use only this evidence library folder [default: the bundled library, merged with the "
    "workspace's evidence/ folder if it has one].",
)
@EVIDENCE_EXTRA
@click.option(
    "--charts",
    type=click.Choice(["image", "native"]),
    default=None,
    help="Native, editable charts or rendered PNG images [default: the theme's; native for the bundled themes].",
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
    "--board-pack",
    is_flag=True,
    help="One deck for the whole audience: one opening, a section per concern raised (naming "
    "who raised it), one ask and one appendix [file: board-pack.pptx].",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    envvar="DECKGEN_JOBS",
    help="Decks built in parallel, at most one per core [default: one per core; env DECKGEN_JOBS].",
)
@cache_options("Render every chart; keep none on disk.")
@json_option("Print the build report as JSON on stdout.")
@options_as("flags", BuildFlags)
def build(workspace: Path, flags: BuildFlags) -> None:
    """Build one deck per executive in WORKSPACE (a folder with org.yaml and audience.yaml)."""
    run_and_report(flags.build_options(workspace), quiet=flags.quiet, explain=flags.explain,
                   as_json=flags.as_json)  # fmt: skip


def run_and_report(opts: BuildOptions, *, quiet: bool, explain: bool, as_json: bool) -> None:
    """Build, with a progress bar unless quiet; say what happened on stderr, the report as JSON
    on stdout if asked; exit 1 if a deck failed. `build` and `answer` end here."""
    from deckgen.startup import started

    with started(opts) as workers:  # they start while the build imports what it needs
        from deckgen.pipeline import build_decks

        with _progress(quiet or as_json) as on_progress:
            report = build_decks(opts, on_progress, workers)
    _say_what_happened(report, explain)
    if as_json:
        click.echo(json.dumps(_report_json(report), indent=2, ensure_ascii=False))
    click.echo(_summary(report), err=True)
    if report.failures:
        raise SystemExit(1)


def _say_what_happened(report: BuildReport, explain: bool) -> None:
    """On stderr: warnings, failed decks, the checker's findings and, with --explain, why each
    piece of evidence was chosen."""
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for name, message in report.failures:
        click.echo(f"failed: {name}: {message}", err=True)
    for d in report.decks:
        grammar = [rule for rule in d.finding_rules if rule.startswith("DG-")]
        for finding, rule in zip(d.findings, d.finding_rules, strict=True):
            if not rule.startswith("DG-"):
                click.echo(f"check: {d.path.name}: {finding}", err=True)
        if grammar:  # the deck-grammar rules the storylines do not meet yet, in one line
            click.echo(
                f"check: {d.path.name}: {plural(len(grammar), 'deck-grammar warning')} "
                f"({', '.join(sorted(set(grammar)))}); `deckgen check {d.path}` lists them",
                err=True,
            )
        for line in d.coaching:
            click.echo(f"coach: {d.executive}: {line}", err=True)
    if explain:
        for d in report.decks:
            _explain(d)


def _explain(d: DeckResult) -> None:
    """Why the deck says what it says: the storyline and lens, the executive's specifics and
    where they landed, each slot's evidence and the best item a fit rule kept out."""
    lens = f", {d.lens} lens" if d.lens else ""
    click.echo(
        f"{d.executive}: {d.blocker} ({d.blocker_how}), storyline {d.storyline}{lens}", err=True
    )
    for name, said, changed, roles in d.specifics:
        where = ", ".join(roles) or "no slide"
        click.echo(f'  said "{said}" ({name}): {changed}; on {where}', err=True)
    kept = {purpose: (item, rule, why) for purpose, item, rule, why in d.kept_out}
    others = d.alternatives or ((),) * len(d.chosen)
    for (item_id, purpose, why), alt in zip(d.chosen, others, strict=True):
        slot = f" [{purpose}]" if purpose else ""
        click.echo(f"  {item_id}{slot}: {'; '.join(why)}", err=True)
        if alt:  # what `deckgen audience evidence --use` could put in its place
            click.echo(f"    also fits: {', '.join(alt)}", err=True)
        if purpose in kept:
            other, rule, because = kept[purpose]
            click.echo(f"    not {other} (rule {rule}): {because}", err=True)
    for purpose, needs, other, rule, because in d.missing:
        click.echo(f"  nothing fits [{purpose}]: needed {needs}", err=True)
        if other:
            click.echo(f"    nearest, {other} (rule {rule}): {because}", err=True)


def _summary(report: BuildReport) -> str:
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
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        transient=True,
        console=Console(stderr=True),
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


# DeckResult fields under another name in the report, and those it leaves out (said elsewhere).
_RENAMED = {"blocker_how": "blocker_chosen", "findings": "check"}
_LEFT_OUT = {
    "chosen", "charts_rendered", "charts_cached", "check_errors", "check_warnings", "kept_out",
    "missing", "specifics", "finding_rules", "finding_slides", "alternatives",
}  # fmt: skip


def _deck_json(d: DeckResult) -> dict:
    row = {
        _RENAMED.get(key, key): value
        for key, value in structs.asdict(d).items()
        if key not in _LEFT_OUT
    }
    row["path"] = str(d.path)
    row["charts"] = {"rendered": d.charts_rendered, "cached": d.charts_cached}
    kept = {
        purpose: {"id": item, "rule": rule, "why": why} for purpose, item, rule, why in d.kept_out
    }
    others = d.alternatives or ((),) * len(d.chosen)
    row["evidence"] = [
        {
            "id": i,
            "purpose": purpose,
            "why": list(why),
            "kept_out": kept.get(purpose),
            "alternatives": list(alt),
        }
        for (i, purpose, why), alt in zip(d.chosen, others, strict=True)
    ]
    row["specifics"] = [
        {"specific": name, "words": said, "changes": changed, "slides": list(roles)}
        for name, said, changed, roles in d.specifics
    ]
    row["missing_evidence"] = [
        {
            "purpose": purpose,
            "needs": needs,
            "kept_out": {"id": item, "rule": rule, "why": why} if item else None,
        }
        for purpose, needs, item, rule, why in d.missing
    ]
    return row


def _report_json(report: BuildReport) -> dict:
    return {
        "outdir": str(report.outdir),
        "decks": [_deck_json(d) for d in report.decks],
        "warnings": report.warnings,
        "notes": report.notes,
        "failures": [{"executive": name, "error": message} for name, message in report.failures],
        "seconds": round(report.seconds, 3),
    }


COMMANDS = (build,)
