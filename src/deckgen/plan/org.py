"""The organisation's own numbers on slides: the trend that moved most, and the KPI table."""

from __future__ import annotations

from typing import Any

from deckgen.kpis import CATALOG
from deckgen.models import Provenance, Quantity, Table
from deckgen.plan.inputs import OrgFacts
from deckgen.text import Renderer, UserText


def trend_lead(org: OrgFacts) -> dict[str, Any] | None:
    """The KPI whose history moved most in the bad direction (the 'shock'), if any has history."""
    best: tuple[float, str] | None = None
    for name, points in org.history.items():
        spec = CATALOG[name]
        if len(points) < 2 or spec.direction == "neutral":
            continue
        first, last = points[0].value, points[-1].value
        worse = (last - first) if spec.direction == "lower-is-better" else (first - last)
        relative = worse / abs(first) if first else worse
        if best is None or (relative, name) > best:
            best = (relative, name)
    if best is None:
        return None
    name = best[1]
    first, last = org.history[name][0], org.history[name][-1]
    unit = CATALOG[name].unit
    return {
        "name": name,
        "label": CATALOG[name].label,
        "worse": best[0] > 0,  # it moved the bad way (else: every measure held or improved)
        "verb": "risen"
        if last.value > first.value
        else "fallen"
        if last.value < first.value
        else "held",
        "first": Quantity(first.value, unit, Provenance("org", first.source), first.period),
        "last": Quantity(last.value, unit, Provenance("org", last.source), last.period),
        "first_period": UserText(first.period, first.source, "org"),
        "last_period": UserText(last.period, last.source, "org"),
    }


KPI_ROWS = 7


def shown_kpis(org: OrgFacts, lead: str | None) -> list[str]:
    """At most KPI_ROWS measures: the trend KPI, then those with history, then catalog order."""
    order = [n for n in CATALOG if n in org.kpis]
    position = {name: i for i, name in enumerate(CATALOG)}
    order.sort(key=lambda n: (n != lead, len(org.history.get(n, [])) < 2, position[n]))
    return order[:KPI_ROWS]


def kpi_table(org: OrgFacts, r: Renderer, lead: str | None) -> Table:
    rows = []
    for name in shown_kpis(org, lead):
        spec, kpi = CATALOG[name], org.kpis[name]
        value = r.show(Quantity(kpi.value, kpi.unit, Provenance("org", kpi.source), kpi.period))
        if kpi.scale:  # "3.2 out of 5" reads as a level; a scale not starting at 0 or 1 is named
            scale = kpi.scale
            value += f" out of {scale.high:g}" if scale.low in (0, 1) else f" ({scale} scale)"
        period = r.show(UserText(kpi.period or "", kpi.source, "org"))
        change = ""
        points = org.history.get(name, [])
        if len(points) >= 2:
            delta = points[-1].value - points[0].value
            unit = "pp" if spec.unit == "percent" else spec.unit
            shown = r.show(
                Quantity(
                    round(delta, 2),
                    unit,
                    Provenance(
                        "derived",
                        f"{points[-1].source} - {points[0].source}",
                        f"{name}: {points[-1].period} value minus {points[0].period} value",
                    ),
                )
            )
            sign = "+" if delta > 0 and not shown.startswith("+") else ""
            since = r.show(UserText(points[0].period, points[0].source, "org"))
            change = f"{sign}{shown.replace(' percentage points', ' pts')} since {since}"
        rows.append([spec.label, value, period, change])
    header = ["Measure", "Our value", "Period", "Change"]
    widths = [0.34, 0.22, 0.16, 0.28]
    if not any(row[3] for row in rows):
        header, rows, widths = header[:3], [row[:3] for row in rows], widths[:3]
    return Table(header, rows, widths, "KPI table")
