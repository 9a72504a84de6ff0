"""Map an executive's own words to a blocker, with a confidence and the cues that decided it."""

from __future__ import annotations

import math
import re
import unicodedata

from deckgen.models import Classification

# Spelling variants folded before matching, so cues are written once (British spelling).
_FOLD = [
    (r"\bprograms?\b", "programme"),
    (r"iz(e|es|ed|ing|ation)\b", r"is\1"),
    (r"\borganization", "organisation"),
    (r"\bbehavior", "behaviour"),
    (r"\bcenter", "centre"),
    (r"’", "'"),
    (r"\s+", " "),
]

# (pattern, weight) per blocker. Patterns are matched against folded, lower-cased text.
CUES: dict[str, list[tuple[str, float]]] = {
    "no-problem-here": [
        (r"\bwe(')?re (fine|good|ok|okay)\b", 3),
        (r"\bno (one|body) (is )?complain", 3),
        (r"\bnot a problem (here|for us)\b", 3),
        (r"\bno problem\b", 2),
        (r"\bpeople are (happy|fine)\b", 3),
        (r"\bscores? (are|is) (good|fine|high)", 2),
        (r"\bdon'?t (need|have) (a|any) (problem|issue)", 3),
        (r"\bwe don'?t need anything\b", 3),
        (r"\bmorale is (fine|good|high)\b", 3),
        (r"\bnot an issue\b", 2),
    ],
    "already-have-programme": [
        (
            r"\b(already|we) (have|offer|provide|run|pay for) (an? )?(eap|app|programme|"
            r"mental health first aid|wellness|wellbeing|yoga|meditation|counsell)",
            4,
        ),
        (r"\beap\b", 2),
        (r"\b(headspace|calm app|mindfulness|yoga|first aiders?)\b", 2),
        (r"\bgot (that|it) covered\b", 3),
        (r"\bperks?\b", 1.5),
        (r"\bbenefits? package\b", 2),
    ],
    "evidence-skeptic": [
        (r"\bshow me (the )?(data|evidence|proof|a study|studies)\b", 3),
        (r"\bi don'?t buy (it|that)\b", 3),
        (r"\bcorrelation\b", 2),
        (r"\bcausa(l|tion)\b", 2),
        (r"\b(sponsored|vendor|consultants?)\b.*\b(stud(y|ies)|research|data)\b", 2),
        (r"\b(stud(y|ies)|research)\b.*\b(sponsored|selling|vendor)\b", 2),
        (r"\bbelieve it when\b", 3),
        (r"\bnot convinced\b", 2),
        (r"\bproof\b", 1.5),
        (r"\bdoesn'?t apply to (us|our)\b", 2),
        (r"\bwe(')?re not google\b", 3),
        (r"\b(anecdot|junk science|pop psychology)", 2),
        (r"\bevidence\b", 1),
    ],
    "no-roi": [
        (r"\b(roi|payback|return on (investment|it))\b", 3),
        (r"\bbusiness case\b", 2.5),
        (r"\bwhat('s| is| do) (the|we get) (return|back)\b", 2.5),
        (r"\b(p&l|bottom line|ebitda|the numbers)\b", 2),
        (r"\bquantif", 2),
        (r"\bgive me a number\b", 3),
        (r"\bwhat('s| is) it worth\b", 3),
        (r"\bcan(')?t justify\b", 1.5),
        (r"\bmeasur(e|able)\b", 1),
    ],
    "too-expensive": [
        (r"\b(can(')?t|cannot) afford\b", 3),
        (r"\btoo (expensive|costly|much money|big|long)\b", 3),
        (r"\b(no|zero) budget\b", 3),
        (r"\bbudget (is )?(frozen|freeze|cuts?)\b", 3),
        (r"\bmargins?\b", 2),
        (r"\bcost[- ]cutting\b", 2.5),
        (r"\brecession\b", 2),
        (r"\bheadcount freeze\b", 2.5),
        (r"\bcosts? (us )?too much\b", 3),
        (r"\bwhile (money|cash) is tight\b", 3),
        (r"\bexpensive\b", 2),
        (r"\bspend\b", 1),
        (r"\banother programme\b", 1.5),
    ],
    "other-priorities": [
        (r"\bnot now\b", 3),
        (r"\bnext (year|quarter)\b", 2),
        (
            r"\b(bigger|other|more important)"
            r" priorit",
            3,
        ),
        (r"\b(merger|acquisition|integration|transformation|launch|erp|migration)\b", 1.5),
        (r"\b(agenda|bandwidth) is full\b", 3),
        (r"\bbandwidth\b", 2),
        (r"\bfocus (on|is)\b", 1),
        (r"\bpark (this|it)\b", 2.5),
        (r"\bafter the\b", 1),
    ],
    "short-horizon": [
        (r"\bretir(e|ing|ement)\b", 4),
        (r"\bsuccessor\b", 3),
        (r"\bon my watch\b", 3),
        (r"\b(my|the) (tenure|bonus)\b", 2.5),
        (r"\bexit\b", 1.5),
        (
            r"\bquarterly (numbers|results|"
            r"targets)\b",
            2.5,
        ),
        (r"\bi won'?t be (here|around)\b", 4),
        (r"\bin (two|three|\d) years\b", 1.5),
        (r"\b(private equity|pe owners?|investors)\b", 1.5),
        (r"\blong[- ]term\b", 1),
    ],
    "soft-touchy-feely": [
        (r"\btouchy[- ]feely\b", 4),
        (r"\bfluff(y)?\b", 3),
        (r"\bfad\b", 3),
        (r"\bflavou?r of the (month|moment)\b", 3),
        (r"\bhug(s|ging)?\b", 2),
        (r"\bkumbaya\b", 3),
        (r"\bsoft (stuff|skills|topic)\b", 2.5),
        (r"\bhooey\b", 3),
        (r"\bmumbo[- ]jumbo\b", 3),
        (r"\bfeelings\b", 2),
        (r"\bnot (a )?business\b", 2),
        (r"\bleave (it|emotions) at the door\b", 3),
        (r"\bwoke\b", 2),
    ],
    "individual-responsibility": [
        (r"\btoughen up\b", 4),
        (r"\bresilien(t|ce)\b", 3),
        (r"\bsnowflakes?\b", 3),
        (r"\bgrit\b", 2.5),
        (r"\b(their|your) own (problem|responsibility|business)\b", 3),
        (r"\bprivate li(fe|ves)\b", 2.5),
        (r"\bthat'?s what (they'?re|we'?re) paid for\b", 3),
        (r"\bwhen i (started|was)\b", 1.5),
        (r"\bcope\b", 2),
        (r"\bman up\b", 3),
        (r"\bhandle (the )?pressure\b", 2.5),
        (r"\bpersonal (issue|matter)\b", 2),
    ],
    "performance-will-drop": [
        (r"\b(lower|drop|slip)s? (our )?standards\b", 3),
        (r"\bstandards (will )?(slip|drop|fall)\b", 3),
        (r"\bsoft on\b", 2),
        (r"\bmake (us|people|them) soft\b", 3),
        (r"\baccountab", 2),
        (r"\bunderperform", 2.5),
        (r"\bcoddl", 3),
        (r"\bslack(ers|ing)? off\b", 2.5),
        (r"\bpressure (is what )?(drives|gets) results\b", 3),
        (r"\boutput (will )?(drop|fall)\b", 3),
        (r"\bproductivity (will )?(drop|fall|suffer)\b", 2),
    ],
    "control-rto": [
        (r"\b(back (in|to) the office|return to (the )?office|rto)\b", 4),
        (r"\b(see|watch) (them|people|my (team|people|planners|staff))\b", 2.5),
        (r"\bwhere i can see\b", 4),
        (r"\bremote (work|working|days)?\b", 2),
        (r"\bwork(ing)? from home\b", 2.5),
        (r"\bwfh\b", 2.5),
        (r"\bin the office\b", 2),
        (r"\bpresence\b", 2),
        (r"\bmonitor", 2),
        (r"\bhybrid\b", 2),
        (r"\bbums on seats\b", 3),
        (r"\bwatercooler\b", 2),
        (r"\bcollaboration\b", 1),
    ],
    "hr-job-not-mine": [
        (
            r"\b(that'?s|it'?s|this is) (an? )?(hr|people team|personnel)'?s? (job|thing|problem|"
            r"remit|issue)\b",
            4,
        ),
        (r"\bask hr\b", 3),
        (r"\bhr should\b", 3),
        (r"\bnot my (job|remit|department)\b", 3),
        (r"\bhr\b", 1.5),
        (r"\bmy managers (don'?t|can'?t) have time\b", 2.5),
        (r"\bhand (it|this) (to|over)\b", 1.5),
        (r"\bpolicy\b", 1),
    ],
    "tried-before": [
        (r"\btried (this|that|it)( before)?\b", 4),
        (r"\b(we|they) did (this|that) (before|in)\b", 3),
        (r"\bdidn'?t (stick|work|last|land)\b", 3),
        (r"\bfizzled\b", 3),
        (r"\bsurvey(s|ed)?\b.*\b(nothing|no one|nobody)\b", 3),
        (r"\blast time\b", 2.5),
        (r"\binitiative fatigue\b", 3),
        (r"\bchange fatigue\b", 3),
        (r"\bagain\b", 1),
        (r"\bbeen there\b", 2.5),
        (r"\bran (the|an|a) .*(survey|programme|training)\b", 2),
        (r"\bstopped (filling|doing|using)\b", 2.5),
    ],
    "can-of-worms": [
        (r"\bcan of worms\b", 4),
        (r"\b(liabilit|litigat|lawsuits?|tribunal|claims?)\b", 2.5),
        (r"\bunions?\b", 2.5),
        (r"\bworks council\b", 2.5),
        (r"\b(gdpr|privacy|data protection)\b", 2.5),
        (r"\blegal\b", 2),
        (r"\bexpectations? we can'?t meet\b", 3),
        (r"\bgrievances?\b", 2),
        (r"\bopen(ing)? (the )?floodgates?\b", 3),
        (r"\bexposure\b", 2),
        (r"\bsue\b", 3),
    ],
    "none": [
        (r"^(ok|okay|sounds good|great|agreed|yes|fine by me|makes sense)\b", 3),
        (r"\bwho (will|would) own\b", 2.5),
        (r"\bwhat are the next steps\b", 3),
        (r"\bwhen (can|could|would) (we|you) start\b", 3),
        (r"\b(i'?m|we'?re) on board\b", 3),
        (r"\blet'?s do it\b", 3),
        (r"\bsend me the (plan|proposal|details)\b", 2.5),
        (r"\bhow long (will|would) (it|the pilot) take\b", 2),
    ],
}

_COMPILED = {slug: [(re.compile(p), w) for p, w in cues] for slug, cues in CUES.items()}
UNSURE_BELOW = 0.45


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for pattern, repl in _FOLD:
        text = re.sub(pattern, repl, text)
    return text.strip()


def classify_objection(text: str) -> Classification:
    """The best blocker for `text` with a softmax confidence over cue scores; `none` if no cue fires."""
    folded = fold(text)
    scores: dict[str, float] = {}
    fired: dict[str, list[str]] = {}
    for slug, cues in _COMPILED.items():
        for pattern, weight in cues:
            match = pattern.search(folded)
            if match:
                scores[slug] = scores.get(slug, 0.0) + weight
                fired.setdefault(slug, []).append(match.group(0).strip())
    if not scores:
        return Classification("none", 0.0, "classified", cues=())
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    # Temperature chosen so one strong cue against nothing reads as ~0.8 confident.
    total = sum(math.exp(s / 1.5) for s in scores.values()) + math.exp(1.0)
    best, best_score = ranked[0]
    confidence = math.exp(best_score / 1.5) / total
    second, second_conf = (None, 0.0)
    if len(ranked) > 1:
        second = ranked[1][0]
        second_conf = math.exp(ranked[1][1] / 1.5) / total
    return Classification(
        best, round(confidence, 3), "classified", second, round(second_conf, 3), tuple(fired[best])
    )
