"""`deckgen audience blocker|swap|reset`: change what one executive's deck argues, stored in
audience.yaml (comments and the rest of the file kept as written), as the web app does."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckgen.cli.options import library_option

if TYPE_CHECKING:
    from deckgen.options import BuildOptions

_WORKSPACE = click.argument("workspace", type=click.Path(path_type=Path, file_okay=False))
_NAME = click.argument("name")


def _opts(workspace: Path, library: Path | None) -> BuildOptions:
    from deckgen.options import BuildOptions

    if not (workspace / "audience.yaml").is_file():
        from deckgen.errors import DeckgenError

        raise DeckgenError(f"{workspace}: no audience.yaml to change")
    return BuildOptions(
        workspace=workspace,
        outdir=Path("out") / workspace.resolve().name,
        evidence_dir=library,
        use_cache=False,
    )


@click.group()
def audience() -> None:
    """Change one executive's deck in audience.yaml: its blocker, or its evidence."""


@audience.command()
@_WORKSPACE
@_NAME
@click.argument("slug", required=False)
@click.option("--classify", is_flag=True, help="Remove `blocker:`: classify their words again.")
def blocker(workspace: Path, name: str, slug: str | None, classify: bool) -> None:
    """Set executive NAME's blocker to SLUG (e.g. no-roi) in WORKSPACE's audience.yaml."""
    from deckgen.choices import set_blocker
    from deckgen.errors import DeckgenError

    if bool(slug) == classify:
        raise DeckgenError("give a blocker SLUG, or --classify to remove `blocker:`")
    chosen = set_blocker(_opts(workspace, None), name, None if classify else slug)
    what = f"blocker: {chosen}" if chosen else "no blocker: (their words are classified)"
    click.echo(f"{workspace / 'audience.yaml'}: {name}: {what}", err=True)


@audience.command()
@_WORKSPACE
@_NAME
@click.argument("old")
@click.argument("new")
@library_option
def swap(workspace: Path, name: str, old: str, new: str, library: Path | None) -> None:
    """Replace evidence item OLD in NAME's deck with NEW, an item that fits the same slot
    (`deckgen build --explain` lists them as "also fits")."""
    from deckgen.choices import swap_evidence

    done = swap_evidence(_opts(workspace, library), name, old, new)
    click.echo(
        f"{workspace / 'audience.yaml'}: {name}: evidence {done.new} instead of {done.old} "
        f"[{done.purpose}]",
        err=True,
    )


@audience.command()
@_WORKSPACE
@_NAME
@library_option
def reset(workspace: Path, name: str, library: Path | None) -> None:
    """Drop NAME's `evidence:` choices: evidence is chosen by fit and strength again."""
    from deckgen.choices import clear_evidence

    clear_evidence(_opts(workspace, library), name)
    click.echo(f"{workspace / 'audience.yaml'}: {name}: no evidence choices", err=True)


COMMANDS = (audience,)
