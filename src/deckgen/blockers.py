"""The 14 executive blockers (../shared/blockers.md) plus `none`: the fear behind each and how to answer it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from deckgen.errors import DeckgenError


@dataclass(frozen=True)
class Blocker:
    slug: str
    name: str  # the executive's voice, e.g. "We're fine"
    concern: str  # what they fear, said respectfully, completing "You are concerned that ..."
    reframe: str  # one sentence that moves the conversation
    strategy: str  # lead strategy for the deck
    probe: str  # the Explore question to ask before answering
    next_step: str  # the smallest safe step this storyline asks for
    follow_up: str  # slug of the objection this executive is likely to raise next


BLOCKERS: dict[str, Blocker] = {
    b.slug: b
    for b in (
        Blocker(
            "no-problem-here",
            "We're fine",
            "there is no material people problem here to fix",
            "Silence is not the same as health: bad news filters out on its way up.",
            "Make the invisible visible with our own data and the perception-gap benchmark.",
            "What would you expect to see if there were a problem, and which team would you worry about first?",
            "a four-week anonymous diagnostic with action thresholds agreed in advance",
            "evidence-skeptic",
        ),
        Blocker(
            "already-have-programme",
            "We've got that covered",
            "the programmes we already fund meet the need",
            "What we provide treats symptoms; the strain comes from how the work is designed.",
            "Credit what exists, then move from fixing the worker to fixing the work.",
            "Since we launched it, what has moved: uptake, absence, attrition?",
            "an honest audit of uptake and outcomes, then two work-design fixes funded from low-use perks",
            "too-expensive",
        ),
        Blocker(
            "evidence-skeptic",
            "Show me / I don't buy it",
            "the research is not causal, independent or relevant to us",
            "We will not ask you to trust studies: we will agree the test and let our own numbers decide.",
            "Agree in advance what would convince you, lead with the strongest evidence and its limits, then run a fair pilot.",
            "What evidence would change your mind, and what do you think drives our attrition?",
            "a controlled pilot with comparison teams, pre-agreed measures and a stop rule",
            "no-roi",
        ),
        Blocker(
            "no-roi",
            "What's the payback?",
            "there is no quantified return to justify the spend",
            "The cost is already on our books; the question is how much of it we can win back.",
            "Build a conservative model with finance, show the break-even point and stage the money behind gates.",
            "Which number would you need to see move, and by how much, for this to be worth it?",
            "gate-one funding with a jointly owned model and a break-even test at the first review",
            "short-horizon",
        ),
        Blocker(
            "too-expensive",
            "Can't afford it / too big / too slow",
            "the ask is too big for the money, time and disruption we can spare",
            "Doing nothing is not free: the cost of inaction is already larger than the ask.",
            "Shrink the ask, show the cost of inaction and fund the first step by reallocation.",
            "If it cost nothing, would you do it? What first step could you approve without going to the board?",
            "a three-month low-cost pilot, scaled only if the measures move",
            "no-roi",
        ),
        Blocker(
            "other-priorities",
            "Not now",
            "this would compete for attention with this year's top priorities",
            "This is not a separate agenda: it protects delivery of the priority you already have.",
            "Attach the work to the number-one priority as an enabler and risk control, inside existing cadences.",
            "What has to go right for your top priority this year, and who has to do it?",
            "one sponsor and one people measure on the priority dashboard, with no new meetings",
            "too-expensive",
        ),
        Blocker(
            "short-horizon",
            "Not on my watch",
            "the payback lands after your own horizon",
            "The first results arrive within your horizon, and the organisation you hand over is your legacy.",
            "Pull benefits into their horizon, use legacy and valuation framing, and name the risks that land on their watch.",
            "What do you want the organisation to say about your tenure, and what will your successor look at first?",
            "a quick-start plan with quarterly milestones and one people measure on the scorecard",
            "no-roi",
        ),
        Blocker(
            "soft-touchy-feely",
            "Fluffy / a fad / not business",
            "this is soft, faddish and outside the job of running the business",
            "This is about candour and reliability: how fast bad news reaches the people who can act on it.",
            "Reframe in hard language: performance, risk and operational reliability, backed by decades of research.",
            "How quickly does bad news reach you today, and when did you do your best work?",
            "three concrete leader behaviours, measured like any other operating KPI",
            "performance-will-drop",
        ),
        Blocker(
            "individual-responsibility",
            "They should toughen up",
            "coping with pressure is each employee's own responsibility",
            "When strain clusters by team and manager, the cause is in the work, not in the people.",
            "Respect their experience, then move the lens from the person to the system and the duty of care.",
            "When you were under the most pressure, what helped you get through?",
            "three work-design levers piloted in the teams under most strain",
            "performance-will-drop",
        ),
        Blocker(
            "performance-will-drop",
            "It'll make us soft",
            "standards, accountability and output will slip",
            "High standards need high safety: fear hides problems instead of solving them.",
            "Adopt their goal, separate safety from comfort and make performance the primary pilot measure.",
            "What does high performance look like on your best team, and where do problems surface late?",
            "a pilot whose primary measures are performance measures, with accountability built in",
            "control-rto",
        ),
        Blocker(
            "control-rto",
            "I need to see them",
            "without presence you cannot be sure the work gets done",
            "Agree the outcomes first, then test which way of working delivers them.",
            "Separate the goal from the means, cite the randomised evidence and run a team-level experiment.",
            "What problem would full-time presence solve: output, collaboration, mentoring or culture?",
            "a six-month team-level experiment measured on your own outcome measures",
            "performance-will-drop",
        ),
        Blocker(
            "hr-job-not-mine",
            "That's HR's thing",
            "this belongs to HR, not to line leaders or the executive team",
            "The levers sit with line leaders; HR can design and measure, but cannot deliver.",
            "Show that managers hold the levers, make it cheap for them, and put one people measure on the executive scorecard.",
            "Which levers that shape your teams' days sit with HR, and which with your managers?",
            "three leader behaviours taking under half an hour a week, with HR supplying tools and data",
            "other-priorities",
        ),
        Blocker(
            "tried-before",
            "Done that, didn't stick",
            "we have tried this before and it faded",
            "What failed last time is our design brief: we design against those failure modes.",
            "Honour and diagnose the past, design against its failure modes, stop something and close the loop visibly.",
            "What do you think made it fade, and what would have to be different to be worth another go?",
            "a smaller, embedded pilot with a visible 'you said, we did' within a month",
            "evidence-skeptic",
        ),
        Blocker(
            "can-of-worms",
            "Too risky: legal, expectation or privacy exposure",
            "asking or acting will create liability, claims or expectations we cannot meet",
            "The exposure already exists whether or not we look; documented, reasonable action is the defence.",
            "Flip the risk calculus and build the safeguards into the design.",
            "What specific scenario worries you most: litigation, the unions, data, or expectations?",
            "a privacy-safe psychosocial hazard assessment with legal sign-off and an agreed action budget",
            "too-expensive",
        ),
        Blocker(
            "none",
            "Not an objection",
            "we agree on the direction and need to settle the next steps",
            "We agree on where to go; the job now is to settle who does what, and when.",
            "Confirm the agreement and turn it into owners, dates and measures.",
            "What would you like to see at the first review?",
            "named owners, a start date and the first review",
            "other-priorities",
        ),
    )
}

SLUGS = tuple(s for s in BLOCKERS if s != "none")

# Draft slugs from the research base, still accepted as input.
ALIASES = {
    "show-me-data": "evidence-skeptic",
    "no-time": "other-priorities",
    "need-office-control": "control-rto",
    "rto": "control-rto",
    "initiative-fatigue": "tried-before",
    "already-have-wellbeing-programme": "already-have-programme",
    "risky-legal": "can-of-worms",
}


def resolve_blocker(slug: str) -> str:
    """A known slug (aliases accepted), or a DeckgenError with a 'did you mean'."""
    text = slug.strip().lower()
    text = ALIASES.get(text, text)
    if text in BLOCKERS:
        return text
    hint = difflib.get_close_matches(text, list(BLOCKERS), n=1, cutoff=0.5)
    tail = f"; did you mean '{hint[0]}'?" if hint else f"; known blockers: {', '.join(BLOCKERS)}"
    raise DeckgenError(f"unknown blocker '{slug}'{tail}")
