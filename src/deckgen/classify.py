"""Map an executive's own words to a blocker, with a confidence and the cues that decided it.

Two explainable signals, combined: a hand-written cue lexicon (phrases that mark a blocker) and a
TF-IDF centroid model trained at load time on the labelled phrasings shipped with deckgen.
Deterministic, offline, no ML dependencies.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

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

# (pattern, weight) per blocker, written from the "typical signals" of each card in
# ../shared/blockers.md. Patterns are matched against folded, lower-cased text.
CUES: dict[str, list[tuple[str, float]]] = {
    "no-problem-here": [
        (r"\bwe(')?re (fine|good|ok|okay|in (good|great|decent) shape)\b", 3),
        (r"\b(no(one|body)|no one) (has )?(complain|raised|come to me|walked)", 3),
        (r"\bno complaints\b", 3), (r"\bnot (a|an) (problem|issue) (here|for us)\b", 3),
        (r"\b(people|staff|everyone|my team|our people) (are|is|seem|seemed) "
         r"(happy|fine|content|good)", 3),
        (r"\b(happy|healthy|great|good) (shop|organisation|place|culture|company)\b", 2),
        (r"\bscores? (are|is|look|prove|came back)", 2), (r"\bin (good|great|decent) (health|shape)", 2.5),
        (r"\b(don'?t|do not) (see|recognise|recognize) (an?|the|any)? ?(issue|problem|crisis|fire|"
         r"picture)", 3), (r"\bsolution looking for a problem\b", 4),
        (r"\b(where'?s|where is) the (crisis|problem|fire)\b", 3),
        (r"\b(in line with|normal for) (the )?(sector|industry|market)", 2.5),
        (r"\blove working\b", 2.5), (r"\bdoor is (always )?open\b", 2.5),
        (r"\bwe don'?t need anything\b", 3), (r"\bmorale is (fine|good|high)\b", 3),
        (r"\bnot here\b", 1.5), (r"\bproblem we (simply )?don'?t have\b", 4),
    ],
    "already-have-programme": [
        (r"\b(already|we) (have|offer|provide|run|pay for|fund|rolled out|launched|do)\b.*"
         r"\b(eap|app|programme|first aid|wellness|wellbeing|yoga|meditation|counsel|gym|perks?|"
         r"benefits?|champions|hub|webinars)", 4),
        (r"\b(eap|employee assistance)\b", 3), (r"\b(headspace|calm|unmind)\b", 2.5),
        (r"\b(mindfulness|yoga|massage|gym|fruit|first aiders?|first aid)\b", 2),
        (r"\bgot (that|it) covered\b", 3), (r"\bperks?\b", 2), (r"\bbenefits? package\b", 2.5),
        (r"\bwellness (budget|days?|programme)\b", 2.5), (r"\bwellbeing (hub|week|budget|days?|"
                                                          r"programme)\b", 2),
        (r"\b(counsell?ing|counsell?or)\b", 2), (r"\b(use|uptake of|promote) (it|them|what we "
                                                 r"offer|the existing)", 2),
        (r"\bthe support is (all )?there\b", 3), (r"\bbox ticked\b", 2),
        (r"\bisn'?t (that|this) (enough|what)\b", 1.5), (r"\bduplicat", 2),
    ],
    "evidence-skeptic": [
        (r"\bshow me (the )?(data|evidence|proof|a study|studies)\b", 3),
        (r"\bi (still )?don'?t buy (it|that)\b", 3), (r"\bcorrelation", 2.5),
        (r"\bcausa(l|tion)\b", 2.5), (r"\b(stud(y|ies|ys)|research|survey(s)?|report|white "
                                       r"paper)\b", 1.5),
        (r"\b(sponsored|vendor|who paid|funded by|selling)\b", 2), (r"\bbelieve (it|a word)\b", 2.5),
        (r"\b(not|un) ?(convinced|persuaded)\b", 2.5), (r"\bconvince me\b", 2.5),
        (r"\bproof\b|\bprove\b", 2), (r"\b(doesn'?t|does not|won'?t) (apply|hold)\b", 2.5),
        (r"\bwe(')?re not google\b|\bisn'?t us\b|\bnot like us\b|\ba company like ours\b", 3),
        (r"\b(anecdot|pop psychology|junk science|glossy)", 2.5), (r"\bevidence\b", 1.5),
        (r"\b(control|comparison) group\b", 3), (r"\bpeer[- ]reviewed\b", 2.5),
        (r"\btrust (those|these|the|your) (surveys|studies|numbers|data)", 3),
        (r"\bdata\b", 1), (r"\bpredict", 1.5),
    ],
    "no-roi": [
        (r"\b(roi|payback|pay ?back|return on (investment|it))\b", 3),
        (r"\b(the|a) return\b", 2.5), (r"\bbusiness case\b", 3),
        (r"\bpay (for itself|off|back)\b", 3), (r"\bwhat (do|would) we get (back|for)\b", 3),
        (r"\b(p&l|p and l|bottom line|ebitda|margin impact)\b", 2.5), (r"\bquantif", 2.5),
        (r"\bgive me a number\b|\bin (hard )?numbers\b|\bmoney terms\b", 3),
        (r"\b(dollars|pounds|euros|pounds and pence)\b", 2.5), (r"\bwhat('s| is) it worth\b", 3),
        (r"\b(break[- ]even|net benefit)\b", 3), (r"\bearn its place\b", 3),
        (r"\bother investments?\b|\bper euro\b|\bper pound\b", 2), (r"\bballpark\b", 2),
        (r"\bmeasur(e|able|ed)\b", 1.5), (r"\bvalue\b", 1.5), (r"\bkpi\b", 1.5),
        (r"\bcan(')?t justify\b", 1),
    ],
    "too-expensive": [
        (r"\b(can(')?t|cannot) afford\b", 3.5), (r"\btoo (expensive|costly|pricey|much|big|long)\b", 3),
        (r"\bpricey\b|\bexpensive\b|\bcostly\b", 2.5), (r"\b(no|zero) (money|budget|cash)\b", 3.5),
        (r"\bbudget\b", 2), (r"\b(cost|costs)\b", 1.5), (r"\bcost[- ]cutting\b|\bcuts\b", 2.5),
        (r"\bmargins?\b", 2.5), (r"\brecession\b", 2.5), (r"\bredundanc", 2.5),
        (r"\bfreeze\b", 2.5), (r"\bspend(ing)?\b", 1.5), (r"\bfortune\b", 2.5),
        (r"\b(fees|facilitators|consultancy)\b", 1.5), (r"\bcash\b", 2),
        (r"\bcan(')?t spare\b", 2), (r"\b(smaller|cheaper) version\b|\ba tenth of the size\b", 3),
        (r"\bnothing left\b", 2.5), (r"\bevery (euro|pound|dollar) is spoken for\b", 3),
        (r"\banother programme\b", 1.5), (r"\bwhile margins\b", 1),
    ],
    "other-priorities": [
        (r"\bnot now\b|\bwrong time\b|\bnot this (year|quarter)\b", 3.5),
        (r"\b(next|this) (year|quarter)\b", 1.5), (r"\bq[1-4]\b", 2),
        (r"\b(more important|bigger|other|top) (priorit|things|fish)", 3), (r"\bpriorit", 2),
        (r"\b(merger|acquisition|integration|transformation|launch|erp|migration|restructur|"
         r"cut-?over|strategy refresh|peak season|renewals|new sites?)\b", 2),
        (r"\b(bandwidth|attention|distract)", 2.5), (r"\bagenda (is|for the next)\b", 2),
        (r"\bfocus\b", 1.5), (r"\bpark (this|it)\b", 3), (r"\b(revisit|later|maybe later)\b", 2),
        (r"\bafter the\b|\bonce the\b", 1.5), (r"\bon the list\b|\btop three\b", 2.5),
        (r"\beating (all )?our time\b|\ball hands\b", 2.5), (r"\bcome first\b|\bcomes first\b", 2),
    ],
    "short-horizon": [
        (r"\bretir(e|ing|ement)\b", 4), (r"\bsuccessor\b", 3.5), (r"\bon my watch\b", 3.5),
        (r"\b(after|when) i(')?(ve| have)? (gone|left|leave)\b", 3.5),
        (r"\b(whoever|the person who) (comes after|replaces) me\b|\bnext ceo\b", 3.5),
        (r"\b(my|the) (tenure|bonus|contract)\b", 2.5), (r"\b(leaving|out the door) in\b", 3),
        (r"\bgolf course\b", 3), (r"\b(exit|being sold|the sale|the buyer|private equity|pe guys|"
                                  r"owners plan)\b", 2.5),
        (r"\binvestors?\b", 2), (r"\bquarter(ly)? (by quarter|guidance|numbers|results|targets)\b",
                                 2.5),
        (r"\bmy targets\b", 2), (r"\b(multi|five|three)[- ]year\b|\byear three\b", 2),
        (r"\bstage of my career\b|\bnot my fight\b|\blegacy\b", 2.5),
        (r"\bbefore (then|the sale)\b|\binside that window\b", 2), (r"\blong[- ]term\b", 1.5),
    ],
    "soft-touchy-feely": [
        (r"\btouchy[- ]?feely\b", 4), (r"\bfluff(y)?\b", 3.5), (r"\bfad\b", 3.5),
        (r"\bflavou?r of the (month|moment)\b", 3.5), (r"\bhug(s|ging)?\b", 2.5),
        (r"\bkumbaya\b|\bhooey\b|\bmumbo[- ]jumbo\b|\bself-help\b", 3.5),
        (r"\bsoft stuff\b", 3), (r"\bfeelings?\b", 2.5), (r"\bemotions?\b", 2.5),
        (r"\bnot (a )?business\b|\bsomething real\b|\btherapy\b", 2.5),
        (r"\b(leave|belong) .{0,20}(at the door|at home)\b", 3), (r"\bicebreakers?\b", 2.5),
        (r"\bnice[- ]sounding\b|\bnice words\b", 2), (r"\bhow people feel\b", 2.5),
        (r"\bworkshops?\b", 1),
    ],
    "individual-responsibility": [
        (r"\btoughen up\b|\bman up\b|\bget on with it\b|\bgot on with it\b", 4),
        (r"\bresil+i[ae]n(t|ce)\b", 3), (r"\bsnowflakes?\b", 3.5), (r"\bgrit\b", 3),
        (r"\b(their|your) own (problem|responsibility|business|energy|health|stress)\b", 3),
        (r"\bprivate li(fe|ves)\b|\bpersonal (matter|issue|skill)\b", 3),
        (r"\b(can'?t|cannot) cope\b|\bcope\b|\bcoped\b", 2.5), (r"\badults\b", 2.5),
        (r"\b(not|aren'?t) cut out\b|\beasier jobs\b|\bisn'?t the job for them\b", 3.5),
        (r"\b(back in my day|when i started)\b", 3), (r"\bhandle (the )?pressure\b", 2.5),
        (r"\bmanage (themselves|their own)\b", 3), (r"\bask for (it|help)\b", 1.5),
        (r"\bnobody forced\b|\bnot the company'?s (job|problem)\b|\bthat'?s the deal\b", 3),
        (r"\btake their holiday\b", 2.5), (r"\blife skill\b", 2.5),
    ],
    "performance-will-drop": [
        (r"\bstandards\b", 2.5), (r"\b(lower|raise) the bar\b", 3),
        (r"\b(go|make|making) (us |people |them )?soft\b|\bsoft cultures?\b", 3),
        (r"\bcomplacen", 3), (r"\bcoddl", 3.5), (r"\baccountab", 2.5), (r"\bunderperform", 3),
        (r"\bslack(ers|ing)?( off)?\b", 2.5), (r"\bpush (themselves|hard)\b|\bstretch", 2.5),
        (r"\bfear\b", 1.5), (r"\bhungry competitors\b", 3), (r"\btoo safe\b|\bsafe spaces\b", 3),
        (r"\b(output|productivity|quality|performance|the numbers) (will |would )?(drop|fall|"
         r"slip|suffer|go out)", 3), (r"\bfall off a cliff\b", 2.5),
        (r"\bbeing nice\b|\blicen[cs]e to\b", 3), (r"\bcomfort\b", 2),
        (r"\bfire (underperformers|people)\b|\bhold .* accountable\b", 3), (r"\bedge\b", 1.5),
    ],
    "control-rto": [
        (r"\b(back (in|to|on)|return to) (the )?(office|site|building)\b|\brto\b", 4),
        (r"\b(in the|on) (office|site)\b|\bin the building\b|\bin person\b", 2.5),
        (r"\b(see|watch) (them|people|you|my (team|people|planners|staff))\b|\bwhere i can see\b",
         3), (r"\bremote(ly)?\b|\bwfh\b|\bwork(ing)? from home\b|\bat home\b", 2.5),
        (r"\bhybrid\b", 2.5), (r"\b(monitor|track(ing)? logins|keystrokes)", 3),
        (r"\b(zoom|teams)\b", 1.5), (r"\bpresence\b", 2.5), (r"\bbums on seats\b", 4),
        (r"\b(coffee machine|watercooler|sitting next to)\b", 2.5),
        (r"\bfive days\b|\bthree days in\b|\bmandate\b", 2.5), (r"\boffice\b", 1.5),
        (r"\bnever see\b|\bcan'?t see\b", 2.5), (r"\btrust is earned\b", 3),
    ],
    "hr-job-not-mine": [
        (r"\b(that'?s|it'?s|this is|isn'?t this) (an? )?(hr|people team|personnel)'?s? (job|thing|"
         r"problem|remit|issue|matter|project)", 4), (r"\bhr\b", 2.5),
        (r"\b(people team|personnel|chro|human resources|hr department|l&d|learning and "
         r"development)\b", 2.5), (r"\bpolicy\b", 1.5),
        (r"\bnot my (job|remit|department|area)\b|\bmy job is (operations|ops)\b", 3),
        (r"\b(therapists|counselling to do)\b", 3), (r"\bbelongs (to|with)\b|\bown(s)? it\b", 2),
        (r"\bexternal provider\b|\bsupport from a distance\b", 2.5),
        (r"\bi run the business\b|\bi'?m here for the numbers\b", 3),
        (r"\bexec(utive)? (agenda|matter)\b", 2),
    ],
    "tried-before": [
        (r"\btried (this|that|it|the|something)\b", 4), (r"\b(did|done) (this|that|it|something)"
                                                           r".{0,30}(before|ago|under)", 3),
        (r"\b(didn'?t|did not) (stick|work|last|land)\b|\bfizzled\b|\bflop", 3.5),
        (r"\bwent nowhere\b|\bnothing (changed|happened)\b|\bfade(d|s)?\b|\bdisappear", 3),
        (r"\blast time\b|\bprevious\b|\bbefore\b|\bagain\b|\bonce\b", 1.5),
        (r"\binitiatives?\b|\bso many programmes\b", 2.5),
        (r"\b(initiative|change) fatigue\b|\bcynicism\b|\broll their eyes\b", 3),
        (r"\bbeen there\b|\bdeja vu\b|\bremember the\b|\bnobody (believes|remembers)\b", 3),
        (r"\blast (three|two|few) attempts\b|\bhad to (pull|stop|drop)\b", 3),
        (r"\bstopped (filling|doing|using|answering)\b", 3), (r"\broadshow\b", 2),
    ],
    "can-of-worms": [
        (r"\bcan of worms\b", 4), (r"\b(liabilit|liable|litigat|lawsuits?|tribunal)", 3),
        (r"\b(legal|lawyers?|counsel)\b", 2.5), (r"\bclaims?\b", 2.5), (r"\bsue\b", 3.5),
        (r"\bunions?\b|\bworks council\b", 3), (r"\b(gdpr|privacy|data protection|special "
                                                 r"category|health data)\b", 3),
        (r"\bexpectations?\b.*\b(can'?t|cannot) (meet|deliver)|\bpromising things\b", 3.5),
        (r"\bgrievances?\b", 2.5), (r"\bfloodgates?\b|\bexposure\b|\bweaponi[sz]e\b", 3),
        (r"\bpaper trail\b|\bin writing\b|\bon the hook\b|\bhold us to it\b", 3),
        (r"\bleak\b|\bthe press\b", 2.5), (r"\bmade them ill\b", 3),
        (r"\bwhat we don'?t know can'?t hurt\b", 4),
    ],
    "none": [
        (r"^(ok|okay|sure|great|good|right|agreed|yes|fine by me|makes sense|sounds good)\b", 3),
        (r"\b(i'?m|we'?re) (on board|supportive)\b|\bhappy to (sponsor|support|help)\b", 3.5),
        (r"\bwho('?s| is| will| would)? (own|the owner)", 2.5), (r"\bnext steps?\b", 3),
        (r"\bwhen (can|could|would|do|is) (we|you|the)", 2.5), (r"\blet'?s do it\b|\bgo ahead\b", 3),
        (r"\bsend (me )?the (plan|proposal|detail)", 2.5), (r"\btimeline\b", 2),
        (r"\bhow (long|many)\b", 2), (r"\bfirst review\b|\bon the agenda\b", 2),
        (r"\bi'?ll support it\b|\bput a proposal\b", 3), (r"\?$", 0.5),
    ],
}

_COMPILED = {slug: [(re.compile(p), w) for p, w in cues] for slug, cues in CUES.items()}

# Combination constants, chosen by leave-one-out on the training file only
# (tools/calibrate_classifier.py); the test file never informs them.
SIM_WEIGHT = 12.0
CUE_WEIGHT = 1.0
TEMPERATURE = 0.5
UNSURE_BELOW = 0.45  # below this confidence the build warns and asks for an explicit blocker
CLOSE_RATIO = 0.5  # a runner-up at least this share of the winner is a real second concern


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for pattern, repl in _FOLD:
        text = re.sub(pattern, repl, text)
    return text.strip()


def cue_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Summed cue weights per blocker, and the phrases that fired."""
    folded = fold(text)
    scores: dict[str, float] = {}
    fired: dict[str, list[str]] = {}
    for slug, cues in _COMPILED.items():
        for pattern, weight in cues:
            match = pattern.search(folded)
            if match:
                scores[slug] = scores.get(slug, 0.0) + weight
                phrase = match.group(0).strip()
                fired.setdefault(slug, []).append(phrase if len(phrase) <= 40 else phrase[:37] + "...")
    return scores, fired


# ---------------------------------------------------------------------------------------------
# Learned part: TF-IDF over word and character n-grams, one centroid per blocker, trained at
# load time from the shipped labelled phrasings (deterministic: no randomness anywhere).

_WORD = re.compile(r"[a-z0-9']+")
SECONDARY_WEIGHT = 0.5  # a phrasing labelled with a secondary concern also teaches that class


def features(text: str) -> dict[str, float]:
    """Sublinear term frequencies of word uni/bigrams and in-word character 3-5-grams."""
    words = _WORD.findall(fold(text))
    counts: dict[str, float] = {}
    for i, word in enumerate(words):
        counts["w:" + word] = counts.get("w:" + word, 0) + 1
        if i:
            key = f"b:{words[i - 1]} {word}"
            counts[key] = counts.get(key, 0) + 1
        padded = f" {word} "
        for n in (3, 4, 5):
            for j in range(len(padded) - n + 1):
                key = "c:" + padded[j : j + n]
                counts[key] = counts.get(key, 0) + 1
    return {k: 1 + math.log(v) for k, v in counts.items()}


def _normalise(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


@dataclass(frozen=True)
class CentroidModel:
    idf: dict[str, float]
    centroids: dict[str, dict[str, float]]

    def vector(self, text: str) -> dict[str, float]:
        return _normalise({k: v * self.idf[k] for k, v in features(text).items() if k in self.idf})

    def similarities(self, vec: dict[str, float]) -> dict[str, float]:
        return {label: sum(w * centroid.get(k, 0.0) for k, w in vec.items())
                for label, centroid in self.centroids.items()}


def train(examples: list[tuple[str, str, str | None]]) -> CentroidModel:
    """Fit IDF weights and one L2-normalised centroid per label from (text, label, secondary)."""
    docs = [features(text) for text, _, _ in examples]
    df: dict[str, int] = {}
    for doc in docs:
        for key in doc:
            df[key] = df.get(key, 0) + 1
    n = len(docs)
    idf = {k: math.log((1 + n) / (1 + d)) + 1 for k, d in df.items()}
    sums: dict[str, dict[str, float]] = {}
    for doc, (_, label, secondary) in zip(docs, examples, strict=True):
        vec = _normalise({k: v * idf[k] for k, v in doc.items()})
        for target, weight in ((label, 1.0), (secondary, SECONDARY_WEIGHT)):
            if target is None:
                continue
            acc = sums.setdefault(target, {})
            for k, v in vec.items():
                acc[k] = acc.get(k, 0.0) + weight * v
    return CentroidModel(idf, {label: _normalise(vec) for label, vec in sorted(sums.items())})


@cache
def default_model() -> CentroidModel:
    import yaml

    from deckgen.resources import training_file

    data = yaml.safe_load(training_file().read_text(encoding="utf-8"))
    return train([(d["text"], d["blocker"], d.get("secondary")) for d in data])


def combine(sims: dict[str, float], cues: dict[str, float]) -> dict[str, float]:
    """Softmax over the weighted sum of centroid similarity and cue score."""
    z = {label: SIM_WEIGHT * sims.get(label, 0.0) + CUE_WEIGHT * cues.get(label, 0.0)
         for label in sorted(set(sims) | set(cues))}
    top = max(z.values())
    exp = {label: math.exp((v - top) / TEMPERATURE) for label, v in z.items()}
    total = sum(exp.values())
    return {label: v / total for label, v in exp.items()}


def _evidence_words(model: CentroidModel, vec: dict[str, float], label: str) -> list[str]:
    centroid = model.centroids.get(label, {})
    weights = [(w * centroid.get(k, 0.0), k[2:]) for k, w in vec.items() if k[0] in "wb"]
    return [word for weight, word in sorted(weights, reverse=True)[:3] if weight > 0.01]


def classify_objection(text: str, model: CentroidModel | None = None) -> Classification:
    """The best blocker for `text`, a calibrated confidence, the runner-up and the deciding cues."""
    model = model or default_model()
    if not text.strip():
        return Classification("none", 0.0, "classified")
    vec = model.vector(text)
    cues, fired = cue_scores(text)
    probs = combine(model.similarities(vec), cues)
    ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, p1), (second, p2) = ranked[0], ranked[1]
    explain = list(dict.fromkeys([*fired.get(best, []), *_evidence_words(model, vec, best)]))
    return Classification(best, round(p1, 3), "classified", second, round(p2, 3),
                          tuple(explain[:6]))


def is_close(result: Classification) -> bool:
    """True when the runner-up is a genuine second concern worth its own slide."""
    return bool(result.secondary) and result.secondary != "none" and (
        result.secondary_confidence >= CLOSE_RATIO * result.confidence
    )
