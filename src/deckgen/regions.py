"""The regions an organisation or a benchmark is in (data/regions.yaml): names, benchmark order, geographies."""

from __future__ import annotations

from msgspec import Struct
from pydantic import Field, model_validator

from deckgen.load.schema import Strict


class Region(Struct, frozen=True):
    name: str  # in a sentence: "we are in the UK"
    adjective: str  # before "benchmark": "UK benchmark"
    benchmarks: tuple[str, ...]  # benchmark regions to compare with, best first
    geographies: tuple[str, ...]  # words in an evidence item's geography that fit, lower case


class _RegionEntry(Strict):
    name: str = Field(min_length=1, description="How a sentence names it: 'we are in the UK'.")
    adjective: str = Field(min_length=1, description="Before 'benchmark': 'UK benchmark'.")
    benchmarks: list[str] = Field(
        min_length=1, description="Benchmark regions to compare with, best first."
    )
    geographies: list[str] = Field(
        min_length=1, description="Words in an evidence item's geography that fit, lower case."
    )


class _RegionFile(Strict):
    regions: dict[str, _RegionEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _known(self) -> _RegionFile:
        for slug, entry in self.regions.items():
            unknown = [r for r in entry.benchmarks if r not in self.regions]
            if unknown:
                raise ValueError(
                    f"regions.{slug}.benchmarks: unknown region(s): {', '.join(unknown)}"
                )
        return self


def _regions() -> dict[str, Region]:
    from deckgen.load.datafiles import read_data

    data = read_data("regions", _RegionFile)
    return {
        slug: Region(e.name, e.adjective, tuple(e.benchmarks), tuple(e.geographies))
        for slug, e in data.regions.items()
    }


REGIONS = _regions()
REGION_NAMES = {slug: r.name for slug, r in REGIONS.items()}  # "the US and Canada"
BENCHMARK_NAMES = {slug: r.adjective for slug, r in REGIONS.items()}  # "US and Canadian"


def benchmark_regions(region: str | None) -> tuple[str, ...]:
    """Benchmark regions to compare an organisation in `region` with, best first. A region not in
    the table: its own, then global ones."""
    key = region or "global"
    return REGIONS[key].benchmarks if key in REGIONS else (key, "global")


def geographies(region: str) -> tuple[str, ...]:
    """Words in an evidence item's geography that fit an organisation in `region`."""
    return REGIONS[region].geographies if region in REGIONS else (region,)
