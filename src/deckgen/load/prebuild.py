"""What `make prebuilt` ships in prebuilt/: deckgen's own tables and evidence library as the
plain data their schemas validate to (prebuilt/validated/, see load/validated.py), and the
bundled storylines' templates as the Python source Jinja generates for them
(prebuilt/templates.json, see text.py). Each file is a function of deckgen's own files, so
tests/load/test_prebuilt.py makes them again and compares."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from datetime import date

from deckgen.resources import decks_dir, evidence_dir


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=0) + "\n").encode()


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def prebuilt_files(year: int) -> dict[str, bytes]:
    """Every prebuilt file (path under prebuilt/ -> bytes), made from the files as they are,
    validated from their YAML (the prebuilt and cached copies are not read). The library's
    entry serves builds in `year` (its lint's freshness warnings count years; a build in
    another year validates the library afresh, as before)."""
    from deckgen.library import _checked, library_plain, prebuilt_library_key
    from deckgen.load.datafiles import TABLES, prebuilt_key
    from deckgen.load.schema import validate
    from deckgen.load.storyline import load_storyline
    from deckgen.load.yamlfile import load_yaml
    from deckgen.resources import data_dir
    from deckgen.text import prebuilt_name, prebuilt_signature, template_source

    made: dict[str, bytes] = {}
    texts: list[str] = []
    for name, ref in TABLES.items():
        module, model_name = ref.split(":")
        model = getattr(importlib.import_module(module), model_name)
        path = data_dir() / f"{name}.yaml"
        table = validate(model, load_yaml(path, f"data/{name}.yaml"))
        made[f"validated/{prebuilt_key(name, model)}.json"] = _json(
            table.model_dump(mode="json", exclude_unset=True)
        )
        texts += _strings(table.model_dump(mode="json"))
    folder = evidence_dir().resolve()
    checked = _checked(folder, (), date(year, 7, 1))  # only the freshness rule reads the date
    made[f"validated/{prebuilt_library_key(folder, year)}.json"] = _json(library_plain(checked))
    for path in sorted(decks_dir().glob("*.yaml")):
        texts += _strings(load_storyline(path.stem).model_dump(mode="json"))
    templates = {
        prebuilt_name(text): template_source(text)
        for text in sorted(set(texts))
        if "{{" in text or "{%" in text or "{#" in text
    }
    made["templates.json"] = _json({"signature": prebuilt_signature(), "templates": templates})
    made["index.json"] = _json({"library_year": year, "templates": len(templates)})
    return made
