"""The build, phase by phase: load_inputs -> plan_jobs -> run_batch(DeckBuilder) -> commit.

Every input is checked before anything is built; each deck built (a deck that fails does not
stop the others) is staged in the output folder's work folder as it comes, and the decks are put
in place only at the end, all of them at once or none."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack

from msgspec.structs import replace

from deckgen.answer import load_answer_inputs
from deckgen.batch import Workers, run_batch
from deckgen.deckbuild import Built, DeckBuilder, Failed
from deckgen.inputs import load_inputs
from deckgen.jobs import manifest_path, plan_jobs
from deckgen.options import BuildOptions, BuildReport
from deckgen.output import OutputFolder, check_targets

__all__ = ["BuildOptions", "BuildReport", "build_decks", "manifest_path"]

ProgressFn = Callable[[int, int, str], None]


def build_decks(
    opts: BuildOptions, on_progress: ProgressFn | None = None, workers: Workers | None = None
) -> BuildReport:
    """`workers`: what startup.started started for this build (the CLI enters it before its
    heavy imports); without, they start here, while the inputs load."""
    if workers is None:
        from deckgen.startup import started

        with started(opts) as workers:
            return build_decks(opts, on_progress, workers)
    started = time.perf_counter()
    with ExitStack() as held:
        # `deckgen answer` has no workspace: its organisation gives no figures of its own
        load = load_answer_inputs if opts.answer is not None else load_inputs
        inputs, executives, warnings, assumed = load(opts)
        jobs = plan_jobs(executives, opts.outdir)
        # Locked from the overwrite check until the files are in place: a second build into
        # the folder stops at once, and one killed there earlier is finished first.
        folder = held.enter_context(OutputFolder(opts.outdir))
        if opts.board_pack:
            target = opts.outdir / opts.board_pack
            check_targets([(target, manifest_path(target))], opts.force)
            outcomes = [_stager(folder)(DeckBuilder(inputs).board(jobs, target))]
        else:
            check_targets([(j.target, manifest_path(j.target)) for j in jobs], opts.force)
            outcomes = run_batch(
                DeckBuilder, inputs, jobs, workers, on_progress, arrived=_stager(folder)
            )
        built = [o for o in outcomes if isinstance(o, Built)]
        warned = list(warnings)
        if folder.recovered:
            warned.append(f"{opts.outdir}: {folder.recovered}")
        for deck in built:
            warned.extend(deck.result.warnings)
        if inputs.charts is not None:
            if any(d.result.charts_rendered for d in built):  # it grows only when charts are added
                inputs.charts.trim()
            if inputs.charts.problem:
                warned.append(inputs.charts.problem)
        folder.commit()
    failures = [(o.executive, o.message) for o in outcomes if isinstance(o, Failed)]
    decks = [d.result for d in built]
    seconds = time.perf_counter() - started
    plans = [d.plan for d in built if d.plan is not None]
    return BuildReport(decks, opts.outdir, seconds, warned, list(assumed), failures, plans)


def _stager(folder: OutputFolder) -> Callable[[Built | Failed], Built | Failed]:
    """What a deck becomes when it arrives: its file and manifest staged in the output folder
    (put in place by its commit), the bytes then let go."""

    def stage(outcome: Built | Failed) -> Built | Failed:
        if isinstance(outcome, Built):
            folder.stage(outcome.target.name, outcome.pptx)
            folder.stage(manifest_path(outcome.target).name, outcome.manifest)
            return replace(outcome, pptx=b"", manifest=b"")
        return outcome

    return stage
