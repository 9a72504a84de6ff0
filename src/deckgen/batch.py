"""Build many decks: in this process, or spread over spawned worker processes (`-j N`).

Workers are spawned, never forked: a forked child of a process that has run vl-convert hangs.
Each worker receives the loaded inputs once; decks come back as bytes and are written by the
parent, all or nothing, in the executives' order, so `-j 1` and `-j 8` give the same files.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DECKS_PER_WORKER = 3  # below this, starting a process (~0.5 s of imports) costs more than it saves

_shared: Any = None  # the loaded inputs, in a worker process


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS and Windows


def workers_for(jobs: int, decks: int) -> int:
    """How many processes are worth starting for this many decks."""
    return max(1, min(jobs, decks // DECKS_PER_WORKER))


def run_batch(
    shared: Any,
    tasks: list[tuple[Any, Path]],
    jobs: int,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> list[Any]:
    """Per task, in order: (target, pptx bytes, manifest bytes, DeckResult) or an error message."""
    from deckgen.pipeline import build_one_safely

    total = len(tasks)
    outcomes: list[Any] = [None] * total
    workers = workers_for(jobs, total)
    if on_progress:
        on_progress(0, total, tasks[0][0].name if tasks else "")
    if workers == 1:
        for done, (exe, target) in enumerate(tasks):
            if on_progress and done:
                on_progress(done, total, exe.name)
            outcomes[done] = build_one_safely(shared, exe, target)
    else:
        for done, (index, outcome) in enumerate(_in_pool(shared, tasks, workers), 1):
            outcomes[index] = outcome
            if on_progress and done < total:
                on_progress(done, total, _next_name(tasks, outcomes))
    if on_progress:
        on_progress(total, total, "")
    return outcomes


def _next_name(tasks: list[tuple[Any, Path]], outcomes: list[Any]) -> str:
    return next((exe.name for (exe, _), o in zip(tasks, outcomes, strict=True) if o is None), "")


def _in_pool(shared: Any, tasks: list[tuple[Any, Path]], workers: int) -> Iterator[tuple[int, Any]]:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    pool = context.Pool(workers, initializer=_start_worker, initargs=(shared,))
    try:
        yield from pool.imap_unordered(_build_task, list(enumerate(tasks)))
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl-C or SIGTERM: stop the workers now; nothing has been written
        raise
    finally:
        pool.join()


def _start_worker(shared: Any) -> None:
    global _shared
    # Ctrl-C reaches every process of the terminal; the parent alone decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _shared = shared


def _build_task(task: tuple[int, tuple[Any, Path]]) -> tuple[int, Any]:
    from deckgen.pipeline import build_one_safely

    index, (exe, target) = task
    return index, build_one_safely(_shared, exe, target)
