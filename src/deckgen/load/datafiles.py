"""deckgen's own tables (data/*.yaml: KPIs, blockers, cues, checker words, zombie statistics,
regions, the cost model's claims and assumptions), each validated by a strict schema, with file
and line in any message, and read once."""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from pydantic import BaseModel

from deckgen.load.schema import validate
from deckgen.load.yamlfile import load_yaml
from deckgen.resources import data_dir

M = TypeVar("M", bound=BaseModel)


@cache
def read_data(name: str, model: type[M]) -> M:
    """`data/<name>.yaml` validated as `model`."""
    return validate(model, load_yaml(data_dir() / f"{name}.yaml", f"data/{name}.yaml"))
