"""audience.yaml: executives, their words, explicit blockers and safe file names."""

from __future__ import annotations

import pytest

from deckgen.errors import InputError
from deckgen.load.audience import load_audience, safe_stem


def audience(tmp_path, text: str):
    (tmp_path / "audience.yaml").write_text(text)
    return tmp_path


def problems(tmp_path) -> str:
    with pytest.raises(InputError) as err:
        load_audience(tmp_path)
    return str(err.value)


def test_duplicate_names_and_unknown_blocker(tmp_path):
    text = problems(
        audience(
            tmp_path,
            """executives:
  - {name: Ann Lee, said: "Too expensive."}
  - {name: ann lee, blocker: too-expensiv}
""",
        )
    )
    assert (
        "audience.yaml:3: executives[1].name: duplicate executive 'ann lee' (also executives[0])"
        in text
    )
    assert (
        "executives[1].blocker: unknown blocker 'too-expensiv'; did you mean 'too-expensive'?"
        in text
    )


def test_said_or_blocker_required(tmp_path):
    text = problems(audience(tmp_path, "executives:\n  - name: Ann Lee\n    role: CFO\n"))
    assert (
        "executives[0]: give `said` (their words) or `blocker` (a slug) for each executive" in text
    )


def test_path_like_and_reserved_names(tmp_path):
    text = problems(
        audience(
            tmp_path,
            """executives:
  - {name: ../../x, said: "no"}
  - {name: CON, said: "no"}
  - {name: "!!!", said: "no"}
""",
        )
    )
    assert "executives[0].name: '../../x' contains a path separator" in text
    assert "executives[1].name: 'con' is a reserved device name on Windows" in text
    assert "executives[2].name: '!!!' leaves no usable file name; add `file: some-name`" in text


def test_empty_file(tmp_path):
    assert "the file is empty" in problems(audience(tmp_path, ""))


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Jordan Ellis", "jordan-ellis"),
        ("Zoë O'Brien-Smith", "zoë-o-brien-smith"),
        ("李明", "李明"),
        ("Sam 🙂 Carter", "sam-carter"),
        ('=HYPERLINK("x")', "hyperlink-x"),
    ],
)
def test_safe_stem(name, stem):
    assert safe_stem(name) == stem
