"""deckgen's own tables (data/*.yaml: KPIs, blockers, cues, checker words, zombie statistics,
regions, the cost model's claims and assumptions), each validated by a strict schema, with file
and line in any message, and read once (once per version of the file, with the cache on:
load/validated.py)."""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from pydantic import BaseModel

from deckgen.load.schema import validate
from deckgen.load.validated import REVALIDATING, cache_key, cached_plain, shipped_key
from deckgen.load.yamlfile import load_yaml
from deckgen.resources import data_dir

M = TypeVar("M", bound=BaseModel)

# Every table and the schema it is read with: `make prebuilt` ships each one validated.
TABLES = {
    "arguments": "deckgen.load.evidence:_ArgumentFile",
    "blockers": "deckgen.blockers:_BlockerFile",
    "checker": "deckgen.check.slides:_CheckerWords",
    "countries": "deckgen.load.places:_CountryFile",
    "coverage": "deckgen.coverage:_CoverageFile",
    "cues": "deckgen.classify.cues:_CueFile",
    "figures": "deckgen.figures.data:_FiguresFile",
    "industries": "deckgen.load.places:_IndustryFile",
    "kpis": "deckgen.kpis:_KpiFile",
    "lenses": "deckgen.plan.tailor:_LensFile",
    "owners": "deckgen.load.kinds:_OwnerFile",
    "regions": "deckgen.regions:_RegionFile",
    "specifics": "deckgen.specifics:_SpecificsFile",
    "zombies": "deckgen.evidence_lint:_ZombieFile",
}


def _kind(model: type[BaseModel]) -> str:
    return f"data:{model.__module__}.{model.__qualname__}"


def prebuilt_key(name: str, model: type[BaseModel]) -> str:
    """The name of the table's prebuilt entry (load/prebuild.py)."""
    return shipped_key(_kind(model), [(name, (data_dir() / f"{name}.yaml").read_bytes())])


@cache
def read_data(name: str, model: type[M]) -> M:
    """`data/<name>.yaml` validated as `model`."""
    path = data_dir() / f"{name}.yaml"
    sources = cache(lambda: [(name, path.read_bytes())])
    return cached_plain(
        lambda: cache_key(_kind(model), sources()),
        lambda: validate(model, load_yaml(path, f"data/{name}.yaml")),
        lambda found: found.model_dump(mode="json", exclude_unset=True),
        lambda plain: model.model_validate(plain, context=REVALIDATING),
        lambda: shipped_key(_kind(model), sources()),
    )
