"""Choose the classifier's combination constants by 5-fold cross-validation on the TRAINING file.

Prints the best constants; copy them into src/deckgen/classify/ (__init__.py and model.py). The
test file is never read here, so the accuracy the tests report stays an honest estimate.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import yaml

from deckgen import classify as c

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "tests/data/objections-train.yaml").read_text()
data = yaml.safe_load(TEXT)
examples = [(d["text"], d["blocker"], d.get("secondary")) for d in data]
# The cue lexicon was written and last extended with the earlier phrasings in view, so
# cross-validation scores only the phrasings added after it (the seventh batch on): an estimate
# close to unseen text. Move this marker forward whenever cues are added from newer phrasings.
MARKER = "# --- (seventh batch)"
FIRST_SCORED = len(yaml.safe_load(TEXT[: TEXT.index(MARKER)]))

# Per held-out phrasing: its label and the separate signals, so the grid below is cheap.
rows = []
for k in range(5):  # deterministic folds: every fifth example
    model = c.train([e for i, e in enumerate(examples) if i % 5 != k])
    for i, (text, label, _secondary) in enumerate(examples):
        if i % 5 == k and i >= FIRST_SCORED:
            vec = model.vector(text)
            lead = c.first_clause(text)
            rows.append(
                (
                    label,
                    model.similarities(vec),
                    model.neighbours(vec),
                    model.similarities(model.vector(lead)) if lead != text else None,
                    model.meaning.scores(text),
                    c.cue_scores(text)[0],
                )
            )


def score(
    sim_w: float, cue_w: float, near_w: float, lead_w: float, meaning_w: float
) -> tuple[int, int, float]:
    c.SIM_WEIGHT, c.CUE_WEIGHT = sim_w, cue_w
    hits = top2 = 0
    loglik = 0.0
    for label, sims, near, lead, meant, cues in rows:
        lead = lead or sims
        combined = {
            name: sims[name]
            + near_w * near.get(name, 0.0)
            + lead_w * lead[name]
            + meaning_w * meant.get(name, 0.0)
            for name in sims
        }
        probs = c.apply_decision_rules(c.combine(combined, cues), cues)
        ranked = sorted(probs, key=lambda name: (-probs[name], name))
        hits += ranked[0] == label
        top2 += label in ranked[:2]
        loglik += math.log(max(probs.get(label, 0.0), 1e-9))
    return hits, top2, loglik


grid = itertools.product(
    (10, 15, 20, 25), (0.25, 0.5, 0.75), (0.5, 1.0), (0, 0.5, 1.0), (0, 0.5, 1.0, 2.0)
)
best = max(grid, key=lambda weights: score(*weights))
hits, top2, _ = score(*best)
n = len(rows)
print(
    f"5-fold CV top-1 {hits / n:.1%} top-2 {top2 / n:.1%} (n={n}): SIM_WEIGHT={best[0]} "
    f"CUE_WEIGHT={best[1]} NEIGHBOUR_WEIGHT={best[2]} LEAD_CLAUSE_WEIGHT={best[3]} "
    f"MEANING_WEIGHT={best[4]}"
)
