"""Build many decks: in this process, or spread over spawned worker processes (`-j N`).

Workers are spawned, never forked: a forked child of a process that has run vl-convert hangs.
They are started before the inputs are read, so their start-up (a fresh interpreter importing
deckgen) overlaps the parent's loading. Each worker unpickles the loaded inputs once; decks come
back as bytes and are written by the parent, all or nothing, in the executives' order, so `-j 1`
and `-j 8` give the same files.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DECKS_PER_WORKER = 3  # below this, starting a process (~0.5 s of imports) costs more than it saves

_shared: dict[int, Any] = {}  # in a worker: the loaded inputs of the build it serves


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS and Windows


def workers_for(jobs: int, decks: int) -> int:
    """How many processes are worth starting for this many decks: never more than the cores
    this process may use (`-j 1000` starts as many as there are cores)."""
    return max(1, min(jobs, default_jobs(), decks // DECKS_PER_WORKER))


class Workers:
    """A spawn pool of `count` processes, started on entry (when worth it), stopped on exit."""

    def __init__(self, count: int):
        self.count = count
        self.pool = None

    def __enter__(self) -> Workers:
        if self.count > 1:
            import multiprocessing

            context = multiprocessing.get_context("spawn")
            self.pool = context.Pool(self.count, initializer=_start_worker)
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            # Done, failed, or Ctrl-C/SIGTERM (nothing written yet): workers hold nothing worth
            # keeping, so they are stopped rather than asked to finish.
            self.pool.terminate()
            self.pool.join()


def run_batch(
    shared: Any,
    tasks: list[tuple[Any, Path]],
    workers: Workers,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> list[Any]:
    """Per task, in order: (target, pptx bytes, manifest bytes, DeckResult) or an error message."""
    from deckgen.pipeline import build_one_safely

    total = len(tasks)
    outcomes: list[Any] = [None] * total
    if on_progress:
        on_progress(0, total, tasks[0][0].name if tasks else "")
    if workers.pool is None or workers_for(workers.count, total) == 1:
        for done, (exe, target) in enumerate(tasks):
            if on_progress and done:
                on_progress(done, total, exe.name)
            outcomes[done] = build_one_safely(shared, exe, target)
    else:
        for done, (index, outcome) in enumerate(_in_pool(workers.pool, shared, tasks), 1):
            outcomes[index] = outcome
            if on_progress and done < total:
                on_progress(done, total, _next_name(tasks, outcomes))
    if on_progress:
        on_progress(total, total, "")
    return outcomes


def _next_name(tasks: list[tuple[Any, Path]], outcomes: list[Any]) -> str:
    return next((exe.name for (exe, _), o in zip(tasks, outcomes, strict=True) if o is None), "")


def _in_pool(pool, shared: Any, tasks: list[tuple[Any, Path]]) -> Iterator[tuple[int, Any]]:
    # The inputs travel pickled once, with every task (a worker unpickles them the first time
    # only, and keeps what it learns about repeated slides across its decks).
    build, blob = id(shared), pickle.dumps(shared)
    jobs = [(build, blob, index, exe, target) for index, (exe, target) in enumerate(tasks)]
    yield from pool.imap_unordered(_build_task, jobs)


def _start_worker() -> None:
    # Ctrl-C reaches every process of the terminal; the parent alone decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What every deck needs, imported while the parent is still reading the inputs.
    import deckgen.check
    import deckgen.pipeline
    import deckgen.plan
    import deckgen.pptx.writer  # noqa: F401


def _build_task(task: tuple[int, bytes, int, Any, Path]) -> tuple[int, Any]:
    from deckgen.pipeline import build_one_safely

    build, blob, index, exe, target = task
    if build not in _shared:
        _shared.clear()
        _shared[build] = pickle.loads(blob)
    return index, build_one_safely(_shared[build], exe, target)
