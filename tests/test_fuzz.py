"""Fuzzing: whatever the loaders and the classifier are fed, only deckgen's own errors come out."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.classify import classify_objection
from deckgen.errors import DeckgenError
from deckgen.load.audience import load_audience
from deckgen.load.evidence import load_item
from deckgen.load.org import load_org

EXAMPLES = int(os.environ.get("DECKGEN_FUZZ_EXAMPLES", "500"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KEYS = [
    "name",
    "currency",
    "headcount",
    "average_salary",
    "kpis",
    "history",
    "region",
    "locale",
    "industry",
    "assumptions",
    "value",
    "unit",
    "period",
    "n",
    "scale",
    "presenter",
    "ask",
    "executives",
    "said",
    "blocker",
    "role",
    "file",
    "date",
    "cost",
    "what",
    "decision_by",
    "voluntary_attrition",
    "engagement",
    "enps",
    "2024",
    "id",
    "claims",
    "statement",
    "kind",
    "title",
    "publisher",
    "year",
    "url",
    "grade",
    "blockers",
    "caveats",
    "verification",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "EUR",
            "percent",
            "too-expensive",
            "2026-03-31",
            "{{ x }}",
            "=SUM(A1)",
            "../../x",
            "CON",
            "",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)
    ),
    max_leaves=20,
)
documents = st.one_of(st.dictionaries(st.sampled_from(KEYS), values, max_size=8), values)
raw_text = st.text(max_size=400)


def _write(folder: Path, name: str, content) -> None:
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


def _only_our_errors(load, name: str, content) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _write(Path(folder), name, content)
        _expect_clean(lambda: load(Path(folder)), name)


def _expect_clean(call, name: str) -> None:
    """Either it loads, or it fails with deckgen's error that names a file (never a traceback)."""
    try:
        call()
    except DeckgenError as exc:
        message = str(exc)
        assert message.strip(), "empty error message"
        assert name in message or "org.yaml" in message, message


@FUZZ
@given(st.one_of(documents, raw_text))
def test_org_yaml(content):
    _only_our_errors(load_org, "org.yaml", content)


@FUZZ
@given(st.one_of(documents, raw_text))
def test_audience_yaml(content):
    _only_our_errors(load_audience, "audience.yaml", content)


@FUZZ
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(
                    ["voluntary_attrition", "17,5", "12.5%", "1,234.5", "", "n/a", "engagement"]
                ),
            ),
            max_size=5,
        ),
        max_size=8,
    ),
    st.sampled_from([",", ";", "\t"]),
)
def test_kpi_csv(rows, sep):
    org = "name: X\ncurrency: EUR\nheadcount: 10\naverage_salary: 1000\n"
    text = (
        sep.join(["kpi", "value", "unit", "period"])
        + "\n"
        + "\n".join(
            sep.join(cell.replace("\n", " ").replace("\r", " ") for cell in row) for row in rows
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        _write(Path(folder), "org.yaml", org)
        _write(Path(folder), "kpis.csv", text)
        _expect_clean(lambda: load_org(Path(folder)), "kpis.csv")


@FUZZ
@given(st.one_of(documents, raw_text))
def test_evidence_yaml(content):
    with tempfile.TemporaryDirectory() as folder:
        _write(Path(folder), "item.yaml", content)
        _expect_clean(lambda: load_item(Path(folder) / "item.yaml"), "item.yaml")


@FUZZ
@given(st.text(max_size=2000))
def test_classifier(text):
    result = classify_objection(text)
    assert 0.0 <= result.confidence <= 1.0
