"""`deckgen audience blocker|swap|reset` and audience.yaml `evidence: {use, avoid}` in builds."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import NORTHWIND, run

OLD, NEW = "emanuel-harrington-2020-payoffs-higher-pay", "moen-2017-star-turnover"


@pytest.fixture
def ws(tmp_path):
    folder = tmp_path / "nw"
    shutil.copytree(NORTHWIND, folder)
    return folder


def _deck(ws, tmp_path, name="Jordan Ellis"):
    out = tmp_path / "out"
    result = run("build", str(ws), "-o", str(out), "--exec", name, "--json", "--force", "-q")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["decks"][0]


def test_blocker_is_stored_and_built(ws, tmp_path):
    result = run("audience", "blocker", str(ws), "Jordan Ellis", "no-roi")
    assert result.exit_code == 0
    assert result.stderr == f"{ws / 'audience.yaml'}: Jordan Ellis: blocker: no-roi\n"
    text = (ws / "audience.yaml").read_text()
    assert (
        '    said: "We can\'t justify another programme while margins are this thin."\n    blocker: no-roi\n'
        in text
    )
    assert text.startswith("# Who presents")  # the person's comments stay
    deck = _deck(ws, tmp_path)
    assert (deck["blocker"], deck["blocker_chosen"]) == ("no-roi", "given")
    result = run("audience", "blocker", str(ws), "Jordan Ellis", "--classify")
    assert "blocker: no-roi" not in (ws / "audience.yaml").read_text().split("Priya")[0]


def test_an_unknown_blocker_gets_a_did_you_mean(ws):
    result = run("audience", "blocker", str(ws), "Jordan Ellis", "roi")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown blocker 'roi'; did you mean 'no-roi'?\n"


def test_swap_puts_a_fitting_item_in_and_the_old_one_out(ws, tmp_path):
    run("audience", "blocker", str(ws), "Jordan Ellis", "no-roi")
    result = run("audience", "swap", str(ws), "Jordan Ellis", OLD, NEW)
    assert result.exit_code == 0, result.stderr
    assert f"evidence: {{use: [{NEW}], avoid: [{OLD}]}}" in (ws / "audience.yaml").read_text()
    deck = _deck(ws, tmp_path)
    assert NEW in deck["citations"] and OLD not in deck["citations"]
    chosen = next(e for e in deck["evidence"] if e["id"] == NEW)
    assert chosen["why"][0] == "chosen for this executive (evidence.use in audience.yaml)"
    run("audience", "reset", str(ws), "Jordan Ellis")
    assert "evidence:" not in (ws / "audience.yaml").read_text()


def test_swap_refuses_an_item_a_fit_rule_keeps_out(ws):
    run("audience", "blocker", str(ws), "Jordan Ellis", "no-roi")
    before = (ws / "audience.yaml").read_text()
    result = run("audience", "swap", str(ws), "Jordan Ellis", OLD, "shrm-cost-per-hire")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: 'shrm-cost-per-hire' cannot replace '{OLD}' in Jordan Ellis's deck "
        "[a measured effect on quits]: rule own-population: figures for United States, not where "
        "we are"
    )
    assert (ws / "audience.yaml").read_text() == before


def test_an_unknown_evidence_id_in_audience_yaml_is_an_error_with_a_hint(ws, tmp_path):
    text = (
        (ws / "audience.yaml")
        .read_text()
        .replace(
            "    role: CFO\n",
            "    role: CFO\n    evidence: {avoid: [ton-2023-good-jobs-turnover]}\n",
            1,
        )
    )
    (ws / "audience.yaml").write_text(text)
    result = run("build", str(ws), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: audience.yaml:13: executives[0].evidence.avoid[0]: unknown evidence item "
        "'ton-2023-good-jobs-turnover'; did you mean 'ton-2023-good-jobs-turnover-cost'?\n"
    )


def test_a_used_item_no_slot_takes_is_a_warning(ws, tmp_path):
    text = (
        (ws / "audience.yaml")
        .read_text()
        .replace("    role: CFO\n", "    role: CFO\n    evidence: {use: [shrm-cost-per-hire]}\n", 1)
    )
    (ws / "audience.yaml").write_text(text)
    result = run("build", str(ws), "-o", str(tmp_path / "out"), "-q", "--exec", "Jordan Ellis")
    assert result.exit_code == 0
    assert (
        "warning: Jordan Ellis: evidence.use 'shrm-cost-per-hire' in audience.yaml is not in "
        "the deck: rule own-population: figures for United States, not where we are\n"
    ) in result.stderr
