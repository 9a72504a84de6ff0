"""Option bundles the commands share: --cache-dir/--no-cache, --json and --library with
--evidence-extra."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from msgspec import Struct, structs

F = TypeVar("F", bound=Callable[..., Any])


def options_as(name: str, cls: type) -> Callable[[F], F]:
    """The command's options named like the fields of `cls` (a dataclass) arrive as one `cls`
    object, in the parameter `name`: one typed value instead of a parameter per option."""
    fields = [f.name for f in structs.fields(cls)]

    def decorate(command: F) -> F:
        @functools.wraps(command)  # also carries the options declared below this decorator
        def gathered(*args: Any, **kwargs: Any) -> Any:
            values = {key: kwargs.pop(key) for key in fields}
            return command(*args, **kwargs, **{name: cls(**values)})

        return gathered  # type: ignore[return-value]

    return decorate


class CacheChoice(Struct, frozen=True, kw_only=True):
    """--cache-dir and --no-cache as given."""

    cache_dir: Path | None  # None: the user cache folder
    no_cache: bool

    @property
    def use(self) -> bool:
        return not self.no_cache


CACHE_DIR = click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="DECKGEN_CACHE_DIR",
    help="Where rendered charts and compiled templates are kept [default: the user cache "
    "folder; env DECKGEN_CACHE_DIR].",
)


def cache_options(no_cache_help: str) -> Callable[[F], F]:
    """--cache-dir and --no-cache (whose help says what this command would keep), received as
    one `cache` parameter, a CacheChoice."""
    no_cache = click.option("--no-cache", is_flag=True, help=no_cache_help)

    def decorate(command: F) -> F:
        return CACHE_DIR(no_cache(options_as("cache", CacheChoice)(command)))

    return decorate


def json_option(help_text: str) -> Callable[[F], F]:
    """--json: machine output on stdout, as the `as_json` parameter."""
    return click.option("--json", "as_json", is_flag=True, help=help_text)


class LibraryChoice(Struct, frozen=True, kw_only=True):
    """--library and --evidence-extra as given."""

    library: Path | None  # None: the bundled library
    evidence_extra: tuple[Path, ...]  # folders merged with it, named as given

    def folder(self) -> Path:
        from deckgen.resources import evidence_dir

        return (self.library or evidence_dir()).resolve()


EVIDENCE_EXTRA = click.option(
    "--evidence-extra",
    "evidence_extra",
    multiple=True,
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also use the evidence in this folder (each item names its `owner:`), merged with the "
    "library; an id the library already uses is an error (repeatable).",
)

library_option = click.option(
    "--library",
    "library",
    type=click.Path(path_type=Path, file_okay=False),
    help="Evidence library folder [default: the bundled library].",
)


def library_options(command: F) -> F:
    """--library and --evidence-extra, received as one `library` parameter, a LibraryChoice."""
    return library_option(EVIDENCE_EXTRA(options_as("library", LibraryChoice)(command)))
