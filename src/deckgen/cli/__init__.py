"""The `deckgen` command line: the only package that imports Click; heavy libraries load inside commands."""

from __future__ import annotations

import sys

import click

from deckgen import __version__, collect_rarely
from deckgen.cli import answer, audience, build, evidence, serve, tools
from deckgen.errors import DeckgenError, Interrupted


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


# Each command module lists its commands; adding a command is adding it to its module's COMMANDS.
for _module in (build, answer, audience, evidence, tools, serve):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    import signal

    collect_rarely()

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
