"""Render slide text: sandboxed Jinja templates whose numbers are formatted and recorded with provenance."""

from __future__ import annotations

import contextlib
import hashlib
import re
import sys
import types
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from msgspec import Struct

from deckgen import words
from deckgen.errors import DeckgenError
from deckgen.fmt import Formatter
from deckgen.models import Provenance, Quantity, ShownNumber

_DIGITS = re.compile(r"[-+]?\d[\d,.]*")


class UserText(str):
    """Text shown literally, never a template: the user's words (kind "audience"/"org") or
    evidence metadata (kind "evidence"). Any digits in it are recorded with this provenance."""

    source: str
    kind: str

    def __new__(cls, value: str, source: str, kind: str = "audience") -> UserText:
        obj = super().__new__(cls, value)
        obj.source = source
        obj.kind = kind
        return obj


class DateValue(Struct, frozen=True):
    day: date
    provenance: Provenance


class Recorder:
    """Formats quantities for one slide and remembers every number it shows."""

    def __init__(self, fmt: Formatter):
        self.fmt = fmt
        self.numbers: list[ShownNumber] = []

    def show(self, value: Any) -> str:
        if isinstance(value, Quantity):
            text = self.fmt.quantity(value.value, value.unit)
            self.numbers.append(ShownNumber(text, value.value, value.unit, value.provenance))
            return text
        if isinstance(value, DateValue):
            text = self.fmt.date(value.day)
            self.numbers.append(
                ShownNumber(text, float(value.day.toordinal()), "date", value.provenance)
            )
            return text
        if isinstance(value, UserText):
            for match in _DIGITS.finditer(value):
                self.numbers.append(
                    ShownNumber(match.group(0), 0.0, "text", Provenance(value.kind, value.source))
                )
            return str(value)
        if value is None:
            return ""
        return str(value)

    def take(self) -> list[ShownNumber]:
        out, self.numbers = self.numbers, []
        return out


def _shown(value: Any) -> str:
    """A filter's input as text, recorded like any shown value (digits keep their source)."""
    recorder = _ACTIVE.get()
    return recorder.show(value) if recorder is not None else str(value)


def _count(value: Any) -> float:
    return value.value if isinstance(value, Quantity) else float(value)


def _sentence(value: Any) -> str:
    text = _shown(value)
    return text[:1].upper() + text[1:] if text else text


def _lower_first(value: Any) -> str:
    text = _shown(value)
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _plural(value: Any, word: str, many: str | None = None) -> str:
    """`{{ leavers | plural("leaver") }}` -> '1 leaver', '12 leavers'."""
    return words.plural(_count(value), word, many, shown=_shown(value))


def _noun(value: Any, word: str, many: str | None = None) -> str:
    """`{{ n | noun("has", "have") }}`: the word that agrees with a count, without the count."""
    return words.noun(_count(value), word, many)


def _all_of(value: Any, word: str) -> str:
    """`{{ total | all_of("measure") }}` -> 'The one measure', 'Both measures', 'All three ...'."""
    return words.all_of(int(_count(value)), word)


def _possessive(value: Any) -> str:
    return words.possessive(_shown(value))


FILTERS = {
    "sentence": _sentence,
    "lower_first": _lower_first,
    "plural": _plural,
    "noun": _noun,
    "all_of": _all_of,
    "possessive": _possessive,
}


_ACTIVE: ContextVar[Recorder | None] = ContextVar("deckgen_recorder", default=None)


def _finalize(value: Any) -> str:
    """Runs on every {{ expression }}: the one place template values become text."""
    recorder = _ACTIVE.get()
    if recorder is None:  # pragma: no cover - templates are only rendered through Renderer
        raise DeckgenError("internal: template rendered without a recorder")
    return recorder.show(value)


_TEMPLATE_CACHE: Path | None = None  # where compiled templates are kept between runs
_SOURCES: dict[str, str] = {}  # template name (a hash of its text) -> text, for the loader


def use_template_cache(folder: Path | None) -> None:
    """Keep compiled storyline templates in `folder` (None: compile them in memory only).

    Compiling is most of the cost of planning a deck; the compiled code depends only on the
    template's text, this module and Jinja's version, which is what names it.
    """
    global _TEMPLATE_CACHE
    if folder != _TEMPLATE_CACHE:
        _TEMPLATE_CACHE = folder
        _environment.cache_clear()
        _compile.cache_clear()


@cache
def _environment() -> SandboxedEnvironment:
    from jinja2 import FunctionLoader

    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=False,  # a line ending in {% endif %} keeps its line break
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
        loader=FunctionLoader(_SOURCES.get),
        bytecode_cache=_bytecode_cache(_TEMPLATE_CACHE) if _TEMPLATE_CACHE else None,
    )
    env.filters.update(FILTERS)
    return env


def _bytecode_cache(folder: Path):
    """Compiled templates kept as signed marshal data (cachefiles.SignedStore), never pickle:
    Jinja's own file cache unpickles what it finds, so a planted file would run on the next
    build. An entry that is missing, unsigned or from another Python is compiled afresh."""
    import marshal

    from jinja2 import BytecodeCache

    from deckgen.cachefiles import store as signed_store

    store = signed_store(folder, "templates")

    class _Signed(BytecodeCache):
        def load_bytecode(self, bucket) -> None:
            payload = store.get(bucket.key)
            if payload is None:
                return
            with contextlib.suppress(ValueError, EOFError, TypeError):
                checksum, code = marshal.loads(payload)
                if checksum == bucket.checksum and isinstance(code, types.CodeType):
                    bucket.code = code

        def dump_bytecode(self, bucket) -> None:
            with contextlib.suppress(OSError):
                store.put(bucket.key, marshal.dumps((bucket.checksum, bucket.code)))

    return _Signed()


@cache
def _this_file() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@cache
def _signature() -> str:
    import jinja2

    # marshalled code is only valid for the Python that wrote it
    return f"{jinja2.__version__}:{sys.implementation.cache_tag}:{_this_file()}"


def prebuilt_signature() -> str:
    """What a prebuilt template's Python source depends on: Jinja's code generator and this
    file (the environment's options and filters); not the Python version, unlike bytecode."""
    import jinja2

    return f"{jinja2.__version__}:{_this_file()}"


def prebuilt_name(template: str) -> str:
    return hashlib.sha256(template.encode()).hexdigest()[:32]


def template_source(template: str) -> str:
    """The Python source Jinja generates for `template` (what `make prebuilt` ships)."""
    return _environment().compile(template, name=prebuilt_name(template), raw=True)


@cache
def _prebuilt() -> dict[str, str]:
    """The bundled storylines' templates as Jinja compiled them (prebuilt/templates.json, made
    by `make prebuilt`), so a first build does not parse them; ignored if made for another
    Jinja or another version of this file. The file is part of deckgen, like its modules."""
    import json

    from deckgen.resources import data_root

    with contextlib.suppress(OSError, ValueError):
        found = json.loads((data_root() / "prebuilt" / "templates.json").read_bytes())
        if found.get("signature") == prebuilt_signature():
            return found["templates"]
    return {}


@cache
def _compile(template: str) -> Any:
    source = _prebuilt().get(prebuilt_name(template))
    if source is not None:
        env = _environment()
        with contextlib.suppress(SyntaxError, ValueError, TypeError):
            code = compile(source, "<template>", "exec")
            return env.template_class.from_code(env, code, env.make_globals(None))
    name = hashlib.sha256(f"{_signature()}\n{template}".encode()).hexdigest()
    _SOURCES[name] = template
    return _environment().get_template(name)


class Renderer:
    """Renders storyline templates; user strings reach templates only as values."""

    def __init__(self, fmt: Formatter):
        self.recorder = Recorder(fmt)

    def render(self, template: str, context: dict[str, Any], where: str) -> str:
        if "{" not in template:  # no expression, statement or comment: the text is the result
            return words.join_lines(template).strip()
        token = _ACTIVE.set(self.recorder)
        try:
            return words.join_lines(_compile(template).render(context)).strip()
        except UndefinedError as exc:
            raise DeckgenError(f"{where}: template uses an unknown name: {exc.message}") from None
        except TemplateError as exc:
            raise DeckgenError(f"{where}: template error: {exc}") from None
        finally:
            _ACTIVE.reset(token)

    def show(self, value: Any) -> str:
        return self.recorder.show(value)

    def take(self) -> list[ShownNumber]:
        return self.recorder.take()
