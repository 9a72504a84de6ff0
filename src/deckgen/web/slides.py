"""A slide plan as HTML, for when LibreOffice cannot draw the slide: the same title, text, table,
chart values and source line the deck has. Reads only the SlidePlan's generic fields (and
tolerates new ones), so storyline and layout changes need nothing here."""

from __future__ import annotations

from markupsafe import Markup, escape

from deckgen.models import DeckResult


def _text(value) -> str:
    return str(escape(value)) if value else ""


def slide_html(slide) -> Markup:
    """One slide as a 16:9 box of HTML."""
    parts = [f'<div class="slide-html" data-role="{_text(getattr(slide, "role", ""))}">']
    parts.append(f"<h3>{_text(getattr(slide, 'title', ''))}</h3>")
    if getattr(slide, "subtitle", ""):
        parts.append(f'<p class="subtitle">{_text(slide.subtitle)}</p>')
    if getattr(slide, "tag", ""):
        parts.append(f'<p class="tag">{_text(slide.tag)}</p>')
    if getattr(slide, "quote", ""):
        by = f"<footer>{_text(slide.quote_by)}</footer>" if getattr(slide, "quote_by", "") else ""
        parts.append(f"<blockquote>{_text(slide.quote)}{by}</blockquote>")
    bullets = getattr(slide, "bullets", None) or []
    if bullets:
        parts.append("<ul>" + "".join(f"<li>{_text(b)}</li>" for b in bullets) + "</ul>")
    cells = getattr(slide, "cells", None) or []
    if cells:  # the archetypes' figures set large: decision cells, big number, the three steps
        parts.append(
            '<div class="cells">'
            + "".join(
                f'<div class="cell"><small>{_text(c.heading)}</small>'
                f"<strong>{_text(c.value)}</strong><span>{_text(c.label)}</span></div>"
                for c in cells
            )
            + "</div>"
        )
    table = getattr(slide, "table", None)
    if table is not None:
        head = "".join(f"<th>{_text(h)}</th>" for h in table.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>" for row in table.rows
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    chart = getattr(slide, "chart", None)
    if chart is not None:
        parts.append(_chart(chart))
    if getattr(slide, "source_line", ""):
        parts.append(f'<p class="source">{_text(slide.source_line)}</p>')
    parts.append("</div>")
    return Markup("".join(parts))


def _chart(chart) -> str:
    """Each panel's marks as bars scaled to the panel's largest value, labelled as on the
    slide; the alt text says it all again."""
    out = [f'<figure class="chart" aria-label="{_text(chart.alt_text)}">']
    for panel in chart.panels:
        top = max([abs(i.high if i.high is not None else i.value) for i in panel.items] or [1]) or 1
        out.append(f"<figcaption>{_text(panel.title)}</figcaption><div class='bars'>")
        for item, accent in zip(panel.items, panel.accented(), strict=True):
            width = 100 * abs(item.high if item.high is not None else item.value) / top
            cls = "bar accent" if accent else "bar"
            out.append(
                f"<div class='row'><span class='x'>{_text(item.x)}</span>"
                f"<span class='{cls}' style='width:{width:.0f}%'></span>"
                f"<span class='v'>{_text(item.label)}</span></div>"
            )
        if panel.benchmark:
            out.append(f"<p class='bench'>Benchmark: {_text(panel.benchmark[1])}</p>")
        out.append("</div>")
    out.append("</figure>")
    return "".join(out)


def findings_by_slide(result: DeckResult) -> dict[int | None, list[str]]:
    """The checker's findings on this deck, keyed by slide number (None: the whole deck)."""
    slides = result.finding_slides or (None,) * len(result.findings)
    out: dict[int | None, list[str]] = {}
    for text, slide in zip(result.findings, slides, strict=True):
        out.setdefault(slide, []).append(text)
    return out
