"""The one error root: library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

from msgspec import Struct


class DeckgenError(Exception):
    """Anything deckgen reports to the user as a clear message (exit 1, no traceback)."""


class Problem(Struct, frozen=True):
    """One thing wrong with one input: where it is, and what was expected versus found."""

    file: str
    message: str
    key: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


MAX_SHOWN = 25  # problems listed in one message; the count says how many more there are


class InputError(DeckgenError):
    """One or more problems in the user's input files, all reported at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(self._render())

    def _render(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems in the input:"]  # never 1: that one is shown alone
        lines += [f"  {p}" for p in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            rest = len(self.problems) - MAX_SHOWN
            lines.append(f"  ... and {rest:,} more (fix these first; the rest are often the same)")
        return "\n".join(lines)


class OutputExistsError(DeckgenError):
    """A deck would overwrite an existing file and --force was not given."""


class TemplateError(DeckgenError):
    """A theme or template .pptx is missing, unreadable or lacks a layout it needs."""


class OutputError(DeckgenError):
    """The output folder cannot take the build: busy, a file, unwritable, full, names too long."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during a build, with what it left in the output folder (exit 130)."""
