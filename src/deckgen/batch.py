"""Build many decks: in this process, or spread over spawned worker processes (`-j N`).

Workers are spawned, never forked: a forked child of a process that has run vl-convert hangs.
They are started before the inputs are read, so their start-up (a fresh interpreter importing
deckgen) overlaps the parent's loading. Each worker unpickles the loaded inputs once; decks come
back as bytes, in the executives' order, and are handed to `arrived` as they come (the build
stages each on the disk at once), so `-j 1` and `-j 8` give the same files. At most
IN_FLIGHT_PER_WORKER decks per worker are asked for ahead of the one the parent waits for, so
finished decks never pile up in the parent's memory.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from deckgen import collect_rarely

DECKS_PER_WORKER = 3  # below this, starting a process (~0.5 s of imports) costs more than it saves
IN_FLIGHT_PER_WORKER = 4  # enough to keep a worker busy while the parent stages a deck

# In a worker process: the builder for the build it serves (made from that build's inputs).
_builders: dict[int, Any] = {}


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
    make: Callable[[Any], Callable[[Any], Any]],
    inputs: Any,
    jobs: list[Any],
    workers: Workers,
    on_progress: Callable[[int, int, str], None] | None = None,
    arrived: Callable[[Any], Any] | None = None,
) -> list[Any]:
    """`make(inputs)(job)` for every job, in order: in this process, or in the workers (each
    makes its own builder once per build, from the inputs it is sent pickled once). `make` must
    be importable by name (a class or a module-level function): workers are spawned. Each
    outcome goes through `arrived` (in the jobs' order) as soon as it is made; what that returns
    is what is kept."""
    total = len(jobs)
    outcomes: list[Any] = [None] * total
    if on_progress:
        on_progress(0, total, jobs[0].executive.name if jobs else "")
    if workers.pool is None or workers_for(workers.count, total) == 1:
        build = make(inputs)
        made: Iterator[Any] = (build(job) for job in jobs)
    else:
        made = _in_pool(workers.pool, workers.count, make, inputs, jobs)
    for done, outcome in enumerate(made):
        outcomes[done] = arrived(outcome) if arrived else outcome
        if on_progress and done + 1 < total:
            on_progress(done + 1, total, jobs[done + 1].executive.name)
    if on_progress:
        on_progress(total, total, "")
    return outcomes


def _in_pool(pool, count: int, make, inputs: Any, jobs: list[Any]) -> Iterator[Any]:
    """The outcomes in the jobs' order, with at most IN_FLIGHT_PER_WORKER tasks per worker
    asked for ahead of the one waited for."""
    # The inputs travel pickled once, with every task (a worker unpickles them the first time
    # only, and keeps its builder, with what it learns about repeated slides, across its decks).
    build, blob = id(inputs), pickle.dumps(inputs)
    tasks = iter([(build, make, blob, index, job) for index, job in enumerate(jobs)])
    waiting: deque = deque()
    for task in tasks:
        waiting.append(pool.apply_async(_run_task, (task,)))
        if len(waiting) >= count * IN_FLIGHT_PER_WORKER:
            break
    while waiting:
        _, outcome = waiting.popleft().get()
        task = next(tasks, None)
        if task is not None:
            waiting.append(pool.apply_async(_run_task, (task,)))
        yield outcome


def _start_worker() -> None:
    # Ctrl-C reaches every process of the terminal; the parent alone decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collect_rarely()
    # What every deck needs, imported while the parent is still reading the inputs.
    import deckgen.deckbuild  # noqa: F401


def _run_task(task: tuple[int, Any, bytes, int, Any]) -> tuple[int, Any]:
    build, make, blob, index, job = task
    if build not in _builders:
        _builders.clear()
        _builders[build] = make(pickle.loads(blob))
    return index, _builders[build](job)
