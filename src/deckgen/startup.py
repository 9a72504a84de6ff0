"""What a build starts before anything else, so it runs while the build imports its libraries
and reads its inputs: the worker processes (-j), or the chart engine's helper for image charts
drawn from an empty cache (charts/render.py). Light on purpose: it is entered before the build's
heavy imports (cli/build.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.batch import Workers, workers_for
from deckgen.charts import engine_started

if TYPE_CHECKING:  # pragma: no cover
    from deckgen.options import BuildOptions


@contextmanager
def started(opts: BuildOptions) -> Iterator[Workers]:
    """The build's workers (and the chart engine, if it will render), stopped at the end."""
    processes = worth_starting(opts)
    with Workers(processes) as workers, engine_started(renders_cold(opts, processes)):
        yield workers


def renders_cold(opts: BuildOptions, processes: int) -> bool:
    """Whether this process will render image charts with nothing in the chart cache (then the
    engine's ~0.4 s start is worth starting at once, elsewhere)."""
    if opts.charts != "image" or processes > 1:
        return False
    if not opts.use_cache:
        return True
    from deckgen.cachefiles import store
    from deckgen.resources import default_cache_root

    return not store((opts.cache_dir or default_cache_root()) / "charts", "charts").entries()


def worth_starting(opts: BuildOptions) -> int:
    """Worker processes for this build, decided before the inputs are read (so they can start
    meanwhile) from the number of decks it will make: one per `--exec`, one for an ad-hoc deck,
    else one per executive in audience.yaml (counted quickly; the real read checks it)."""
    if opts.jobs <= 1 or opts.objection or opts.blocker or opts.board_pack:
        return 1
    if opts.answer is not None:
        return workers_for(opts.jobs, len(opts.answer.objections))
    decks = len(opts.exec_names) or _count_executives(opts.workspace / "audience.yaml")
    return workers_for(opts.jobs, decks)


def _count_executives(path: Path) -> int:
    import yaml

    from deckgen.load.yamlfile import SAFE_LOADER

    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=SAFE_LOADER)
        return len(data["executives"])
    except Exception:  # any problem is reported properly by the real read, with file and line
        return 0
