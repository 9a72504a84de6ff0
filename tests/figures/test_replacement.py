"""The replacement-cost factor: Gallup's 2024 factors by role, the role mix, and the 2019 range a
library without the 2024 item falls back to."""

from __future__ import annotations

import pytest

from deckgen import figures as F
from tests.figures import ATTRITION, LIB

MIX = {"frontline": 70, "technical": 20, "leaders": 10}


def test_without_a_mix_low_and_base_are_frontline_and_high_is_technical():
    f = F.replacement_factors(LIB)
    assert (f.low, f.base, f.high) == (0.4, 0.4, 0.8)
    assert f.base_q is f.low_q  # one input, listed once
    names = [name for name, _ in f.case_inputs()]
    assert names == ["replacement factor, low", "replacement factor, high"]


def test_with_a_mix_the_base_is_weighted_and_the_high_prices_frontline_as_technical():
    f = F.replacement_factors(LIB, MIX)
    # base 70% × 40 + 20% × 80 + 10% × 200 = 28 + 16 + 20 = 64%
    # high 70% × 80 + 20% × 80 + 10% × 200 = 56 + 16 + 20 = 92%
    assert f.low == pytest.approx(0.4)
    assert f.base == pytest.approx(0.64)
    assert f.high == pytest.approx(0.92)
    inputs = dict(f.case_inputs())
    assert inputs["replacement factor, base"].value == 64
    assert inputs["replacement factor, base"].provenance.kind == "derived"
    assert inputs["replacement factor, high"].value == 92
    assert inputs["leaders share of roles"].provenance.ref == "org.yaml workforce.roles.leaders"
    assert inputs["replacement factor, leaders"].value == 200
    assert (
        inputs["replacement factor, leaders"].provenance.ref
        == "gallup-turnover-preventable-2024#cost-leader"
    )


def test_a_mix_moves_the_turnover_base_but_not_its_low_end():
    # 420 leavers × 46,000 = 19,320,000; × 40% = 7,728,000; × 64% = 12,364,800; × 92% = 17,774,400
    fig = F.turnover_cost(2400, 46000, ATTRITION, LIB, MIX)
    assert fig.low.value == pytest.approx(7_728_000)
    assert fig.base.value == pytest.approx(12_364_800)
    assert fig.high.value == pytest.approx(17_774_400)
    assert "by our role mix" in fig.why_base
    assert any("in proportion to its share" in n for n in fig.notes)


def test_an_all_frontline_mix_keeps_the_base_at_the_frontline_factor():
    f = F.replacement_factors(LIB, {"frontline": 100, "technical": 0, "leaders": 0})
    assert (f.low, f.base, f.high) == (pytest.approx(0.4), pytest.approx(0.4), pytest.approx(0.8))


def test_a_library_with_only_the_2019_range_uses_it():
    old = tuple(i for i in LIB if i.id != "gallup-turnover-preventable-2024")
    f = F.replacement_factors(old, MIX)  # the range has no factors by role: the mix is not used
    assert (f.low, f.base, f.high) == (0.5, 0.5, 2)
    assert f.low_q.provenance.ref == "gallup-replacement-cost#replacement-range.low"
    assert "role mix is not used" in f.notes[0]
    assert F.REPLACEMENT.item(old).id == "gallup-replacement-cost"
    assert F.REPLACEMENT.item(LIB).id == "gallup-turnover-preventable-2024"


def test_a_library_with_neither_has_no_turnover_cost():
    bare = tuple(
        i
        for i in LIB
        if i.id not in ("gallup-turnover-preventable-2024", "gallup-replacement-cost")
    )
    assert F.replacement_factors(bare) is None
    assert F.turnover_cost(2400, 46000, ATTRITION, bare) is None
    assert F.break_even_leavers(60000, 46000, bare) is None
