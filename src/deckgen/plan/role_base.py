"""The slide-role registry: what a role may do (how many slides it makes, the names its
templates see, what it adds, what it becomes once every slide is planned), and the planning
state roles share. The roles themselves are in plan/roles.py (the story) and plan/appendix.py."""

from __future__ import annotations

from typing import Any, ClassVar

from msgspec import Struct, field

from deckgen.figures import Figure
from deckgen.load.storyline import SlideSpec
from deckgen.models import ChartPlan, SlidePlan, SourceRef
from deckgen.plan.inputs import DeckInputs
from deckgen.select import Pick
from deckgen.text import Renderer


class Planning(Struct):
    """What one deck's planning carries from slide to slide."""

    inputs: DeckInputs
    r: Renderer
    picks: list[Pick]  # evidence not yet placed, best first
    appendix: list[Figure]  # figures still to explain, one appendix slide each
    tailor: Any = None  # plan/tailor.Tailor: the executive's specifics and role lens
    evidence_shown: int = 0  # evidence slides planned so far (the first one's notes differ)


class Prepared(Struct):
    """What a role adds before its templates render: names for them, citations, a chart."""

    names: dict[str, Any] = field(default_factory=dict)
    sources: list[SourceRef] = field(default_factory=list)
    source_line: str = ""
    chart: ChartPlan | None = None


class Role:
    """A slide role with no data of its own: one slide, text from its templates."""

    name: ClassVar[str] = ""

    def count(self, spec: SlideSpec, inputs: DeckInputs, remaining_picks: int) -> int:
        """How many slides this storyline entry makes for these inputs (0 drops it)."""
        return 1

    def prepare(self, spec: SlideSpec, ctx: dict[str, Any], state: Planning) -> Prepared:
        return Prepared()

    def fill(self, plan: SlidePlan, ctx: dict[str, Any], state: Planning) -> None:
        """Content beyond the templates' title, bullets and subtitle."""

    def finish(self, slides: list[SlidePlan], plan: SlidePlan, state: Planning) -> bool:
        """After every slide is planned (sources, limits); False drops the slide."""
        return True

    def expand(self, slides: list[SlidePlan], plan: SlidePlan, state: Planning) -> list[SlidePlan]:
        """After every slide is planned: the slides this one becomes (none, itself, or one per
        cited source for evidence cards)."""
        return [plan] if self.finish(slides, plan, state) else []


ROLES: dict[str, Role] = {}


def role(cls: type[Role]) -> type[Role]:
    ROLES[cls.name] = cls()
    return cls


PLAIN = Role()  # title, reframe, options, how, ask ...: text from the storyline's templates alone
CHART_WIDTH_IN = 8.25  # a CHART + TAKEAWAY slide's chart: most of the body, the takeaway beside


def role_of(name: str) -> Role:
    return ROLES.get(name, PLAIN)


def org_source(state: Planning) -> str:
    org = state.inputs.org
    return f"Source: {org.name} HR data; figures as supplied by the organisation."


def cited(slides: list[SlidePlan]) -> list[SourceRef]:
    """Every source cited on the deck's slides, once each, in the order first cited."""
    refs = [ref for slide in slides for ref in slide.sources]
    return list({ref.evidence_id: ref for ref in refs}.values())
