"""Tests of deckgen.figures, with the bundled library and a KPI maker they share."""

from __future__ import annotations

from deckgen.library import load_library
from deckgen.models import Kpi
from deckgen.resources import evidence_dir

LIB = load_library(evidence_dir().resolve())


def kpi(name: str, value: float, unit: str, measure: str = "") -> Kpi:
    return Kpi(name, value, unit, "2025", f"test {name}", measure=measure)


ATTRITION = kpi("voluntary_attrition", 17.5, "percent")
