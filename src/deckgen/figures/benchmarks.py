"""Our KPIs against the best matching cited benchmark, with the population differences said."""

from __future__ import annotations

from deckgen.figures.model import Gap, derived, from_org
from deckgen.kpis import CATALOG
from deckgen.load.evidence import Claim, EvidenceItem
from deckgen.models import Kpi, Provenance, Quantity
from deckgen.regions import REGION_NAMES, benchmark_regions


def benchmark_gap(
    kpi: Kpi,
    library: tuple[EvidenceItem, ...],
    region: str | None,
    industry: str | None,
    currency: str,
) -> Gap | None:
    """The best matching benchmark claim (same unit, nearest region, newest), or None."""
    best = _best_benchmark(kpi, library, region, currency)
    if best is None:
        return None
    item, claim = best
    spec = CATALOG[kpi.name]
    bench = Quantity(claim.value, kpi.unit, Provenance("evidence", f"{item.id}#{claim.id}"))
    delta = kpi.value - claim.value
    gap_unit = "pp" if kpi.unit == "percent" else kpi.unit
    gap = derived(
        round(delta, 2), gap_unit, f"gap.{kpi.name}", f"our {kpi.name} minus the benchmark"
    )
    if abs(delta) < 1e-9 or spec.direction == "neutral":
        direction = "level"
    else:
        worse = delta > 0 if spec.direction == "lower-is-better" else delta < 0
        direction = "worse" if worse else "better"
    return Gap(
        kpi.name,
        from_org(kpi),
        bench,
        gap,
        direction,
        item,
        claim.population or item.geography,
        _differences(kpi, item, claim, region, industry),
        claim.region,
    )


def _best_benchmark(
    kpi: Kpi, library: tuple[EvidenceItem, ...], region: str | None, currency: str
) -> tuple[EvidenceItem, Claim] | None:
    """The benchmark claim on `kpi` in its unit from the nearest region, then the newest, then by
    id; None if the library has none."""
    spec = CATALOG[kpi.name]
    want_unit = currency if spec.unit == "currency" else spec.unit
    regions = benchmark_regions(region)
    candidates = []
    for item in library:
        if item.kind != "benchmark":
            continue
        for claim in item.claims:
            if claim.kpi != kpi.name or claim.unit != want_unit:
                continue
            rank = regions.index(claim.region) if claim.region in regions else len(regions)
            candidates.append((rank, -item.year, item.id, item, claim))
    if not candidates:
        return None
    _, _, _, item, claim = min(candidates, key=lambda t: t[:3])
    return item, claim


def _differences(
    kpi: Kpi, item: EvidenceItem, claim: Claim, region: str | None, industry: str | None
) -> tuple[str, ...]:
    """How the benchmark's population differs from ours: region, sector and year."""
    differences = []
    if claim.region and region and claim.region != region:
        differences.append(
            f"the benchmark covers {REGION_NAMES.get(claim.region, claim.region)}"
            f", we are in {REGION_NAMES.get(region, region)}"
        )
    specific = [i for i in item.fit.industries if i != "all"]
    if industry and specific and industry.lower() not in [i.lower() for i in specific]:
        differences.append(f"the benchmark covers {', '.join(specific)}, we are in {industry}")
    elif industry and not specific:
        differences.append(f"the benchmark covers all sectors, we are in {industry}")
    if kpi.period and str(item.year) not in kpi.period:
        differences.append(f"the benchmark is from {item.year}, our figure from {kpi.period}")
    return tuple(differences)
