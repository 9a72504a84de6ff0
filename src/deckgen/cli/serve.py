"""`deckgen serve`: the local web app (deckgen/web/), started here; the web stack loads only then."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("workspace", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback lets other machines reach it.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in your browser.")
@click.option(
    "-o",
    "--out",
    "outdir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the decks [default: out/<workspace name>].",
)
def serve(
    workspace: Path | None, port: int, host: str, open_browser: bool, outdir: Path | None
) -> None:
    """Start the local web app for WORKSPACE (or open or create one in the page)."""
    from deckgen.web.server import ServeConfig, run

    run(
        ServeConfig(
            workspace=workspace, port=port, host=host, open_browser=open_browser, outdir=outdir
        ),
        say=lambda line: click.echo(line, err=True),
    )


COMMANDS = (serve,)
