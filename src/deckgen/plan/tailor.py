"""Answer the person (../shared/tailoring.md sections 1 and 2): lines the executive's own
specifics (data/specifics.yaml) and role lens (data/lenses.yaml) add to the story slides, and
what the presenter must be told when the deck cannot answer a specific."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from msgspec import Struct, field
from pydantic import Field

from deckgen.load.schema import Strict
from deckgen.specifics import Specific
from deckgen.text import Renderer, UserText

# The most bullets a story slide carries (deck-craft.md ST-01 and SL-04).
MAX_BULLETS = {"acknowledge": 2, "exec_summary": 1, "ask": 2, "how": 3}  # QUOTE, DECISION, ROADMAP
DEFAULT_MAX = 6
# Story slides whose bullets are shown: where a specific counts as answered (not the quote, not
# the appendix; chart and table slides draw no bullets).
STORY_ROLES = ("exec_summary", "acknowledge", "reframe", "how", "ask", "secondary")


class _Lens(Strict):
    name: str
    roles: list[str] = Field(min_length=1, description="Regular expressions over the role.")
    lines: dict[str, str] = Field(default_factory=dict)


class _LensFile(Strict):
    lenses: dict[str, _Lens]


class Lens(Struct, frozen=True):
    key: str
    name: str
    lines: dict[str, str]


@cache
def _lenses() -> tuple[tuple[Lens, tuple[re.Pattern[str], ...]], ...]:
    from deckgen.load.datafiles import read_data

    data = read_data("lenses", _LensFile)
    return tuple(
        (Lens(key, lens.name, dict(lens.lines)), tuple(re.compile(p) for p in lens.roles))
        for key, lens in data.lenses.items()
    )


def lens_for(role: str | None) -> Lens | None:
    """The lens of a role written any way ("CFO", "Chief Financial Officer"), or None."""
    if not role:
        return None
    text = role.lower()
    for lens, patterns in _lenses():
        if any(p.search(text) for p in patterns):
            return lens
    return None


class Tailor(Struct):
    """One deck's tailoring: the lines it adds per slide role, and where each specific landed."""

    source: str  # where the executive's words come from, e.g. "audience.yaml executives[0]"
    lens: Lens | None
    specifics: tuple[Specific, ...]
    landed: dict[str, list[str]] = field(default_factory=dict)  # specific -> slide roles
    _pending: dict[str, str] = field(default_factory=dict)  # this slide's line -> specific
    _titled: dict[str, str] = field(default_factory=dict)  # slide role -> specific that titled it

    def lines(
        self, role: str, ctx: dict[str, Any], r: Renderer, where: str
    ) -> tuple[list[str], list[str]]:
        """(lines that lead the slide, lines that close it) for a slide of `role`; call
        `record` with the bullets the slide kept."""
        lead, close = [], []
        self._pending = {}
        for spec in self.specifics:
            template = dict(spec.lines).get(role)
            if not template or self._titled.get(role) == spec.name:
                continue
            said = UserText(spec.words, f"{self.source}.said")
            text = r.render(
                template,
                {**ctx, "specific": {"words": said}},
                f"data/specifics.yaml {spec.name}.{role}",
            )
            if text:
                (lead if role == "exec_summary" else close).append(text)
                self._pending[text] = spec.name
        # What the person said comes before what their role usually wants: the lens speaks
        # only on slides their own words did not reach.
        if self.lens and role in self.lens.lines and not self._pending:
            where = f"data/lenses.yaml {self.lens.key}.{role}"
            text = r.render(self.lens.lines[role], ctx, where)
            if text:
                (lead if role == "exec_summary" else close).append(text)
        return lead, close

    def titles(self, role: str, ctx: dict[str, Any], r: Renderer) -> list[tuple[str, str]]:
        """(title, specific) options the executive's words give a slide of `role`, to try
        before the storyline's own."""
        out = []
        for spec in self.specifics:
            template = dict(spec.titles).get(role)
            if not template:
                continue
            said = UserText(spec.words, f"{self.source}.said")
            where = f"data/specifics.yaml {spec.name}.titles.{role}"
            text = r.render(template, {**ctx, "specific": {"words": said}}, where)
            if text:
                out.append((text, spec.name))
        return out

    def record_title(self, role: str, spec: str, title: str) -> None:
        words = next(sp.words for sp in self.specifics if sp.name == spec)
        if words in title:
            self._titled[role] = spec  # its line on this slide would repeat the title
        if role in STORY_ROLES:
            self.landed.setdefault(spec, []).append(role)

    def record(self, role: str, kept: list[str]) -> None:
        """Which specifics' lines the slide kept (merge may leave some out for room)."""
        if role not in STORY_ROLES:
            return
        for text in kept:
            if text in self._pending:
                self.landed.setdefault(self._pending[text], []).append(role)

    def coaching(self, ctx: dict[str, Any], r: Renderer) -> list[str]:
        """For the presenter: what each specific's `coach` says is missing from the inputs, and
        each specific that reached fewer than two story slides."""
        out = []
        first = ctx["exec"]["first_name"]
        first = first[:1].upper() + first[1:]  # "The CFO said ...", when no name was given
        for spec in self.specifics:
            said = UserText(spec.words, f"{self.source}.said")
            where = f"data/specifics.yaml {spec.name}.coach"
            if spec.coach:
                out.append(r.render(spec.coach, {**ctx, "specific": {"words": said}}, where))
            reached = {role for role in self.landed.get(spec.name, []) if role in STORY_ROLES}
            if len(reached) < 2:
                out.append(
                    f'{first} said "{spec.words}" ({spec.means}); the deck answers it on '
                    f"{len(reached)} of the story slides, not two: say it in person"
                )
        r.take()  # coaching goes to the presenter, not onto a slide
        return [line for line in out if line]


def merge(role: str, story: list[str], lead: list[str], close: list[str]) -> list[str]:
    """The slide's bullets: the storyline's first, the tailored lines, the storyline's last,
    and as many of the storyline's others as room allows (the decision and the stop rule stay)."""
    if not lead and not close:
        return story
    limit = MAX_BULLETS.get(role, DEFAULT_MAX)
    tailored = [*lead, *close][: max(limit - min(len(story), 2), 1)]
    lead, close = tailored[: len(lead)], tailored[len(lead) :]
    if len(story) <= 2:
        head, middle, tail = story[:1], [], story[1:]
    else:
        head, middle, tail = story[:1], story[1:-1], story[-1:]
    room = limit - len(head) - len(tail) - len(tailored)
    return [*head, *lead, *middle[: max(room, 0)], *close, *tail]
