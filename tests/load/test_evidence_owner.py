"""`owner:` on an evidence item: who it belongs to, and the label it is cited with."""

from __future__ import annotations

from typing import get_args

import pytest
import yaml

from deckgen.errors import InputError
from deckgen.library import load_library
from deckgen.load.evidence import EvidenceItem, load_item, read_library
from deckgen.load.kinds import Kind, owner_label
from deckgen.plan.evidence import source_line
from tests.conftest import ROOT

CLIENT_EVIDENCE = ROOT / "tests" / "workspaces" / "northwind-client-evidence" / "evidence"
FIRM_EVIDENCE = ROOT / "tests" / "workspaces" / "halden-partners-evidence"
PILOT = CLIENT_EVIDENCE / "northwind-2025-depot-rota-pilot.yaml"


def pilot(**changes) -> EvidenceItem:
    data = yaml.safe_load(PILOT.read_text())
    return EvidenceItem.model_validate({**data, **changes})


@pytest.mark.parametrize(
    ("owner", "kind", "label"),
    [
        ("client", "study", "Client case study"),
        ("client", "survey", "Client survey"),
        ("Halden Partners", "benchmark", "Halden Partners benchmark"),
        ("Halden Partners", "study", "Halden Partners case study"),
    ],
)
def test_label_says_whose_and_what(owner, kind, label):
    assert owner_label(owner, kind) == label


@pytest.mark.parametrize("kind", get_args(Kind))
def test_every_kind_has_label_words(kind):
    assert owner_label("client", kind).startswith("Client ")


def test_client_in_any_case_is_the_client():
    assert pilot(owner="Client").owner == "client"
    assert pilot(owner="Client").label() == "Client case study"


def test_client_item_is_cited_with_its_label():
    ref = pilot().source_ref()
    assert ref.label == "Client case study"
    assert ref.short == "Client case study, Northwind Logistics (2025)"
    assert ref.full.startswith("Client case study: Northwind Logistics (2025). Team-planned rotas")
    assert source_line(ref, "Team-planned rotas at two depots: the 2025 pilot", "study") == (
        "Source: Client case study, Northwind Logistics (2025). Team-planned rotas at two "
        "depots: the 2025 pilot. Grade C."
    )


def test_firm_citing_itself_is_named_once():
    (item, _), *_ = read_library(FIRM_EVIDENCE, "halden", owned=True)[0]
    assert item.source_ref().short == "Halden Partners benchmark (2025)"


def test_bundled_items_have_no_owner_and_cite_as_before():
    item = next(i for i in load_library(ROOT / "evidence") if i.id == "bloom-2024-hybrid-rct")
    ref = item.source_ref()
    assert item.owner is None and ref.label == ""
    assert ref.short == "Bloom, Han & Liang (2024), Nature"
    assert source_line(ref, item.title, item.kind).endswith(" RCT, grade A.")


def test_merged_folder_items_must_name_their_owner(tmp_path):
    text = PILOT.read_text().replace("owner: client\n", "")
    (tmp_path / PILOT.name).write_text(text)
    loaded, problems = read_library(tmp_path, "ws/evidence", owned=True)
    assert loaded == []
    assert [str(p) for p in problems] == [
        "ws/evidence/northwind-2025-depot-rota-pilot.yaml:3: owner: expected `owner: client` "
        "(the organisation's own evidence) or the name of the firm it comes from: evidence "
        "from outside the bundled library says whose it is"
    ]


def test_yml_file_is_named_not_skipped(tmp_path):
    (tmp_path / "pilot.yml").write_text(PILOT.read_text())
    _, problems = read_library(tmp_path, "ws/evidence", owned=True)
    assert [str(p) for p in problems] == ["ws/evidence/pilot.yml: expected a .yaml file; rename it"]


def test_merged_library_refuses_an_id_the_library_has(tmp_path):
    text = PILOT.read_text().replace("id: northwind-2025-depot-rota-pilot", "id: gallup-sogw-2024")
    (tmp_path / "gallup-sogw-2024.yaml").write_text(text)
    with pytest.raises(InputError) as err:
        load_library(ROOT / "evidence", (tmp_path,))
    assert str(err.value) == (
        f"{tmp_path}/gallup-sogw-2024.yaml:3: id: id 'gallup-sogw-2024' is already used by "
        "evidence/gallup-sogw-2024.yaml; an item never replaces another, so give this one an id "
        "of its own (and rename the file to match)"
    )


def test_item_file_named_as_given():
    item, doc = load_item(PILOT, "my-org/evidence/x.yaml")
    assert doc.file == "my-org/evidence/x.yaml" and item.owner == "client"
