"""Choose the classifier's combination constants by 5-fold cross-validation on the TRAINING file.

Prints the best (SIM_WEIGHT, CUE_WEIGHT, TEMPERATURE); copy them into classify.py. The test file
is never read here, so the accuracy the tests report stays an honest estimate.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from deckgen import classify as c

ROOT = Path(__file__).resolve().parent.parent
data = yaml.safe_load((ROOT / "tests/data/objections-train.yaml").read_text())
examples = [(d["text"], d["blocker"], d.get("secondary")) for d in data]

folds = []
for k in range(5):  # deterministic folds: every fifth example
    train = [e for i, e in enumerate(examples) if i % 5 != k]
    model = c.train(train)
    for i, (text, label, _secondary) in enumerate(examples):
        if i % 5 == k:
            folds.append((model.similarities(model.vector(text)), c.cue_scores(text)[0], label))

best = None
for sim_w in (12, 16, 20, 25, 30, 40):
    for cue_w in (0.5, 0.75, 1.0, 1.5, 2.0):
        for temp in (0.5, 1.0):
            c.SIM_WEIGHT, c.CUE_WEIGHT, c.TEMPERATURE = sim_w, cue_w, temp
            hits = top2 = 0
            loglik = 0.0
            for sims, cues, label in folds:
                probs = c.combine(sims, cues)
                ranked = sorted(probs, key=lambda k: -probs[k])
                hits += ranked[0] == label
                top2 += label in ranked[:2]
                loglik += math.log(max(probs.get(label, 0), 1e-9))
            key = (hits, top2, loglik)
            if best is None or key > best[0]:
                best = (key, sim_w, cue_w, temp)
(hits, top2, loglik), sim_w, cue_w, temp = best
n = len(folds)
print(
    f"5-fold CV top-1 {hits / n:.1%} top-2 {top2 / n:.1%} (n={n}): "
    f"SIM_WEIGHT={sim_w} CUE_WEIGHT={cue_w} TEMPERATURE={temp}"
)
