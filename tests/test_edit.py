"""audience.yaml edited in place: comments, order and quoting kept; the edit checked first."""

from __future__ import annotations

import pytest

from deckgen.edit import edit_executive, flow_evidence
from deckgen.errors import InputError, Problem

AUDIENCE = """\
# who we present to
executives:
  - name: Jordan Ellis   # the CFO
    role: CFO
    said: "We can't justify another programme
      while margins are this thin."
  - {name: Priya Shah, said: "see them"}
  - blocker: no-roi
    name: Ann Lee
"""


def _ok(path):
    return None


@pytest.fixture
def ws(tmp_path):
    (tmp_path / "audience.yaml").write_text(AUDIENCE, encoding="utf-8")
    return tmp_path


def test_adding_a_key_keeps_comments_and_the_rest(ws):
    edit_executive(ws, "jordan ellis", "blocker", "no-roi", _ok)
    text = (ws / "audience.yaml").read_text()
    assert text == AUDIENCE.replace('thin."\n', 'thin."\n    blocker: no-roi\n', 1)


def test_replacing_and_removing_a_value(ws):
    edit_executive(ws, "Ann Lee", "blocker", "tried-before", _ok)
    assert "  - blocker: tried-before\n    name: Ann Lee\n" in (ws / "audience.yaml").read_text()
    edit_executive(ws, "Ann Lee", "blocker", None, _ok)
    assert (ws / "audience.yaml").read_text().endswith("  - name: Ann Lee\n")


def test_a_flow_mapping_takes_the_key_inside_its_braces(ws):
    edit_executive(ws, "Priya Shah", "evidence", flow_evidence(["a-1"], ["b-2"]), _ok)
    assert (
        '  - {name: Priya Shah, said: "see them", evidence: {use: [a-1], avoid: [b-2]}}\n'
        in (ws / "audience.yaml").read_text()
    )
    edit_executive(ws, "Priya Shah", "evidence", None, _ok)
    assert '  - {name: Priya Shah, said: "see them"}\n' in (ws / "audience.yaml").read_text()


def test_a_failed_check_leaves_the_file_as_it_was(ws):
    def refuse(path):
        raise InputError(Problem("audience.yaml", "no"))

    with pytest.raises(InputError):
        edit_executive(ws, "Jordan Ellis", "blocker", "no-roi", refuse)
    assert (ws / "audience.yaml").read_text() == AUDIENCE
    assert [p.name for p in ws.iterdir()] == ["audience.yaml"]


def test_an_unknown_executive_names_the_known_ones(ws):
    with pytest.raises(InputError) as caught:
        edit_executive(ws, "Sam", "blocker", "no-roi", _ok)
    assert str(caught.value) == (
        "audience.yaml: executives: no executive named 'Sam'; known: Jordan Ellis, Priya Shah, "
        "Ann Lee"
    )


def test_ids_that_are_not_plain_are_quoted():
    assert flow_evidence(["yes", "a b"], []) == '{use: ["yes", "a b"]}'
    assert flow_evidence([], []) is None
