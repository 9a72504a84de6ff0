"""deckgen's own tables (data/*.yaml: KPIs, blockers, cues, checker words, zombie statistics,
regions, the cost model's claims and assumptions), each validated by a strict schema, with file
and line in any message, and read once (once per version of the file, with the cache on:
load/validated.py)."""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from pydantic import BaseModel

from deckgen.load.schema import validate
from deckgen.load.validated import REVALIDATING, cache_key, cached_plain
from deckgen.load.yamlfile import load_yaml
from deckgen.resources import data_dir

M = TypeVar("M", bound=BaseModel)


@cache
def read_data(name: str, model: type[M]) -> M:
    """`data/<name>.yaml` validated as `model`."""
    path = data_dir() / f"{name}.yaml"
    return cached_plain(
        lambda: cache_key(
            f"data:{model.__module__}.{model.__qualname__}", [(name, path.read_bytes())]
        ),
        lambda: validate(model, load_yaml(path, f"data/{name}.yaml")),
        lambda found: found.model_dump(mode="json", exclude_unset=True),
        lambda plain: model.model_validate(plain, context=REVALIDATING),
    )
