"""`deckgen answer`: an evidence-only deck for an objection, with no workspace (the same build,
check and report as `deckgen build`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from msgspec import Struct

from deckgen.cli.build import run_and_report
from deckgen.cli.options import CacheChoice, cache_options, json_option, options_as

if TYPE_CHECKING:
    from deckgen.options import BuildOptions


class AnswerFlags(Struct, frozen=True, kw_only=True):
    """The answer command's options as given."""

    out: Path | None
    file: Path | None
    country: str | None
    industry: str | None
    role: str | None
    blocker: str | None
    org: str | None
    presenter: str | None
    theme: str
    force: bool
    strict: bool
    quiet: bool
    explain: bool
    cache: CacheChoice
    as_json: bool

    def build_options(self, objection: str | None) -> BuildOptions:
        from deckgen.batch import default_jobs
        from deckgen.options import AnswerRequest, BuildOptions

        said = read_objections(objection, self.file)
        outdir, stems = self._targets([words for words, _ in said])
        return BuildOptions(
            workspace=Path("."),
            outdir=outdir,
            theme=self.theme,
            force=self.force,
            strict=self.strict,
            jobs=default_jobs(),
            cache_dir=self.cache.cache_dir,
            use_cache=self.cache.use,
            answer=AnswerRequest(
                objections=tuple(said),
                stems=tuple(stems),
                country=self.country,
                industry=self.industry,
                role=self.role,
                blocker=self.blocker,
                org=self.org,
                presenter=self.presenter,
            ),
        )

    def _targets(self, objections: list[str]) -> tuple[Path, list[str]]:
        """The output folder and each deck's file name: `-o deck.pptx` names the one deck; else
        each is named from its objection, in `-o DIR` or the current folder."""
        from deckgen.answer import answer_stem
        from deckgen.errors import DeckgenError

        out = self.out
        if out is not None and out.suffix.lower() == ".pptx":
            if self.file is not None:
                raise DeckgenError(
                    f"-o {out}: --file writes one deck per line; give a folder, not a .pptx"
                )
            return out.parent, [out.stem]
        stems, seen = [], set()
        for words in objections:
            stem = base = answer_stem(words)
            n = 1
            while stem in seen:  # two lines that open alike: answer-x, answer-x-2
                n += 1
                stem = f"{base}-{n}"
            seen.add(stem)
            stems.append(stem)
        return out or Path("."), stems


def read_objections(text: str | None, path: Path | None) -> list[tuple[str, str]]:
    """(words, where they came from) per objection: the argument, or each line of a UTF-8 file
    (blank lines and lines starting with # skipped)."""
    from deckgen.errors import DeckgenError
    from deckgen.load.yamlfile import read_text

    if (text is None) == (path is None):
        raise DeckgenError('answer: give the objection as "TEXT" or --file PATH (not both)')
    if path is None:
        assert text is not None
        if not text.strip():
            raise DeckgenError("answer: expected the executive's words, got empty text")
        return [(text, "objection")]
    lines = [
        (line.strip(), f"{path.name} line {number}")
        for number, line in enumerate(read_text(path, str(path)).splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise DeckgenError(
            f"{path}: no objections found (one per line; blank lines and # lines skipped)"
        )
    return lines


@click.command()
@click.argument("objection", required=False)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    help="The deck's file (deck.pptx), or with --file a folder [default: the current folder, "
    "named from the objection].",
)
@click.option(
    "--file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A UTF-8 file with one objection per line: one deck each (blank and # lines skipped).",
)
@click.option("--country", metavar="CC", help="Where the organisation is: ISO code (GB, SE, US).")
@click.option("--industry", metavar="NAME", help="Its industry (healthcare, retail ...).")
@click.option("--role", metavar="ROLE", help="The executive's role, e.g. CFO (their lens).")
@click.option(
    "--blocker", metavar="SLUG", help="The concern (a blocker slug), instead of classifying."
)
@click.option("--org", metavar="NAME", help="The organisation's name, shown on the title slide.")
@click.option("--presenter", metavar="NAME", help="Who presents the deck, e.g. 'Sam Lee, Unison'.")
@click.option("--theme", default="clean", show_default=True, help="Theme folder under themes/.")
@click.option("--force", is_flag=True, help="Overwrite decks that already exist.")
@click.option("--strict", is_flag=True, help="Refuse to write a deck the checker finds errors in.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--explain", is_flag=True, help="Say why each piece of evidence was chosen.")
@cache_options("Keep no compiled templates or charts on disk.")
@json_option("Print the build report as JSON on stdout.")
@options_as("flags", AnswerFlags)
def answer(objection: str | None, flags: AnswerFlags) -> None:
    """Answer OBJECTION with an evidence-only deck: no organisation's data needed, nothing
    invented in its place (every number is a published one, with its source)."""
    run_and_report(flags.build_options(objection), quiet=flags.quiet, explain=flags.explain,
                   as_json=flags.as_json)  # fmt: skip


COMMANDS = (answer,)
