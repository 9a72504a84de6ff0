"""The app's state: the open workspace, its last build (run by pipeline.build_decks, as the CLI
runs it, in a background thread with progress) and each deck's plan, result and previews."""

from __future__ import annotations

import threading
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from deckgen.errors import DeckgenError, InputError, Problem
from deckgen.models import DeckPlan, DeckResult
from deckgen.options import BuildOptions


class Deck(Struct):
    """One executive's last built deck."""

    result: DeckResult
    plan: DeckPlan
    images: list[str] = field(default_factory=list)  # preview PNG file names, slide order
    pdf: str | None = None  # the PDF beside the previews, when LibreOffice made one


class Progress(Struct):
    running: bool = False
    done: int = 0
    total: int = 0
    step: str = ""  # what it is doing now, in words


class Session(Struct):
    """One server's state. Builds run one at a time; pages read what the last one left."""

    outdir_given: Path | None = None
    images: bool = False  # slide images with LibreOffice
    opts: BuildOptions | None = None
    decks: dict[str, Deck] = field(default_factory=dict)  # file stem -> its deck
    problems: list[Problem] = field(default_factory=list)  # why the last build stopped
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notice: str = ""  # what the last action did, said once on the next page
    progress: Progress = field(default_factory=Progress)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, workspace: Path) -> None:
        """Make `workspace` the open one (a folder with org.yaml) and build all its decks."""
        if not (workspace / "org.yaml").is_file():
            raise DeckgenError(f"{workspace}: no org.yaml here; expected a deckgen workspace")
        out = self.outdir_given or Path("out") / workspace.resolve().name
        self.opts = BuildOptions(
            workspace=workspace, outdir=out, force=True, keep_plans=True, jobs=1
        )
        self.decks, self.problems, self.failures, self.warnings = {}, [], [], []
        self.start_build(())

    @property
    def busy(self) -> bool:
        return self.progress.running

    def start_build(self, names: tuple[str, ...]) -> bool:
        """Build the decks of `names` (all for none) in the background; False when a build is
        already running."""
        if self.opts is None or not self.lock.acquire(blocking=False):
            return False
        self.progress = Progress(running=True, step="Reading the workspace")
        opts = replace(self.opts, exec_names=names)
        threading.Thread(target=self._build, args=(opts,), daemon=True).start()
        return True

    def _build(self, opts: BuildOptions) -> None:
        from deckgen.pipeline import build_decks

        try:
            report = build_decks(opts, self._on_progress)
            self.problems, self.warnings = [], report.warnings
            self.failures = report.failures
            built = {
                d.path.stem: Deck(d, plan)
                for d, plan in zip(report.decks, report.plans, strict=True)
            }
            if self.images and built:
                self.progress.step = "Drawing slide previews with LibreOffice"
                self._previews(built)
            if not opts.exec_names:
                self.decks = {}
            self.decks.update(built)
        except InputError as exc:
            self.problems = exc.problems
        except DeckgenError as exc:
            self.problems = [Problem("", str(exc))]
        except Exception as exc:  # a bug: said on the page rather than lost in a thread
            self.problems = [Problem("", f"deckgen failed unexpectedly: {exc!r}")]
        finally:
            self.progress = Progress()
            self.lock.release()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        step = f"Building {name}'s deck" if name else "Writing the decks"
        self.progress = Progress(running=True, done=done, total=total, step=step)

    def _previews(self, built: dict[str, Deck]) -> None:
        from deckgen.web.preview import render_previews

        assert self.opts is not None
        try:
            found = render_previews([d.result.path for d in built.values()], self.opts.outdir)
        except DeckgenError as exc:
            self.warnings = [*self.warnings, f"slide previews: {exc}"]
            return
        for stem, (pdf, pngs) in found.items():
            if stem in built:
                built[stem].pdf, built[stem].images = pdf, pngs

    def wait(self, seconds: float = 600) -> None:
        """Until the running build ends (used by tests and the CLI-like paths)."""
        if self.lock.acquire(timeout=seconds):
            self.lock.release()
