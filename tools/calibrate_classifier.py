"""Choose the classifier's combination constants by leave-one-out on the TRAINING file only.

Prints accuracy for a grid of (SIM_WEIGHT, CUE_WEIGHT, TEMPERATURE); copy the best into classify.py.
The test file is never read here, so the accuracy the tests report stays an honest estimate.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from deckgen import classify as c

ROOT = Path(__file__).resolve().parent.parent
data = yaml.safe_load((ROOT / "tests/data/objections-train.yaml").read_text())
examples = [(d["text"], d["blocker"], d.get("secondary")) for d in data]

# Leave-one-out similarities: retrain without each example (cheap at this size).
loo = []
for i, (text, label, _) in enumerate(examples):
    model = c.train(examples[:i] + examples[i + 1 :])
    loo.append((model.similarities(model.vector(text)), c.cue_scores(text)[0], label))

best = None
for sim_w in (5, 9, 12, 16, 20, 30):
    for cue_w in (0.5, 1.0, 1.5, 2.0, 3.0, 4.0):
        for temp in (0.5, 1.0, 2.0):
            c.SIM_WEIGHT, c.CUE_WEIGHT, c.TEMPERATURE = sim_w, cue_w, temp
            hits, loglik = 0, 0.0
            for sims, cues, label in loo:
                probs = c.combine(sims, cues)
                hits += max(probs, key=probs.get) == label
                loglik += math.log(max(probs.get(label, 0), 1e-9))
            key = (hits, loglik)
            if best is None or key > best[0]:
                best = (key, sim_w, cue_w, temp)
(hits, loglik), sim_w, cue_w, temp = best
print(f"LOO top-1 {hits}/{len(loo)} = {hits / len(loo):.1%}, log-lik {loglik:.1f}: "
      f"SIM_WEIGHT={sim_w} CUE_WEIGHT={cue_w} TEMPERATURE={temp}")
