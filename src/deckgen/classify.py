"""Map an executive's own words to a blocker, with a confidence and the cues that decided it.

Two explainable signals, combined: a hand-written cue lexicon (phrases that mark a blocker) and a
TF-IDF model trained at load time on the labelled phrasings shipped with deckgen, which scores each
blocker by its centroid, by its three nearest training phrasings and by how the opening clause
reads (the concern an executive leads with is the primary one). Deterministic, offline, no ML
dependencies.
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

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
        (r"\bain'?t broke\b|\bnothing to fix\b|\b(happy|tight) ship\b|\blow turnover\b", 3),
        (r"\bpeople (don'?t|rarely) leave\b|\blong tenure\b", 2.5),
        (r"\b(doing|are doing|we'?re doing) (great|well|fine|ok)\b|\ball good\b", 2.5),
        (r"\bnothing (structural|systemic|wrong)\b|\bno red flags\b|\bisn'?t broken\b", 3),
        (r"\bnot (in trouble|a company in trouble|broken)\b|\bi'?d know\b", 2.5),
        (r"\b(would|will) recommend us\b|\bstay with us\b|\bnumbers are fine\b", 2.5),
        (r"\bgrumbling\b|\bnormal everywhere\b", 2),
        (r"\bwe(')?re (fine|good|ok|okay|in (good|great|decent) shape)\b", 3),
        (r"\b(no(one|body)|no one) (has )?(complain|raised|come to me|walked)", 3),
        (r"\bno complaints\b", 3),
        (r"\bnot (a|an) (problem|issue) (here|for us)\b", 3),
        (
            r"\b(people|staff|everyone|my team|our people) (are|is|seem|seemed) "
            r"(happy|fine|content|good)",
            3,
        ),
        (r"\b(happy|healthy|great|good) (shop|organisation|place|culture|company)\b", 2),
        (r"\bscores? (are|is|look|prove|came back)", 2),
        (r"\bin (good|great|decent) (health|shape)", 2.5),
        (
            r"\b(don'?t|do not) (see|recognise|recognize) (an?|the|any)? ?(issue|problem|crisis|fire|"
            r"picture)",
            3,
        ),
        (r"\bsolution looking for a problem\b", 4),
        (r"\b(where'?s|where is) the (crisis|problem|fire)\b", 3),
        (r"\b(in line with|normal for) (the )?(sector|industry|market)", 2.5),
        (r"\blove working\b", 2.5),
        (r"\bdoor is (always )?open\b", 2.5),
        (r"\bwe don'?t need anything\b", 3),
        (r"\bmorale is (fine|good|high)\b", 3),
        (r"\bnot here\b", 1.5),
        (r"\bproblem we (simply )?don'?t have\b", 4),
        (
            r"\b(retention|absence|sickness|sick days|turnover|attrition|churn|engagement|satisfaction|"
            r"survey|pulse|scores?|figures|numbers|metrics|dashboards?|grievances|rating)\b.{0,40}"
            r"\b(low|lower|down|good|great|fine|glowing|positive|green|best|above|below|under|"
            r"record|speak for themselves|nothing alarming)\b",
            2.5,
        ),
        (r"\bnot one of them\b|\b(some )?other (company|firms?|companies|sectors?)\b", 2),
        (r"\b(cheerful|glowing|lovely place|satisfied|loyal)\b", 2),
    ],
    "already-have-programme": [
        (
            r"\balready in place\b|\bwe already do\b|\bexisting (offer|programme|support|scheme)\b",
            3,
        ),
        (r"\bwhat we (already )?have\b|\bcurrent offer\b", 2),
        (r"\b(platform|resources|offer|provision)\b.*\b(already|exists?|we pay for|give it)\b", 2),
        (r"\bwe pay for\b|\bgive (it|that) (a chance|time)\b|\bwell covered\b", 2.5),
        (r"\bapps?\b", 1.5),
        (r"\bcomms (push|campaign)\b|\bawareness\b", 2),
        (
            r"\b(already|we) (have|offer|provide|run|pay for|fund|rolled out|launched|do)\b.*"
            r"\b(eap|app|programme|first aid|wellness|wellbeing|yoga|meditation|counsel|gym|perks?|"
            r"benefits?|champions|hub|webinars)",
            4,
        ),
        (r"\b(eap|employee assistance)\b", 3),
        (r"\b(headspace|calm|unmind)\b", 2.5),
        (r"\b(mindfulness|yoga|massage|gym|fruit|first aiders?|first aid)\b", 2),
        (r"\bgot (that|it) covered\b", 3),
        (r"\bperks?\b", 2),
        (r"\bbenefits? package\b", 2.5),
        (r"\bwellness (budget|days?|programme)\b", 2.5),
        (
            r"\bwellbeing (hub|week|budget|days?|"
            r"programme)\b",
            2,
        ),
        (r"\b(counsell?ing|counsell?or)\b", 2),
        (
            r"\b(use|uptake of|promote) (it|them|what we "
            r"offer|the existing)",
            2,
        ),
        (r"\bthe support is (all )?there\b", 3),
        (r"\bbox ticked\b", 2),
        (r"\bisn'?t (that|this) (enough|what)\b", 1.5),
        (r"\bduplicat", 2),
    ],
    "evidence-skeptic": [
        (r"\b(stats|statistics)\b|\bbias(ed)?\b|\bsample size\b|\bsmall sample\b", 2),
        (r"\bgenerali[sz]e\b|\bacademic\b|\bivory tower\b|\breal world\b|\bin theory\b", 2),
        (r"\bsceptic|\bskeptic|\bdoubt\b|\bquestionable\b|\bmethodology\b|\bhard evidence\b", 2.5),
        (r"\bcherry[- ]?picked\b|\bflimsy\b|\bself-reported\b|\bmarketing\b", 2.5),
        (r"\b(heard|seen) (all )?the claims\b|\bdemonstrated\b|\brandomi[sz]ed\b", 2.5),
        (r"\bshow me (the )?(data|evidence|proof|a study|studies)\b", 3),
        (r"\bi (still )?don'?t buy (it|that)\b", 3),
        (r"\bcorrelation", 2.5),
        (r"\bcausa(l|tion)\b", 2.5),
        (
            r"\b(stud(y|ies|ys)|research|survey(s)?|report|white "
            r"paper)\b",
            1.5,
        ),
        (r"\b(sponsored|vendor|who paid|funded by|selling)\b", 2),
        (r"\bbelieve (it|a word)\b", 2.5),
        (r"\b(not|un) ?(convinced|persuaded)\b", 2.5),
        (r"\bconvince me\b", 2.5),
        (r"\bproof\b|\bprove\b", 2),
        (r"\b(doesn'?t|does not|won'?t) (apply|hold)\b", 2.5),
        (r"\bwe(')?re not google\b|\bisn'?t us\b|\bnot like us\b|\ba company like ours\b", 3),
        (r"\b(anecdot|pop psychology|junk science|glossy)", 2.5),
        (r"\bevidence\b", 1.5),
        (r"\b(control|comparison) group\b", 3),
        (r"\bpeer[- ]reviewed\b", 2.5),
        (r"\btrust (those|these|the|your) (surveys|studies|numbers|data)", 3),
        (r"\bdata\b", 1),
        (r"\bpredict", 1.5),
        (r"\b(selection bias|self-selected|association|modell?ed|representative|replicat\w*)", 2.5),
        (r"\b(which way|direction of) (does )?(the )?(arrow|causation|cause)", 3),
        (r"\b(proper|real|controlled) experiment\b|\bbefore-and-after\b|\bneutral\b", 2.5),
        (r"\b(questionnaires?|respondents|averages?)\b", 1.5),
    ],
    "no-roi": [
        (r"\bvalue for money\b|\bbang for (the|our) buck\b|\bcost[- ]benefit\b", 3),
        (r"\bsavings?\b|\bsave us\b|\bnumbers add up\b|\binvestment case\b|\bworth it\b", 2),
        (r"\bimpact on (revenue|margin|profit|the business)\b|\bmetrics\b", 2),
        (r"\bfinancial (upside|case|return)\b|\boperating profit\b|\binvestment committee\b", 3),
        (r"\bput a number on\b|\bcost against benefit\b|\bwhat we get back\b", 3),
        (r"\bupside\b|\bprofit\b", 1.5),
        (r"\b(roi|payback|pay ?back|return on (investment|it))\b", 3),
        (r"\b(the|a) return\b", 2.5),
        (r"\bbusiness case\b", 3),
        (r"\bpay (for itself|off|back)\b", 3),
        (r"\bwhat (do|would) we get (back|for)\b", 3),
        (r"\b(p&l|p and l|bottom line|ebitda|margin impact)\b", 2.5),
        (r"\bquantif", 2.5),
        (r"\bgive me a number\b|\bin (hard )?numbers\b|\bmoney terms\b", 3),
        (r"\b(dollars|pounds|euros|pounds and pence)\b", 2.5),
        (r"\bwhat('s| is) it worth\b", 3),
        (r"\b(break[- ]even|net benefit)\b", 3),
        (r"\bearn its place\b", 3),
        (r"\bother investments?\b|\bper euro\b|\bper pound\b", 2),
        (r"\bballpark\b", 2),
        (r"\bmeasur(e|able|ed)\b", 1.5),
        (r"\bvalue\b", 1.5),
        (r"\bkpi\b", 1.5),
        (r"\bcan(')?t justify\b", 1),
        (r"\b(payoff|yield|outcomes, not activities)\b", 3),
        (r"\bwhat (do )?we get for\b|\bwhat changes in the (figures|numbers)\b", 3),
    ],
    "too-expensive": [
        (r"\bbelt[- ]tightening\b|\btighten our belts\b|\baustere|\blean year\b|\btight year\b", 3),
        (
            r"\bcost base\b|\boverheads\b|\bcan'?t fund\b|\bunfunded\b|\bmoney'?s tight\b|\btight "
            r"budget\b|\bbroke\b",
            3,
        ),
        (r"\bprice tag\b|\bsixty grand\b|\bpenny\b|\btrimming\b|\bcost line\b", 2.5),
        (r"\b(locked|frozen|closed)\b.*\bbudget|\bbudgets? (are|is) (locked|frozen|closed)\b", 3),
        (r"\bhad the money\b|\bfor half\b", 2.5),
        (r"\b(can(')?t|cannot) afford\b", 3.5),
        (r"\btoo (expensive|costly|pricey|much|big|long)\b", 3),
        (r"\bpricey\b|\bexpensive\b|\bcostly\b", 2.5),
        (r"\b(no|zero) (money|budget|cash)\b", 3.5),
        (r"\bbudget\b", 2),
        (r"\b(cost|costs)\b", 1.5),
        (r"\bcost[- ]cutting\b|\bcuts\b", 2.5),
        (r"\bmargins?\b", 2.5),
        (r"\brecession\b", 2.5),
        (r"\bredundanc", 2.5),
        (r"\bfreeze\b", 2.5),
        (r"\bspend(ing)?\b", 1.5),
        (r"\bfortune\b", 2.5),
        (r"\b(fees|facilitators|consultancy)\b", 1.5),
        (r"\bcash\b", 2),
        (r"\bcan(')?t spare\b", 2),
        (r"\b(smaller|cheaper) version\b|\ba tenth of the size\b", 3),
        (r"\bnothing left\b", 2.5),
        (r"\bevery (euro|pound|dollar) is spoken for\b", 3),
        (r"\banother programme\b", 1.5),
        (r"\bwhile margins\b", 1),
        (r"\b(eye-watering|skint|unaffordable|day rates|covenants)\b", 3),
        (r"\bsavings in every\b|\bfind [a-z0-9]+ (percent|%) savings\b", 3),
        (r"\b(huge|massive|big) (bill|undertaking|commitment)\b", 2.5),
        (r"\bcan'?t (stretch to|absorb)\b", 3),
    ],
    "other-priorities": [
        (r"\b(crazy |too )?busy\b|\bfirefighting\b|\byear-end\b|\bbudget season\b|\breorg\b", 2),
        (
            r"\bone thing at a time\b|\bplate is full\b|\btoo much on\b|\bcapacity\b|\boverloaded\b",
            2.5,
        ),
        (r"\b(on my plate|roadmap|not urgent|urgent|wait until|timing'?s wrong|derail)\b", 2.5),
        (r"\bnot a priority\b|\bask me after\b|\bmy head is in\b", 3),
        (r"\b(audit|tender|rebrand|automation|negotiations|go-?live|warehouse is live)\b", 1.5),
        (r"\bnot now\b|\bwrong time\b|\bnot this (year|quarter)\b", 3.5),
        (r"\b(next|this) (year|quarter)\b", 1.5),
        (r"\bq[1-4]\b", 2),
        (r"\b(more important|bigger|other|top) (priorit|things|fish)", 3),
        (r"\bpriorit", 2),
        (
            r"\b(merger|acquisition|integration|transformation|launch|erp|migration|restructur|"
            r"cut-?over|strategy refresh|peak season|renewals|new sites?)\b",
            2,
        ),
        (r"\b(bandwidth|attention|distract)", 2.5),
        (r"\bagenda (is|for the next)\b", 2),
        (r"\bfocus\b", 1.5),
        (r"\bpark (this|it)\b", 3),
        (r"\b(revisit|later|maybe later)\b", 2),
        (r"\bafter the\b|\bonce the\b", 1.5),
        (r"\bon the list\b|\btop three\b", 2.5),
        (r"\beating (all )?our time\b|\ball hands\b", 2.5),
        (r"\bcome first\b|\bcomes first\b", 2),
        (r"\b(come back to|ask me again|bring it back|another time|raise it again)\b", 2.5),
        (
            r"\b(so many|another|a fourth|a third) (projects?|initiatives?|workstreams?)\b.{0,30}"
            r"\b(at once|this year|now|limit)",
            2.5,
        ),
        (r"\b(swamped|consumed by|at the limit|flat out|no headspace|not top of)\b", 2.5),
        (
            r"\b(once|until|after) (the|our|this) ([a-z]+ ){0,3}(move|launch|migration|inspection|"
            r"peak|period|merger|review|rollout|restructur\w*|reorgani[sz]ation|integration|"
            r"switchover|opening)",
            2.5,
        ),
    ],
    "short-horizon": [
        (r"\bmy time here\b|\bfinal year\b|\bhand ?over\b|\blame duck\b|\bfew years left\b", 3),
        (r"\bend of my (term|tenure)\b|\bwhen i go\b|\bmy notice\b", 3),
        (r"\bstepping down\b|\bnext leadership team\b|\bnot playing it\b|\blong game\b", 3),
        (r"\bthree-year hold\b|\bhold period\b|\bwhen i leave\b|\bmuch longer\b", 2.5),
        (r"\bretir(e|ing|ement)\b", 4),
        (r"\bsuccessor\b", 3.5),
        (r"\bon my watch\b", 3.5),
        (r"\b(after|when) i(')?(ve| have)? (gone|left|leave)\b", 3.5),
        (r"\b(whoever|the person who) (comes after|replaces) me\b|\bnext ceo\b", 3.5),
        (r"\b(my|the) (tenure|bonus|contract)\b", 2.5),
        (r"\b(leaving|out the door) in\b", 3),
        (r"\bgolf course\b", 3),
        (
            r"\b(exit|being sold|the sale|the buyer|private equity|pe guys|"
            r"owners plan)\b",
            2.5,
        ),
        (r"\binvestors?\b", 2),
        (r"\bquarter(ly)? (by quarter|guidance|numbers|results|targets)\b", 2.5),
        (r"\bmy targets\b", 2),
        (r"\b(multi|five|three)[- ]year\b|\byear three\b", 2),
        (r"\bstage of my career\b|\bnot my fight\b|\blegacy\b", 2.5),
        (r"\bbefore (then|the sale)\b|\binside that window\b", 2),
        (r"\blong[- ]term\b", 1.5),
        (r"\b(won'?t|will not|never) (be (here|around)|sit under|see (it|the))\b", 3),
        (r"\b(long gone|new owners|next management team|next person|budget cycle left)\b", 3),
        (r"\b(my|the) (term|mandate)\b.{0,30}\b(ends?|two-year|three-year|turnaround)\b", 3),
        (r"\bget (the )?credit\b|\bwins this (financial )?year\b", 2.5),
    ],
    "soft-touchy-feely": [
        (r"\bnamby[- ]pamby\b|\bholding hands\b|\bcampfire\b|\btrust falls?\b|\bbean ?bags?\b", 3),
        (r"\bvibes\b|\bwaffle\b|\bhr[- ]speak\b|\bjargon\b|\bpseudo|\bnonsense\b|\bwoke\b", 2.5),
        (r"\bbuzzword\b|\bwarm and cuddly\b|\bcuddly\b|\bretreat\b|\btalking stick\b", 3),
        (r"\bcircle of chairs\b|\bhappy[- ]clappy\b|\bairy[- ]fairy\b|\bwishy[- ]washy\b", 3),
        (r"\bnew age\b|\bhippie\b|\beye-?rolling\b|\bemotional stuff\b", 2.5),
        (r"\btouchy[- ]?feely\b", 4),
        (r"\bfluff(y)?\b", 3.5),
        (r"\bfad\b", 3.5),
        (r"\bflavou?r of the (month|moment)\b", 3.5),
        (r"\bhug(s|ging)?\b", 2.5),
        (r"\bkumbaya\b|\bhooey\b|\bmumbo[- ]jumbo\b|\bself-help\b", 3.5),
        (r"\bsoft stuff\b", 3),
        (r"\bfeelings?\b", 2.5),
        (r"\bemotions?\b", 2.5),
        (r"\bnot (a )?business\b|\bsomething real\b|\btherapy\b", 2.5),
        (r"\b(leave|belong) .{0,20}(at the door|at home)\b", 3),
        (r"\bicebreakers?\b", 2.5),
        (r"\bnice[- ]sounding\b|\bnice words\b", 2),
        (r"\bhow people feel\b", 2.5),
        (r"\bworkshops?\b", 1),
        (r"\b(we'?re|we are|this is) an? [a-z]+ (company|business|firm|organisation),? not\b", 3),
        (r"\bnot (running )?an? (spa|support group|counselling service|charity|therapy)", 3),
        (r"\b(trendy|craze|fashionable|buzz|sentimental|woolly|airy|vague|theatre)\b", 2.5),
        (r"\b(safe spaces?|holding space|vulnerability|authenticity|wellness journey)\b", 2.5),
    ],
    "individual-responsibility": [
        (
            r"\bpersonal responsibility\b|\blook after themselves\b|\bself[- ]care\b|\bsuck it up\b",
            3,
        ),
        (
            r"\bthick[- ]skin|\bfragile\b|\bweak\b|\bkids these days\b|\bgen z\b|\bmillennials\b",
            2.5,
        ),
        (r"\bpart of the job\b|\bcomes with the territory\b|\bit'?s called work\b", 3),
        (r"\bnobody held my hand\b|\bhold their hand\b|\bsigned up\b|\bknew that when\b", 3),
        (r"\bstruggling at home\b|\bat home\b.*\bnot something the company\b|\bswitch off\b", 3),
        (r"\bcoping skills\b|\bdeal with it\b|\ba choice\b|\bgrown-ups\b", 2.5),
        (r"\btoughen up\b|\bman up\b|\bget on with it\b|\bgot on with it\b", 4),
        (r"\bresil+i[ae]n(t|ce)\b", 3),
        (r"\bsnowflakes?\b", 3.5),
        (r"\bgrit\b", 3),
        (r"\b(their|your) own (problem|responsibility|business|energy|health|stress)\b", 3),
        (r"\bprivate li(fe|ves)\b|\bpersonal (matter|issue|skill)\b", 3),
        (r"\b(can'?t|cannot) cope\b|\bcope\b|\bcoped\b", 2.5),
        (r"\badults\b", 2.5),
        (r"\b(not|aren'?t) cut out\b|\beasier jobs\b|\bisn'?t the job for them\b", 3.5),
        (r"\b(back in my day|when i started)\b", 3),
        (r"\bhandle (the )?pressure\b", 2.5),
        (r"\bmanage (themselves|their own)\b", 3),
        (r"\bask for (it|help)\b", 1.5),
        (r"\bnobody forced\b|\bnot the company'?s (job|problem)\b|\bthat'?s the deal\b", 3),
        (r"\btake their holiday\b", 2.5),
        (r"\blife skill\b", 2.5),
        (r"\b(outside (work|working hours)|home life|how (they|people) live)\b", 2.5),
        (
            r"\b(the )?(pay|salary|money|package)\b.{0,30}\b(reflects|compensat\w*|comes with|for)\b.{0,20}"
            r"\b(stress|pressure|hard)",
            3,
        ),
        (r"\b(compensate|paid|pay) (people |them )?(well )?for the (pressure|stress)\b", 3),
        (r"\b(babied|cotton wool|backbone|bargain|go to bed)\b", 3),
        (r"\b(know|knew) where the door is\b|\bknew (that|it) at the interview\b", 3),
        (r"\bnobody (gave|handed|babied) me\b", 3),
    ],
    "performance-will-drop": [
        (r"\bmollycoddl|\bnanny\b|\bentitle(d|ment)\b|\bholiday camp\b|\btough love\b", 3),
        (r"\bfoot off the (gas|pedal)\b|\blose our (bite|edge)\b|\bdiscipline\b|\brigou?r\b", 2.5),
        (r"\bresults\b|\btargets\b", 1),
        (r"\bgoing easy\b|\bgo easy\b|\bsoften\b|\brelax\b|\blazy\b|\bexcuse culture\b", 3),
        (r"\bkeep the pressure on\b|\bcompetitive edge\b|\bcompetition eats\b|\bmessed up\b", 3),
        (r"\bperformance second\b|\bowns? their targets\b|\bfeel comfortable\b", 3),
        (r"\bstandards\b", 2.5),
        (r"\b(lower|raise) the bar\b", 3),
        (r"\b(go|make|making) (us |people |them )?soft\b|\bsoft cultures?\b", 3),
        (r"\bcomplacen", 3),
        (r"\bcoddl", 3.5),
        (r"\baccountab", 2.5),
        (r"\bunderperform", 3),
        (r"\bslack(ers|ing)?( off)?\b", 2.5),
        (r"\bpush (themselves|hard)\b|\bstretch", 2.5),
        (r"\bfear\b", 1.5),
        (r"\bhungry competitors\b", 3),
        (r"\btoo safe\b|\bsafe spaces\b", 3),
        (
            r"\b(output|productivity|quality|performance|the numbers) (will |would )?(drop|fall|"
            r"slip|suffer|go out)",
            3,
        ),
        (r"\bfall off a cliff\b", 2.5),
        (r"\bbeing nice\b|\blicen[cs]e to\b", 3),
        (r"\bcomfort\b", 2),
        (r"\bfire (underperformers|people)\b|\bhold .* accountable\b", 3),
        (r"\bedge\b", 1.5),
        (r"\b(coast|mediocrity|slower|held to account|permission to)\b", 3),
        (r"\b(less|lower) pressure\b|\bfewer results\b|\bnumbers (fall|drop|slip)\b", 3),
    ],
    "control-rto": [
        (r"\bface ?time\b|\bvisib(le|ility)\b|\bbeing seen\b|\bosmosis\b|\bserendipity\b", 2.5),
        (r"\b(corridor|canteen|headquarters|hq|desk|desks)\b", 2),
        (r"\bat their desks\b|\bbadge[- ]in\b|\bon-site business\b|\bwebcam\b", 3),
        (r"\bflexibility\b|\bmonday to friday\b|\bnetflix\b|\blogins\b", 2),
        (r"\b(back (in|to|on)|return to) (the )?(office|site|building)\b|\brto\b", 4),
        (r"\b(in the|on) (office|site)\b|\bin the building\b|\bin person\b", 2.5),
        (
            r"\b(see|watch) (them|people|you|my (team|people|planners|staff))\b|\bwhere i can see\b",
            3,
        ),
        (r"\bremote(ly)?\b|\bwfh\b|\bwork(ing)? from home\b|\bat home\b", 2.5),
        (r"\bhybrid\b", 2.5),
        (r"\b(monitor|track(ing)? logins|keystrokes)", 3),
        (r"\b(zoom|teams)\b", 1.5),
        (r"\bpresence\b", 2.5),
        (r"\bbums on seats\b", 4),
        (r"\b(coffee machine|watercooler|sitting next to)\b", 2.5),
        (r"\bfive days\b|\bthree days in\b|\bmandate\b", 2.5),
        (r"\boffice\b", 1.5),
        (r"\bnever see\b|\bcan'?t see\b", 2.5),
        (r"\btrust is earned\b", 3),
    ],
    "hr-job-not-mine": [
        (r"\bhrbp\b|\btalent team\b|\bwellbeing lead\b|\bhr (initiative|programme|idea)\b", 3),
        (r"\boperational matter\b|\bnot for the board\b|\bdelegate\b", 2),
        (r"\bpeople director\b|\bhr business partners?\b|\bsocial workers\b|\brubber-stamp\b", 3),
        (r"\bend to end\b|\bmy (team|supervisors|managers) (delivers?|are)\b", 1.5),
        (
            r"\b(that'?s|it'?s|this is|isn'?t this) (an? )?(hr|people team|personnel)'?s? (job|thing|"
            r"problem|remit|issue|matter|project)",
            4,
        ),
        (r"\bhr\b", 2.5),
        (
            r"\b(people team|personnel|chro|human resources|hr department|l&d|learning and "
            r"development)\b",
            2.5,
        ),
        (r"\bpolicy\b", 1.5),
        (r"\bnot my (job|remit|department|area)\b|\bmy job is (operations|ops)\b", 3),
        (r"\b(therapists|counselling to do)\b", 3),
        (r"\bbelongs (to|with)\b|\bown(s)? it\b", 2),
        (r"\bexternal provider\b|\bsupport from a distance\b", 2.5),
        (r"\bi run the business\b|\bi'?m here for the numbers\b", 3),
        (r"\bexec(utive)? (agenda|matter)\b", 2),
        (r"\bhead of people\b|\bkeep it off my desk\b|\bnot in my objectives\b", 3),
        (r"\b(why is|why should) (finance|the cfo'?s? office|operations|the exec\w*)\b", 3),
        (
            r"\b(exec|executive|board|finance)\b.{0,25}\b(shouldn'?t|should not|being asked to own)\b",
            2.5,
        ),
    ],
    "tried-before": [
        (r"\b(lost|ran out of) steam\b|\bpetered out\b|\bdied a death\b|\bgathering dust\b", 3.5),
        (r"\bhere we go again\b|\bsame old\b|\bgroundhog\b|\b(never|didn'?t) go anywhere\b", 3.5),
        (r"\byears ago\b|\battempted\b|\bgraveyard\b|\bon the shelf\b", 2.5),
        (r"\bbeen down this road\b|\bquietly dies\b|\brelaunch|\blasted about\b|\bdropped\b", 3),
        (r"\bstill joke about\b|\bfrom last year\b|\btoo many launches\b|\bnever sticks\b", 3),
        (r"\bwhere did that get us\b|\bsame idea as\b|\btwice already\b", 3),
        (r"\btried (this|that|it|the|something)\b", 4),
        (
            r"\b(did|done) (this|that|it|something)"
            r".{0,30}(before|ago|under)",
            3,
        ),
        (r"\b(didn'?t|did not) (stick|work|last|land)\b|\bfizzled\b|\bflop", 3.5),
        (r"\bwent nowhere\b|\bnothing (changed|happened)\b|\bfade(d|s)?\b|\bdisappear", 3),
        (r"\blast time\b|\bprevious\b|\bbefore\b|\bagain\b|\bonce\b", 1.5),
        (r"\binitiatives?\b|\bso many programmes\b", 2.5),
        (r"\b(initiative|change) fatigue\b|\bcynicism\b|\broll their eyes\b", 3),
        (r"\bbeen there\b|\bdeja vu\b|\bremember the\b|\bnobody (believes|remembers)\b", 3),
        (r"\blast (three|two|few) attempts\b|\bhad to (pull|stop|drop)\b", 3),
        (r"\bstopped (filling|doing|using|answering)\b", 3),
        (r"\broadshow\b", 2),
    ],
    "can-of-worms": [
        (r"\bregulator\b|\binspector\b|\bwhistleblow|\bcompliance\b|\bdata breach\b", 2.5),
        (
            r"\bconfidential|\banonymity\b|\bidentifiable\b|\bdiscrimination\b|\bemployment law\b",
            2.5,
        ),
        (r"\bpr disaster\b|\bheadlines\b|\bglassdoor\b|\bconstructive dismissal\b", 3),
        (r"\bdocumented our own\b|\bused against us\b|\bfield day\b|\bsensitive data\b", 3),
        (r"\bobliged to fix\b|\bnervous about what\b", 2.5),
        (r"\bcan of worms\b", 4),
        (r"\b(liabilit|liable|litigat|lawsuits?|tribunal)", 3),
        (r"\b(legal|lawyers?|counsel)\b", 2.5),
        (r"\bclaims?\b", 2.5),
        (r"\bsue\b", 3.5),
        (r"\bunions?\b|\bworks council\b", 3),
        (
            r"\b(gdpr|privacy|data protection|special "
            r"category|health data)\b",
            3,
        ),
        (r"\bexpectations?\b.*\b(can'?t|cannot) (meet|deliver)|\bpromising things\b", 3.5),
        (r"\bgrievances?\b", 2.5),
        (r"\bfloodgates?\b|\bexposure\b|\bweaponi[sz]e\b", 3),
        (r"\bpaper trail\b|\bin writing\b|\bon the hook\b|\bhold us to it\b", 3),
        (r"\bleak\b|\bthe press\b", 2.5),
        (r"\bmade them ill\b", 3),
        (r"\bwhat we don'?t know can'?t hurt\b", 4),
        (r"\b(media|journalists?|local paper|newspapers?)\b", 3),
        (r"\b(legally|defamation|on notice|on record)\b", 3),
        (r"\bnamed (managers?|supervisors?)\b|\breports? (their|a) manager\b", 3),
        (r"\bturn ugly\b|\bget out\b", 2),
    ],
    "none": [
        (r"\bgood idea\b|\bi like (it|this)\b|\bcount me in\b|\bbrilliant\b|\bhow can i help\b", 3),
        (
            r"\bwhat do you need\b|\bset up a (meeting|call)\b|\bbook (some )?time\b|\blet me know\b",
            2.5,
        ),
        (r"^(alright|fine|yes|i'?m in|sounds sensible)\b", 3),
        (r"\bkick off\b|\bkeep me posted\b", 3),
        (r"\bwho'?s accountable for\b|\bcirculate it\b|\bfirst month\b|\bwhich depot\b", 2.5),
        (r"^(ok|okay|sure|great|good|right|agreed|yes|fine by me|makes sense|sounds good)\b", 3),
        (r"\b(i'?m|we'?re) (on board|supportive)\b|\bhappy to (sponsor|support|help)\b", 3.5),
        (r"\bwho('?s| is| will| would)? (own|the owner)", 2.5),
        (r"\bnext steps?\b", 3),
        (r"\bwhen (can|could|would|do|is) (we|you|the)", 2.5),
        (r"\blet'?s do it\b|\bgo ahead\b", 3),
        (r"\bsend (me )?the (plan|proposal|detail)", 2.5),
        (r"\btimeline\b", 2),
        (r"\bhow (long|many)\b", 2),
        (r"\bfirst review\b|\bon the agenda\b", 2),
        (r"\bi'?ll support it\b|\bput a proposal\b", 3),
        (r"\?$", 0.5),
        (r"\b(i'?m convinced|you have my backing|that'?s persuasive|happy to champion)\b", 3.5),
        (r"\bi'?ll back it\b|\bschedule a (working )?session\b|\bhow should we communicate\b", 3),
    ],
}


@cache
def _compiled() -> dict[str, list[tuple[re.Pattern[str], float]]]:
    """The cue patterns, compiled on first use (a build with given blockers never needs them)."""
    return {slug: [(re.compile(p), w) for p, w in cues] for slug, cues in CUES.items()}


# Combination constants, chosen by 5-fold cross-validation on the training file only
# (tools/calibrate_classifier.py); the test file never informs them.
SIM_WEIGHT = 10.0
CUE_WEIGHT = 0.25
TEMPERATURE = 1.0
LEAD_BONUS = 0.5
UNSURE_BELOW = 0.6  # below this confidence the build warns and asks for an explicit blocker
CLOSE_RATIO = 0.5  # a runner-up at least this share of the winner is a real second concern
SECOND_CUE_MIN = 3.0  # cue score at which a second blocker counts as clearly expressed


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for pattern, repl in _FOLD:
        text = re.sub(pattern, repl, text)
    return text.strip()


def cue_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Summed cue weights per blocker, and the phrases that fired.

    The concern an executive leads with is the primary one (blockers.md section 5), so a cue
    counts up to LEAD_BONUS more the earlier it appears.
    """
    folded = fold(text)
    length = max(len(folded), 1)
    scores: dict[str, float] = {}
    fired: dict[str, list[str]] = {}
    for slug, cues in _compiled().items():
        for pattern, weight in cues:
            match = pattern.search(folded)
            if match:
                lead = 1 + LEAD_BONUS * (1 - match.start() / length)
                scores[slug] = scores.get(slug, 0.0) + weight * lead
                phrase = match.group(0).strip()
                fired.setdefault(slug, []).append(
                    phrase if len(phrase) <= 40 else phrase[:37] + "..."
                )
    return scores, fired


# ---------------------------------------------------------------------------------------------
# Learned part: TF-IDF over word and character n-grams, one centroid per blocker, trained at
# load time from the shipped labelled phrasings (deterministic: no randomness anywhere).

_WORD = re.compile(r"[a-z0-9&']+")
SECONDARY_WEIGHT = 0.5
NEIGHBOURS = 3  # how many of a label's closest training phrasings vote for it
NEIGHBOUR_WEIGHT = 1.0
LEAD_CLAUSE_WEIGHT = 0.5
MEANING_WEIGHT = 1.0  # the sentence encoder's say (deckgen/encoder.py)
CONCEPT_WEIGHT = 3.0  # a concept token counts like a word seen three times

# Word-level concepts: many words, one meaning. The centroids learn how concepts combine
# (money + return -> no-roi; money + afford -> too-expensive), which generalises beyond the
# exact phrasings in the training file.
CONCEPTS: dict[str, str] = {
    "money": r"money|cash|budgets?|fund(s|ing|ed)?|euros?|pounds?|dollars?|costs?|costing|costly|"
    r"price[sd]?|pricey|expensive|cheap\w*|afford\w*|spend\w*|spent|penny|pennies|grand|"
    r"fortune|fees?|thousand",
    "return": r"returns?|roi|payback|pay|pays|paid|profit\w*|margins?|worth|value|benefits?|upside|"
    r"gains?|hurdle|ebitda|p&l|savings?|save|quantif\w*|numbers?|business|case|invest\w*",
    "cuts": r"cut|cuts|cutting|freeze|frozen|recession|redundanc\w*|tight|lean|trim\w*|squeez\w*|"
    r"austerity|overspent|saving|thin",
    "later": r"now|later|wait\w*|next|year|quarter|q[1-4]|january|spring|summer|autumn|season|peak|"
    r"timing|after|until|revisit|roadmap|park",
    "busy": r"busy|bandwidth|capacity|plate|attention|focus\w*|priorit\w*|urgent|distract\w*|"
    r"stretched|overload\w*|agenda|energy",
    "project": r"migration|integration|merger|acquisition|launch\w*|restructur\w*|rollout|tenders?|"
    r"audit|erp|system|rebrand|negotiations?|electrification|transformation|renewals",
    "leaving": r"retir\w*|leav\w*|gone|successor|replaces?|exits?|sale|sold|buyer|handover|hand|"
    r"stepping|contract|career|tenure|watch|around|chair|legacy",
    "investors": r"investors?|owners?|fund|equity|shareholders?|quarterly",
    "feelings": r"feel\w*|emotions?|emotional\w*|touchy|feely|fluff\w*|hugs?|hugging|cuddly|warm|"
    r"sentimental|woolly|airy|vague|trendy|craze|fashionable|spa|theatre|caring|sharing|empathy|"
    r"vulnerab\w*|journey|wellness|fuzzy|"
    r"kumbaya|therapy|yoga|retreat|jargon|fashion\w*|fad|buzzword|hooey|nonsense|nice|"
    r"workshops?|happy-clappy|soft",
    "self": r"themselves|own|personal\w*|resilien\w*|cope|coped|coping|tough\w*|grit|adults?|"
    r"grown-ups|snowflakes?|weak|fragile|handle|sleep\w*|phones?|private|yourself|"
    r"weekends|premium",
    "standards": r"standards?|accountab\w*|perform\w*|underperform\w*|targets?|output|"
    r"productiv\w*|bar|expectations|comfortable|comfort|lazy|slack\w*|criticis\w*|"
    r"deadlines|edge|competit\w*|demanding|pressure|complacen\w*",
    "presence": r"office|site|desks?|building|remote\w*|home|wfh|hybrid|see|seen|sight|face|video|"
    r"zoom|teams|webcam|badge|commut\w*|person|walk|monitor\w*|mentor\w*|onsite",
    "hr": r"hr|personnel|chro|polic(y|ies)|department|committee|remit|people|l&d",
    "past": r"tried|before|last|previous\w*|again|ago|fizzled|flop\w*|faded|died|dropped|nowhere|"
    r"stick|sticks|relaunch\w*|remember|versions|cynical|cynicism|initiatives?|steam|"
    r"charter|consultant|2019|2020|2021|2022|2023",
    "legal": r"legal|lawyers?|liab\w*|claims?|sue|sued|suing|tribunal|unions?|council|gdpr|privacy|"
    r"protection|leaks?|headlines?|press|insurers?|record|documented|documenting|"
    r"exposure|risks?|obliged|sensitive",
    "evidence": r"stud(y|ies|ys)|research|data|evidence|proof|prove\w*|surveys?|correlation|"
    r"questionnaires?|respondents|samples?|bias\w*|association|modell?ed|experiments?|averages?|"
    r"replicat\w*|representative|polls?|trials?|journals?|academics?|"
    r"causal\w*|stats|statistics|reports?|papers?|vendors?|gallup|peer|sceptic\w*|"
    r"skeptic\w*|believe|convinc\w*|cherry|methodology|claims",
    "programme": r"eap|app|apps|headspace|calm|counsel\w*|gym|wellness|benefits?|perks?|"
    r"champions?|aid(ers)?|occupational|provider|offer|platform|subscription|scheme|"
    r"discount|existing",
    "fine": r"fine|happy|good|great|healthy|content|envy|below|average|handful|nobody|complain\w*|"
    r"cheerful|glowing|lovely|satisfied|loyal|award|green|smoothly|humming|low|lowest|"
    r"flagged|morale|shape|place|solid",
    "agree": r"ok|okay|yes|sure|agreed|approved?|support\w*|count|like|reasonable|sensible|"
    r"let's|lets|ahead|in|alright",
    "next": r"who|when|which|next|steps?|plan|review|start|lead|measures|owner|timeline|date|soon|"
    r"kick",
}


@cache
def _concept_res() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(rf"^({pattern})$") for name, pattern in CONCEPTS.items()}


@cache
def _word_features(word: str) -> tuple[tuple[str, float], ...]:
    """What one word contributes wherever it appears: itself, its concepts, its 3-4-grams."""
    items = [("w:" + word, 1.0)]
    items += [
        ("k:" + name, CONCEPT_WEIGHT) for name, rx in _concept_res().items() if rx.match(word)
    ]
    padded = f" {word} "
    items += [("c:" + padded[j : j + n], 1.0) for n in (3, 4) for j in range(len(padded) - n + 1)]
    return tuple(items)


def features(text: str) -> dict[str, float]:
    """Sublinear term frequencies of word uni/bigrams, concepts and in-word character 3-4-grams."""
    words = _WORD.findall(fold(text))
    counts: dict[str, float] = {}
    for i, word in enumerate(words):
        for key, value in _word_features(word):
            counts[key] = counts.get(key, 0) + value
        if i:
            key = f"b:{words[i - 1]} {word}"
            counts[key] = counts.get(key, 0) + 1
    return {k: 1 + math.log(v) for k, v in counts.items()}


def _normalise(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


# The concern an executive leads with is the primary one, so the first clause of a long turn
# gets a say of its own (LEAD_CLAUSE_WEIGHT) next to the whole text.
_CLAUSE = re.compile(r"[.;:!?]+\s|,\s*(?:and|but|so|plus)\s|\s(?:and|but|plus|also)\s|\s-\s|,\s")


def first_clause(text: str) -> str:
    """The opening clause of at least three words, or the whole text when there is only one."""
    parts = [part for part in _CLAUSE.split(text) if len(part.split()) >= 3]
    return parts[0] if parts else text


@dataclass(frozen=True)
class CentroidModel:
    """TF-IDF centroids per label, plus the training phrasings themselves for nearest neighbours."""

    idf: dict[str, float]
    centroids: dict[str, dict[str, float]]
    labels: tuple[str, ...] = ()  # the primary label of each training phrasing
    postings: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)
    meaning: Meaning | None = None  # sentence-encoder view of the same phrasings

    def vector(self, text: str) -> dict[str, float]:
        return _normalise({k: v * self.idf[k] for k, v in features(text).items() if k in self.idf})

    def similarities(self, vec: dict[str, float]) -> dict[str, float]:
        return {
            label: sum(w * centroid.get(k, 0.0) for k, w in vec.items())
            for label, centroid in self.centroids.items()
        }

    def neighbours(self, vec: dict[str, float]) -> dict[str, float]:
        """Per label, the mean cosine similarity of its NEIGHBOURS closest training phrasings."""
        dots = [0.0] * len(self.labels)
        for key, weight in vec.items():
            for index, value in self.postings.get(key, ()):
                dots[index] += weight * value
        per_label: dict[str, list[float]] = {}
        for label, dot in zip(self.labels, dots, strict=True):
            per_label.setdefault(label, []).append(dot)
        return {
            label: sum(sorted(values, reverse=True)[:NEIGHBOURS]) / NEIGHBOURS
            for label, values in per_label.items()
        }

    def scores(self, text: str, vec: dict[str, float] | None = None) -> dict[str, float]:
        """Similarity of `text` (whose `vector` may be passed in) to each label: centroid, nearest
        phrasings, leading clause and, with the sentence encoder, meaning."""
        vec = self.vector(text) if vec is None else vec
        sims = self.similarities(vec)
        near = self.neighbours(vec)
        lead = first_clause(text)
        lead_sims = self.similarities(self.vector(lead)) if lead != text else sims
        meant = self.meaning.scores(text) if self.meaning else {}
        return {
            label: sims[label]
            + NEIGHBOUR_WEIGHT * near.get(label, 0.0)
            + LEAD_CLAUSE_WEIGHT * lead_sims[label]
            + MEANING_WEIGHT * meant.get(label, 0.0)
            for label in sims
        }


@dataclass(frozen=True)
class Meaning:
    """The training phrasings as sentence-encoder vectors (rows of `matrix`), with their labels."""

    labels: tuple[str, ...]
    texts: tuple[str, ...]
    matrix: Any  # numpy array, one unit-length row per phrasing
    centroids: dict[str, Any]  # unit-length mean vector per label

    @staticmethod
    def fit(texts: list[str], labels: tuple[str, ...]) -> Meaning:
        import numpy as np

        from deckgen import encoder

        matrix = encoder.embed_many(texts)
        centroids = {}
        for label in sorted(set(labels)):
            mean = matrix[np.array([x == label for x in labels])].mean(0)
            centroids[label] = mean / (np.linalg.norm(mean) or 1.0)
        return Meaning(labels, tuple(texts), matrix, centroids)

    def scores(self, text: str) -> dict[str, float]:
        """Per label: cosine to its centroid plus the mean of its NEIGHBOURS closest phrasings."""
        from deckgen import encoder

        query = encoder.embed(text)
        sims = self.matrix @ query
        per_label: dict[str, list[float]] = {}
        for label, sim in zip(self.labels, sims.tolist(), strict=True):
            per_label.setdefault(label, []).append(sim)
        return {
            label: float(centroid @ query)
            + sum(sorted(per_label[label], reverse=True)[:NEIGHBOURS]) / NEIGHBOURS
            for label, centroid in self.centroids.items()
        }

    def nearest(self, text: str, label: str) -> str:
        """The training phrasing of `label` closest in meaning to `text` (shown as an example)."""
        from deckgen import encoder

        sims = (self.matrix @ encoder.embed(text)).tolist()
        best = max(
            (i for i, own in enumerate(self.labels) if own == label),
            key=sims.__getitem__,
            default=None,
        )
        return "" if best is None else self.texts[best]


def train(examples: list[tuple[str, str, str | None]], meaning: bool = True) -> CentroidModel:
    """Fit IDF weights, one L2-normalised centroid per label and an index of every phrasing;
    with `meaning`, also the sentence-encoder vectors of every phrasing."""
    docs = [features(text) for text, _, _ in examples]
    df: dict[str, int] = {}
    for doc in docs:
        for key in doc:
            df[key] = df.get(key, 0) + 1
    n = len(docs)
    idf = {k: math.log((1 + n) / (1 + d)) + 1 for k, d in df.items()}
    sums: dict[str, dict[str, float]] = {}
    postings: dict[str, list[tuple[int, float]]] = {}
    labels = tuple(label for _, label, _ in examples)
    for index, (doc, (_, label, secondary)) in enumerate(zip(docs, examples, strict=True)):
        vec = _normalise({k: v * idf[k] for k, v in doc.items()})
        for k, v in vec.items():
            postings.setdefault(k, []).append((index, v))
        for target, weight in ((label, 1.0), (secondary, SECONDARY_WEIGHT)):
            if target is None:
                continue
            acc = sums.setdefault(target, {})
            for k, v in vec.items():
                acc[k] = acc.get(k, 0.0) + weight * v
    return CentroidModel(
        idf,
        {label: _normalise(vec) for label, vec in sorted(sums.items())},
        labels,
        {k: tuple(v) for k, v in postings.items()},
        Meaning.fit([text for text, _, _ in examples], labels) if meaning else None,
    )


@cache
def default_model() -> CentroidModel:
    """The model trained on the shipped phrasings. The word part takes ~0.4 s to train, so it is
    kept in deckgen's cache folder, keyed by the training file and this module's code."""
    import dataclasses

    import yaml

    from deckgen.load.yamlfile import SAFE_LOADER
    from deckgen.resources import training_file

    raw = training_file().read_bytes()
    data = yaml.load(raw.decode("utf-8"), Loader=SAFE_LOADER)
    examples = [(d["text"], d["blocker"], d.get("secondary")) for d in data]
    lexical = _cached_lexical_model(raw, examples)
    meaning = Meaning.fit([text for text, _, _ in examples], lexical.labels)
    return dataclasses.replace(lexical, meaning=meaning)


def _cached_lexical_model(raw: bytes, examples: list[tuple[str, str, str | None]]) -> CentroidModel:
    """The word model from deckgen's cache folder (signed marshal data, see cachefiles.py), or
    trained and stored there; with caching off (--no-cache) it is trained and kept in memory."""
    import hashlib
    import marshal
    from pathlib import Path

    from deckgen.cachefiles import store as signed_store
    from deckgen.resources import cache_root

    key = hashlib.sha256(raw + Path(__file__).read_bytes()).hexdigest()[:24]
    root = cache_root()
    store = signed_store(root / "classifier", "classifier") if root is not None else None
    payload = store.get(key) if store is not None else None
    if payload is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            return CentroidModel(*marshal.loads(payload))
    model = train(examples, meaning=False)
    if store is not None:
        with contextlib.suppress(OSError):  # a read-only cache folder only costs training time
            for _, _, old in store.entries():
                store.delete(old)
            store.put(
                key, marshal.dumps((model.idf, model.centroids, model.labels, model.postings))
            )
    return model


def combine(sims: dict[str, float], cues: dict[str, float]) -> dict[str, float]:
    """Softmax over the weighted sum of centroid similarity and cue score."""
    z = {
        label: SIM_WEIGHT * sims.get(label, 0.0) + CUE_WEIGHT * cues.get(label, 0.0)
        for label in sorted(set(sims) | set(cues))
    }
    top = max(z.values())
    exp = {label: math.exp((v - top) / TEMPERATURE) for label, v in z.items()}
    total = sum(exp.values())
    return {label: v / total for label, v in exp.items()}


def _evidence_words(model: CentroidModel, vec: dict[str, float], label: str) -> list[str]:
    centroid = model.centroids.get(label, {})
    weights = [
        (w * centroid.get(k, 0.0), f"[{k[2:]}]" if k[0] == "k" else k[2:])
        for k, w in vec.items()
        if k[0] in "wbk"
    ]
    return [word for weight, word in sorted(weights, reverse=True)[:3] if weight > 0.01]


def apply_decision_rules(probs: dict[str, float], cues: dict[str, float]) -> dict[str, float]:
    """The labelling rules of blockers.md section 5 that the scores alone can get wrong.

    Talk of presence, remote work or monitoring is control-rto "even if output is mentioned": when
    the two lead and presence cues fired, control-rto comes first.
    """
    top = sorted(probs, key=lambda label: (-probs[label], label))[:2]
    if top == ["performance-will-drop", "control-rto"] and cues.get("control-rto", 0.0) > 0:
        probs = {**probs, top[0]: probs[top[1]], top[1]: probs[top[0]]}
    return probs


def probabilities(text: str, model: CentroidModel) -> dict[str, float]:
    cues = cue_scores(text)[0]
    return apply_decision_rules(combine(model.scores(text), cues), cues)


def rank(text: str, model: CentroidModel | None = None) -> list[tuple[str, float]]:
    """Every label with its probability, most likely first (ties by name)."""
    probs = probabilities(text, model or default_model())
    return sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))


def classify_objection(text: str, model: CentroidModel | None = None) -> Classification:
    """The best blocker for `text`, a confidence, the second concern and the deciding cues.

    The second concern is one with strong cues of its own (clearly expressed, per the decision
    rules), otherwise simply the runner-up.
    """
    model = model or default_model()
    if not text.strip():
        return Classification("none", 0.0, "classified")
    vec = model.vector(text)
    cues, fired = cue_scores(text)
    probs = apply_decision_rules(combine(model.scores(text, vec), cues), cues)
    ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))
    best, p1 = ranked[0]
    second, p2 = ranked[1]
    clear = sorted(
        ((v, k) for k, v in cues.items() if k not in (best, "none")), key=lambda t: (-t[0], t[1])
    )
    is_clear = best != "none" and bool(clear) and clear[0][0] >= SECOND_CUE_MIN
    if is_clear:
        second, p2 = clear[0][1], probs.get(clear[0][1], 0.0)
    explain = list(dict.fromkeys([*fired.get(best, []), *_evidence_words(model, vec, best)]))
    example = model.meaning.nearest(text, best) if model.meaning else ""
    return Classification(
        best,
        round(p1, 3),
        "classified",
        second,
        round(p2, 3),
        tuple(explain[:6]),
        is_clear,
        example,
    )


def is_close(result: Classification) -> bool:
    """True when the runner-up is a genuine second concern worth its own slide."""
    return (
        bool(result.secondary)
        and result.secondary != "none"
        and (
            result.secondary_clear or result.secondary_confidence >= CLOSE_RATIO * result.confidence
        )
    )
