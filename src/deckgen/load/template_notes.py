"""What the build tells the user about a client template, once: what was left out of it (or,
under --strict, the refusal) and a slide size that is not 16:9."""

from __future__ import annotations

from deckgen.errors import TemplateError
from deckgen.load.sanitise import ACTIVE_KINDS, LINK_KINDS, SafeTemplate
from deckgen.words import plural, plural_of


def _count(count: int, kind: str) -> str:
    if count == 1:
        return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"
    return plural(count, kind, plural_of(kind))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def removed_phrase(removed: tuple[tuple[str, int], ...]) -> str:
    """'2 external links (a linked image and a hyperlink) and a macro project'."""
    counts = dict(removed)
    links = [(k, counts[k]) for k in LINK_KINDS if k in counts]
    total = sum(n for _, n in links)
    items = []
    if len(links) == 1:
        items.append(_count(total, links[0][0]))
    elif links:
        details = _and([_count(n, k) for k, n in links])
        items.append(f"{total} external links ({details})")
    items += [_count(counts[k], k) for k in ACTIVE_KINDS if k in counts]
    return _and(items)


def template_warnings(safe: SafeTemplate, strict: bool) -> tuple[str, ...]:
    """What the build says once about its template: what was left out of every deck (which
    --strict refuses instead) and a slide size other than 16:9."""
    out = []
    if safe.removed:
        what = removed_phrase(safe.removed)
        them = "it" if sum(n for _, n in safe.removed) == 1 else "them"
        if strict:
            raise TemplateError(
                f"{safe.path}: the template has {what}; --strict refuses it (remove {them} in "
                f"PowerPoint, or build without --strict and deckgen leaves {them} out)"
            )
        out.append(f"{safe.path}: removed {what}; decks never carry {them}")
    aspect = _aspect(safe)
    if aspect:
        out.append(aspect)
    return tuple(out)


_ASPECTS = (("4:3", 4 / 3), ("16:10", 16 / 10), ("3:2", 3 / 2), ("1:1", 1.0))


def _aspect(safe: SafeTemplate) -> str | None:
    if not safe.slide_size or not all(safe.slide_size):
        return None
    width, height = safe.slide_size
    ratio = width / height
    if abs(ratio - 16 / 9) < 0.01:
        return None
    size = f"{round(width / 914400, 2):g} x {round(height / 914400, 2):g} in"
    name = next((n for n, r in _ASPECTS if abs(ratio - r) < 0.01), None)
    shape = f"is {name} ({size})" if name else f"has {size} slides, not 16:9"
    return (
        f"{safe.path} {shape}; deckgen's layouts are designed for 16:9, so look over each "
        "deck before presenting"
    )
