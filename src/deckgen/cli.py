"""The `deckgen` command line. Only this module imports Click; heavy libraries load inside commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from deckgen import __version__
from deckgen.errors import DeckgenError


class _Group(click.Group):
    """Converts deckgen's errors into clean messages and exit codes, once, for every command."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DeckgenError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted; no partial files were left behind.", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def cli() -> None:
    """Build board-ready PowerPoint decks that answer an executive's objection with sourced
    evidence and the organisation's own numbers."""


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
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON on stdout.")
def build(
    workspace: Path,
    outdir: Path | None,
    exec_names: tuple[str, ...],
    objection: str | None,
    blocker: str | None,
    theme: str,
    force: bool,
    as_json: bool,
) -> None:
    """Build one deck per executive in WORKSPACE (a folder with org.yaml and audience.yaml)."""
    from deckgen.pipeline import BuildOptions, build_decks

    outdir = outdir or Path("out") / workspace.resolve().name
    report = build_decks(
        BuildOptions(workspace, outdir, exec_names, objection, blocker, theme, force)
    )
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(_report_json(report), indent=2, ensure_ascii=False))
    slides = sum(d.slides for d in report.decks)
    citations = sum(len(d.citations) for d in report.decks)
    n = len(report.decks)
    click.echo(
        f"Built {n} deck{'s' if n != 1 else ''} ({slides} slides, {citations} citations, "
        f"{len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''}) in "
        f"{report.seconds:.1f} s -> {report.outdir}",
        err=True,
    )


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
            }
            for d in report.decks
        ],
        "warnings": report.warnings,
        "seconds": round(report.seconds, 3),
    }


def main() -> None:
    cli(prog_name="deckgen")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
