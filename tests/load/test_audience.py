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
        "audience.yaml:3: executives[1].name: duplicate executive 'ann lee' would be written to "
        "ann-lee.pptx, like executives[0] ('Ann Lee'); give one of them its own file name, e.g. "
        "`file: ann-lee-2`" in text
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


def test_any_display_name_gets_a_file_name_of_its_own(tmp_path):
    from deckgen.load.audience import executives_from

    loaded = load_audience(
        audience(
            tmp_path,
            """executives:
  - {name: ../../x, said: "no"}
  - {name: CON, said: "no"}
  - {name: "!!!", said: "no"}
  - {name: "=HYPERLINK(\\"http://x\\")", said: "no"}
""",
        )
    )
    stems = [e.file_stem for e in executives_from(loaded)]
    assert stems == ["x", "con-deck", "executive-3", "hyperlink-http-x"]


def test_a_file_key_that_leaves_the_output_folder_is_an_error(tmp_path):
    text = problems(audience(tmp_path, "executives:\n  - {name: Bo, file: ../../etc/x, said: x}\n"))
    assert text == (
        "audience.yaml:2: executives[0].file: expected a plain file name without folders, got "
        "'../../etc/x'"
    )


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


def _dated(tmp_path, when: str, locale: str):
    (tmp_path / "audience.yaml").write_text(
        f"date: {when}\nask: {{what: a pilot, cost: '£45k', decision_by: '{when}'}}\n"
        "executives:\n  - {name: Ann Lee, blocker: no-roi}\n"
    )
    return load_audience(tmp_path, locale, "GBP")


@pytest.mark.parametrize(
    ("when", "locale", "day"),
    [
        ("10/03/2026", "en-GB", (2026, 3, 10)),
        ("03/10/2026", "en-US", (2026, 3, 10)),
        ("10.03.2026", "de-DE", (2026, 3, 10)),
        ("2026-03-10", "en-US", (2026, 3, 10)),
        ("10 March 2026", "en-GB", (2026, 3, 10)),
        ("March 10, 2026", "en-US", (2026, 3, 10)),
        ("25/03/2026", "en-CA", (2026, 3, 25)),  # either order, but only one reading exists
    ],
)
def test_dates_in_the_workspace_locale(tmp_path, when, locale, day):
    import datetime as dt

    audience = _dated(tmp_path, when, locale)
    assert audience.date == dt.date(*day) == audience.ask.decision_by
    assert audience.ask.cost == 45000


def test_an_ambiguous_date_says_which_readings_it_allows(tmp_path):
    with pytest.raises(InputError) as err:
        _dated(tmp_path, "10/03/2026", "en-CA")
    assert str(err.value).startswith(
        "2 problems in the input:\n  audience.yaml:1: date: '10/03/2026' could be 10 March 2026 "
        "or 3 October 2026 (locale en-CA writes dates both ways); write it as 2026-03-10 or "
        "2026-10-03"
    )


def test_a_date_in_the_wrong_order_for_the_locale_says_what_it_may_mean(tmp_path):
    with pytest.raises(InputError) as err:
        _dated(tmp_path, "03/25/2026", "en-GB")
    assert (
        "date: '03/25/2026' is not a date in en-GB, which writes day/month/year; if you meant "
        "25 March 2026, write 2026-03-25" in str(err.value)
    )


def test_a_cost_in_another_currency_is_refused(tmp_path):
    (tmp_path / "audience.yaml").write_text(
        "ask: {what: a pilot, cost: '$45,000'}\nexecutives:\n  - {name: Ann Lee, blocker: no-roi}\n"
    )
    with pytest.raises(InputError) as err:
        load_audience(tmp_path, "en-GB", "GBP")
    assert str(err.value).startswith(
        "audience.yaml:1: ask.cost: '$45,000' is in $ (USD or CAD or AUD, ...), but the "
        "organisation's currency is GBP"
    )


def test_a_bare_no_is_explained(tmp_path):
    assert problems(audience(tmp_path, "executives:\n  - {name: Bo, said: No}\n")) == (
        "audience.yaml:2: executives[0].said: expected text, got false: YAML reads a bare yes, "
        "no, on or off as true or false, so put the words in quotes"
    )


def test_a_file_name_fits_any_file_system_whatever_the_script():
    gothic = "\U00010330" * 80  # four bytes a letter in UTF-8
    stem = safe_stem(gothic)
    assert stem and len(stem.encode("utf-8")) <= 120
    assert len(safe_stem("a" * 200)) == 80
