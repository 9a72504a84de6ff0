"""The appendix's slide roles: the divider, one evidence card per cited source, the cost range,
how each figure was calculated, the measures, the sources and their limits."""

from __future__ import annotations

from typing import ClassVar

from msgspec import structs

from deckgen.plan import figures as pf
from deckgen.plan.evidence import card_bullets
from deckgen.plan.org import kpi_table
from deckgen.plan.role_base import Prepared, Role, cited, org_source, role
from deckgen.plan.roles import Cost
from deckgen.text import UserText
from deckgen.words import TITLE_MAX


@role
class Kpis(Role):
    name = "kpis"

    def count(self, spec, inputs, remaining_picks):
        return 1 if inputs.org.kpis else 0  # no KPIs: the slide drops out, never empty

    def fill(self, plan, ctx, state):
        trend = ctx["trend"]
        plan.table = kpi_table(state.inputs.org, state.r, trend["name"] if trend else None)
        plan.source_line = org_source(state)


@role
class CostDetail(Cost):
    """Appendix: the cost of inaction low to high, as a range chart over its table."""

    name = "cost_detail"

    def count(self, spec, inputs, remaining_picks):
        return 1 if pf.cost_context(inputs.figures) else 0  # our own range only

    def fill(self, plan, ctx, state):
        super().fill(plan, ctx, state)
        figures = state.inputs.figures
        if figures:
            plan.chart = pf.cost_chart(figures, state.r)
            plan.table = pf.cost_table(figures, state.r)


@role
class Appendix(Role):
    name = "appendix"

    def count(self, spec, inputs, remaining_picks):
        return len(pf.appendix_figures(inputs.figures))

    def prepare(self, spec, ctx, state):
        return Prepared({"figure": state.appendix.pop(0)})

    def fill(self, plan, ctx, state):
        index = {item.id: item for item in state.inputs.library}
        plan.bullets = pf.appendix_bullets(ctx["figure"], index, state.r)


@role
class Divider(Role):
    """The appendix divider: says what the appendix holds, from the slides that follow it."""

    name = "divider"
    PARTS: ClassVar[tuple[tuple[tuple[str, ...], str], ...]] = (
        (("cards",), "evidence cards"),
        (("cost_detail", "appendix"), "how each figure was calculated"),
        (("kpis",), "our measures"),
        (("sources",), "sources"),
    )

    def finish(self, slides, plan, state):
        after = {s.role for s in slides[slides.index(plan) + 1 :]}
        if "cards" in after and not cited(slides):
            after.discard("cards")  # no evidence cited: no cards will follow
        parts = [words for roles, words in self.PARTS if after & set(roles)]
        if parts:
            plan.bullets = [" · ".join(parts)[:1].upper() + " · ".join(parts)[1:]]
        if not cited(slides):
            plan.title = plan.title.replace("the evidence, the calculations", "the calculations")
        return True


@role
class Cards(Role):
    """APPENDIX CARD: one slide per source the story cites, in the order first cited."""

    name = "cards"

    def expand(self, slides, plan, state):
        index = {item.id: item for item in state.inputs.library}
        out = []
        for ref in cited(slides):
            item = index.get(ref.evidence_id)
            if item is None:
                continue
            short = state.r.show(UserText(_card_name(ref.short), f"{item.id}#citation", "evidence"))
            card = structs.replace(
                plan,
                title=f"Evidence card: {short}",
                bullets=card_bullets(item, state.r),
                sources=[ref],
                source_line="",
            )
            card.numbers = state.r.take()
            out.append(card)
        return out


def _card_name(short: str) -> str:
    """A citation short enough for a card's title: 'Krekel, Ward & De Neve (2019)' when the
    whole of it ('..., Saïd Business School working paper (CEP ...)') would run past it."""
    limit = TITLE_MAX - len("Evidence card: ")
    if len(short) <= limit:
        return short
    head = short.split("), ")[0] + ")"
    return head if len(head) <= limit else short[:limit].rsplit(" ", 1)[0]


@role
class Sources(Role):
    name = "sources"

    def finish(self, slides, plan, state):
        r, org = state.r, state.inputs.org
        plan.bullets = [
            r.show(UserText(f"{ref.full} Grade {ref.grade}.", ref.evidence_id, "evidence"))
            for ref in cited(slides)
        ]
        plan.bullets.append(
            r.show(
                UserText(
                    "No figures of our own are used: every number in this deck is a published "
                    "one, listed in the manifest beside the deck with its source.",
                    "evidence only",
                    "evidence",
                )
            )
            if org.evidence_only
            else r.show(
                UserText(
                    f"{org.name} HR data supplied for this deck; the manifest beside the deck "
                    "lists every number with the file and line it came from.",
                    "org files",
                    "org",
                )
            )
        )
        plan.numbers += r.take()
        return True


@role
class Limits(Role):
    name = "limits"

    def finish(self, slides, plan, state):
        index = {item.id: item for item in state.inputs.library}
        plan.bullets = pf.limits_bullets(cited(slides), index, state.r)
        plan.numbers += state.r.take()
        return bool(plan.bullets)
