"""YAML reading: line numbers for keys, duplicate keys, tabs and non-UTF-8 text."""

from __future__ import annotations

import pytest

from deckgen.errors import InputError
from deckgen.load.yamlfile import load_yaml


def write(tmp_path, text: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_lines_of_nested_keys(tmp_path):
    doc = load_yaml(write(tmp_path, "a: 1\nb:\n  c:\n    - d: 2\n"))
    assert doc.data == {"a": 1, "b": {"c": [{"d": 2}]}}
    assert doc.line_of(("b", "c", 0, "d")) == 4
    assert doc.line_of(("b", "missing")) == 2  # a missing key points at its parent


def test_duplicate_key_is_an_error(tmp_path):
    with pytest.raises(InputError) as err:
        load_yaml(write(tmp_path, "name: a\nname: b\n"))
    assert str(err.value) == "x.yaml:2: name: duplicate key 'name' (first on line 1)"


def test_tab_indentation(tmp_path):
    with pytest.raises(InputError) as err:
        load_yaml(write(tmp_path, "a:\n\tb: 1\n"))
    assert str(err.value) == "x.yaml:2: indent with spaces, not tabs (YAML forbids tabs)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('a: 1\nb: "open\nc: 2\n', "x.yaml:2: invalid YAML: a quote opened on this line is never"),
        ("a: [1, 2\nb: 3\n", "x.yaml:1: invalid YAML: a list opened with '[' on this line"),
        ("a: {x: 1\n", "x.yaml:1: invalid YAML: a '{' on this line is not closed with '}'"),
        ("a: we tried: no\n", "x.yaml:1: invalid YAML: a ':' followed by a space inside a value"),
        ("a:\n  - x\n y: 1\n", "x.yaml:3: invalid YAML: this line does not fit the lines above"),
        ("a: 'it's'\n", "x.yaml:1: invalid YAML: this line does not fit the lines above"),
    ],
)
def test_syntax_errors_in_plain_words(tmp_path, text, message):
    with pytest.raises(InputError) as err:
        load_yaml(write(tmp_path, text))
    assert str(err.value).startswith(message)


def test_control_character(tmp_path):
    with pytest.raises(InputError) as err:
        load_yaml(write(tmp_path, "a: 1\nb: x\x07y\n"))
    assert str(err.value) == (
        "x.yaml:2: invalid YAML: unprintable character U+0007; remove it or retype the line"
    )


def test_not_utf8(tmp_path):
    with pytest.raises(InputError) as err:
        load_yaml(write(tmp_path, "name: Caf\xe9\n".encode("latin-1")))
    assert str(err.value) == "x.yaml:1: expected UTF-8 text; save the file as UTF-8"


def test_binary_file(tmp_path):
    with pytest.raises(InputError) as err:
        load_yaml(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00"))
    assert "expected a text file, found binary data" in str(err.value)


def test_bom_is_fine(tmp_path):
    assert load_yaml(write(tmp_path, "\ufeffa: 1\n".encode())).data == {"a": 1}


def test_a_key_yaml_reads_as_true_or_false_is_refused(tmp_path):
    from deckgen.errors import InputError
    from deckgen.load.yamlfile import load_yaml

    path = tmp_path / "org.yaml"
    path.write_text("countries:\n  NO: Norway\n")
    with pytest.raises(InputError) as err:
        load_yaml(path, "org.yaml")
    assert str(err.value) == (
        "org.yaml:2: countries: the key 'NO' is read by YAML as false; put it in quotes (\"NO\")"
    )
