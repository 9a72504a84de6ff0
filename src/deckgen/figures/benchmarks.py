"""Our KPIs against the best matching cited benchmark, with the population differences said."""

from __future__ import annotations

from msgspec import Struct

from deckgen.figures.model import Gap, derived, from_org
from deckgen.kpis import CATALOG
from deckgen.load.evidence import Claim, EvidenceItem
from deckgen.load.places import in_region
from deckgen.models import Kpi, Provenance, Quantity
from deckgen.regions import REGION_NAMES


def benchmark_gap(
    kpi: Kpi,
    library: tuple[EvidenceItem, ...],
    place: Place,
    industry: str | None,
    currency: str,
) -> Gap | None:
    """Our KPI against a benchmark that fits it, or None: the same measure (definition and unit),
    the organisation's own country (or its region, for a regional figure) and a population that
    includes its industry. A benchmark that fits nowhere is never used, however close."""
    best = _best_benchmark(kpi, library, place, industry, currency)
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
        _differences(kpi, item, industry),
        claim_region(claim, item),
    )


class Place(Struct, frozen=True):
    """Where the organisation is: its country (ISO code) if known, and its region."""

    country: str | None
    region: str | None


def claim_region(claim: Claim, item: EvidenceItem) -> str | None:
    """The region a benchmark figure covers: its country's, its own, or the item's."""
    from deckgen.load.places import countries

    if claim.country:
        return countries()[claim.country].region
    if claim.region:
        return claim.region
    places = item.fit.countries
    if len(places) == 1:
        return countries()[places[0]].region if places[0] in countries() else places[0]
    return None


def unfit_benchmark(
    kpi: Kpi, item: EvidenceItem, claim: Claim, place: Place, industry: str | None, currency: str
) -> str | None:
    """Why `claim` is no fair benchmark for our `kpi`, in words for the presenter, or None if it
    is one."""
    spec = CATALOG[kpi.name]
    want_unit = currency if spec.unit == "currency" else spec.unit
    if claim.kpi != kpi.name:
        return "measures something else"
    measures = spec.measures or {}
    ours = kpi.measure or spec.measure
    if claim.measure != ours:
        theirs = measures.get(claim.measure or "", claim.measure)
        return f"it counts {theirs}; ours is {measures.get(ours, ours)}"
    if claim.unit != want_unit:
        return f"it is in {claim.unit}, ours in {want_unit}"
    where = _where(place)
    covers = _covers_country(claim, item)
    if covers and covers != place.country:
        return f"it covers {_country_name(covers)}, we are in {where}"
    if not covers and not in_region(claim_region(claim, item), place.country, place.region):
        return f"it covers {REGION_NAMES.get(claim_region(claim, item) or '', 'several countries')}, we are in {where}"
    specific = [i for i in item.fit.industries if i != "all"]
    if specific and industry not in specific:
        return f"it covers {', '.join(specific)} only"
    return None


def _covers_country(claim: Claim, item: EvidenceItem) -> str | None:
    from deckgen.load.places import countries

    if claim.country:
        return claim.country
    places = item.fit.countries
    if claim.region is None and len(places) == 1 and places[0] in countries():
        return places[0]
    return None


def _country_name(code: str) -> str:
    from deckgen.load.places import countries

    return countries()[code].name if code in countries() else code


def _where(place: Place) -> str:
    if place.country:
        return _country_name(place.country)
    return REGION_NAMES.get(place.region or "", "a place org.yaml does not give")


def _best_benchmark(
    kpi: Kpi,
    library: tuple[EvidenceItem, ...],
    place: Place,
    industry: str | None,
    currency: str,
) -> tuple[EvidenceItem, Claim] | None:
    """The fitting benchmark: same industry first, then the newest, then by id."""
    candidates = []
    for item in library:
        for claim in item.claims:
            if claim.kpi != kpi.name or unfit_benchmark(
                kpi, item, claim, place, industry, currency
            ):
                continue
            same_industry = industry in item.fit.industries
            candidates.append((not same_industry, -item.year, item.id, item, claim))
    if not candidates:
        return None
    *_, item, claim = min(candidates, key=lambda t: t[:3])
    return item, claim


def _differences(kpi: Kpi, item: EvidenceItem, industry: str | None) -> tuple[str, ...]:
    """How the benchmark's population still differs from ours (sector, year), to say aloud."""
    differences = []
    specific = [i for i in item.fit.industries if i != "all"]
    if industry and not specific:
        differences.append(f"the benchmark covers all sectors, we are in {industry}")
    if kpi.period and str(item.year) not in kpi.period:
        differences.append(f"the benchmark is from {item.year}, our figure from {kpi.period}")
    return tuple(differences)
