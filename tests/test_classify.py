"""The classifier: Northwind's executives, accuracy on the held-out test file, and its behaviour."""

from __future__ import annotations

import collections
import json
import time

import pytest
import yaml

from deckgen.classify import UNSURE_BELOW, classify_objection, is_close, rank
from tests.conftest import NORTHWIND, ROOT, run

TRAIN = yaml.safe_load((ROOT / "tests/data/objections-train.yaml").read_text())
TEST = yaml.safe_load((ROOT / "tests/data/objections-test.yaml").read_text())
EXPECTED = {
    "Jordan Ellis": "too-expensive",
    "Priya Shah": "control-rto",
    "Martin Okafor": "short-horizon",
    "Helen Brandt": "tried-before",
    "Lars Nygaard": "evidence-skeptic",
    "Amara Osei": "can-of-worms",
}
EXECS = yaml.safe_load((NORTHWIND / "audience.yaml").read_text())["executives"]

# The issue's bar: top-1 >= 85%, primary within the top two >= 95%, none recall >= 80%.
# Measured once on the blind test file when it was written (round six, 138 phrasings, written after
# the model was frozen): top-1 92.0% (127), top-2 98.6% (136), none recall 10/10. The floors sit a
# little below, leaving room for floating-point differences between machines; raise them only with
# a new, unseen test file.
ISSUE_BAR = (0.85, 0.95, 0.80)
FLOORS = (0.90, 0.97, 0.90)  # top-1, top-2, none recall


def test_labelled_data_is_big_and_separate():
    texts_train = {d["text"] for d in TRAIN}
    texts_test = {d["text"] for d in TEST}
    assert not texts_train & texts_test, "never evaluate on phrasings the model trained on"
    every = TRAIN + TEST
    assert len(every) >= 300
    counts = collections.Counter(d["blocker"] for d in every)
    assert min(v for k, v in counts.items() if k != "none") >= 18
    assert counts["none"] >= 15
    assert sum(1 for d in every if d.get("secondary")) >= 20
    north = {e["said"] for e in EXECS}
    assert not north & texts_train, "Northwind's words stay out of training"


def test_accuracy_on_the_held_out_file(capsys):
    top1 = top2 = none_hits = none_total = 0
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    for d in TEST:
        ranked = [label for label, _ in rank(d["text"])]
        top1 += ranked[0] == d["blocker"]
        top2 += d["blocker"] in ranked[:2]
        if d["blocker"] == "none":
            none_total += 1
            none_hits += ranked[0] == "none"
        if ranked[0] != d["blocker"]:
            confusion[(d["blocker"], ranked[0])] += 1
    n = len(TEST)
    with capsys.disabled():
        print(
            f"\nclassifier on {n} held-out phrasings: top-1 {top1 / n:.1%}, "
            f"top-2 {top2 / n:.1%}, none recall {none_hits}/{none_total}"
        )
        for (truth, got), count in confusion.most_common(8):
            print(f"  {truth} -> {got}: {count}")
    measured = (top1 / n, top2 / n, none_hits / none_total)
    for value, floor, bar in zip(measured, FLOORS, ISSUE_BAR, strict=True):
        assert value >= max(floor, bar)


@pytest.mark.parametrize("entry", EXECS, ids=[e["name"] for e in EXECS])
def test_northwind_blockers(entry):
    result = classify_objection(entry["said"])
    assert result.blocker == EXPECTED[entry["name"]]
    assert result.confidence >= UNSURE_BELOW
    assert result.cues, "the cues that decided it are reported"


def test_deterministic_and_fast_enough_to_not_notice():
    text = "We can't justify another programme while margins are this thin."
    first = classify_objection(text)
    started = time.perf_counter()
    again = [classify_objection(text) for _ in range(5)]
    assert all(r == first for r in again)
    assert time.perf_counter() - started < 5  # a sanity bound, not a benchmark (see make bench)


@pytest.mark.parametrize(
    ("text", "blocker"),
    [
        ("We already have an EAP program and counseling for that.", "already-have-programme"),
        ("We alredy have an EAP and a meditaton app for that.", "already-have-programme"),
        (
            "Oh brilliant, another wellbeing initiative. That worked so well the last three times.",
            "tried-before",
        ),
    ],
    ids=["american-spelling", "typos", "sarcasm"],
)
def test_spelling_typos_and_sarcasm(text, blocker):
    assert classify_objection(text).blocker == blocker


def test_presence_beats_performance_as_the_decision_rules_say():
    # blockers.md section 5: remote work or presence is control-rto even when output is mentioned.
    result = classify_objection("Remote days are where accountability goes to die.")
    assert result.blocker == "control-rto"
    assert result.secondary == "performance-will-drop"
    ranked = [label for label, _ in rank("Accountability has slipped and targets are missed.")]
    assert ranked[0] == "performance-will-drop", "no presence cue, no swap"


def test_says_when_unsure():
    result = classify_objection("Je ne crois pas vos études, montrez-moi des données.")
    assert result.confidence < UNSURE_BELOW


def test_clear_second_concern_is_close():
    result = classify_objection(
        "There is no budget for this, and the works council would use the results against us."
    )
    assert result.blocker == "too-expensive"
    assert result.secondary == "can-of-worms"
    assert is_close(result)


def test_single_concern_is_not_close():
    result = classify_objection("I'm retiring in three years.")
    assert not is_close(result)


def test_agreement_is_none():
    assert (
        classify_objection("Sounds good. Who will own it and when can we start?").blocker == "none"
    )


def test_cli_human_output():
    result = run("classify", "I'm retiring in three years.")
    assert result.exit_code == 0
    assert "-> short-horizon (" in result.stdout
    assert "cues: retiring" in result.stdout
    # the training phrasing nearest in meaning, so a reader can judge the call
    example = result.stdout.split('closest example: "')[1].split('"')[0]
    assert example in {d["text"] for d in TRAIN if d["blocker"] == "short-horizon"}


def test_cli_file_json_non_ascii_and_long_lines(tmp_path):
    long_line = "We can't afford it. " + "Honestly the margins are thin and " * 4000 + "no."
    path = tmp_path / "lines.txt"
    path.write_text(
        f"Sounds good, who owns it?\n\n  \nNo podemos permitírnoslo ahora mismo.\n{long_line}\n",
        encoding="utf-8",
    )
    result = run("classify", "--file", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["text"][:10] for r in rows] == ["Sounds goo", "No podemos", "We can't a"]
    assert set(rows[0]) == {
        "text",
        "blocker",
        "confidence",
        "secondary",
        "secondary_confidence",
        "cues",
        "specifics",
    }
    assert rows[0]["blocker"] == "none"
    assert rows[2]["blocker"] == "too-expensive"


def test_cli_errors(tmp_path):
    assert "give the objection as TEXT or --file PATH" in run("classify").stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    result = run("classify", "--file", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:1: expected UTF-8 text; save the file as UTF-8" in result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    assert "no objections found" in run("classify", "--file", str(empty)).stderr


def test_word_model_is_cached_and_a_damaged_cache_is_retrained(tmp_path, monkeypatch):
    from deckgen import classify
    from deckgen.resources import training_file

    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path))
    raw = training_file().read_bytes()
    examples = [(d["text"], d["blocker"], d.get("secondary")) for d in TRAIN]
    fresh = classify.cached_lexical_model(raw, examples)
    [stored] = (tmp_path / "classifier").glob("*.marshal")
    again = classify.cached_lexical_model(raw, examples)
    assert again == fresh  # read back from the cache, identical
    stored.write_bytes(b"\x00damaged")
    assert classify.cached_lexical_model(raw, examples) == fresh
    assert len(list((tmp_path / "classifier").glob("*.marshal"))) == 1


def test_the_word_model_is_keyed_by_every_module_of_the_classifier():
    """A change to any of the package's source files (or the cues) trains the word model afresh."""
    from pathlib import Path

    from deckgen.classify import shipped

    code = shipped._code()
    modules = sorted(Path(shipped.__file__).parent.glob("*.py"))
    assert {p.name for p in modules} >= {"__init__.py", "cues.py", "model.py", "shipped.py"}
    assert all(p.read_bytes() in code for p in modules)


def test_the_meaning_signal_takes_any_encoder():
    """A fake encoder (two dimensions: money words, office words) stands in for the real one."""
    import numpy as np

    from deckgen.classify import Meaning

    class Fake:
        def embed(self, text):
            v = np.array([text.count("money") + 0.1, text.count("office") + 0.1])
            return v / np.linalg.norm(v)

        def embed_many(self, texts):
            return np.array([self.embed(t) for t in texts])

    meaning = Meaning.fit(
        ["money money", "more money", "office please", "the office"],
        ("too-expensive", "too-expensive", "control-rto", "control-rto"),
        Fake(),
    )
    scores = meaning.scores("we have no money")
    assert scores["too-expensive"] > scores["control-rto"]
    assert meaning.nearest("office desks", "control-rto") in ("office please", "the office")


def test_the_encoder_holds_blas_to_one_thread(monkeypatch):
    from deckgen import encoder

    seen = []

    class Controller:
        def limit(self, limits, user_api):
            seen.append((limits, user_api))
            import contextlib

            return contextlib.nullcontext()

    monkeypatch.setattr(encoder, "_one_thread", lambda: Controller())
    encoder.embed.cache_clear()
    encoder.embed("Is there a thread limit?")
    assert seen == [(1, "blas")]


def test_a_close_runner_up_is_no_second_concern_unless_clearly_expressed():
    """'You may also be asking: That's HR's thing' at 0.35 was a concern nobody raised."""
    from deckgen.classify import is_close
    from deckgen.models import Classification

    close = Classification("too-expensive", 0.55, "classified", "hr-job-not-mine", 0.35)
    assert not is_close(close)
    said = Classification("too-expensive", 0.55, "classified", "can-of-worms", 0.2, (), True)
    assert is_close(said)


def test_classify_json_lists_the_specifics_the_words_name():
    from tests.conftest import run

    result = run("classify", "What's the payback? Our overtime bill is already huge.", "--json")
    (row,) = json.loads(result.stdout)
    names = {s["specific"]: s["words"] for s in row["specifics"]}
    assert names == {"demand-number": "payback", "cost-line": "our overtime bill"}


def test_an_answer_is_remembered_by_its_words(tmp_path, monkeypatch):
    """A rebuild of the same words takes the answer from the cache, not the encoder; the same
    answer, field for field."""
    import deckgen.classify as classify
    from deckgen.resources import use_cache

    use_cache(tmp_path / "cache")
    words = "We tried flexible work and productivity dropped."
    first = classify.remembered_classification(words)
    assert first == classify.classify_objection(words)

    def refuse(text, model=None):
        raise AssertionError("classified again")

    monkeypatch.setattr(classify, "classify_objection", refuse)
    assert classify.remembered_classification(words) == first
    with pytest.raises(AssertionError):
        classify.remembered_classification(words + " Again.")
