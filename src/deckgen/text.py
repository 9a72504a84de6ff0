"""Render slide text: sandboxed Jinja templates whose numbers are formatted and recorded with provenance."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

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


@dataclass(frozen=True)
class DateValue:
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


def _sentence(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: Any) -> str:
    text = str(text)
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


_ACTIVE: ContextVar[Recorder | None] = ContextVar("deckgen_recorder", default=None)


def _finalize(value: Any) -> str:
    """Runs on every {{ expression }}: the one place template values become text."""
    recorder = _ACTIVE.get()
    if recorder is None:  # pragma: no cover - templates are only rendered through Renderer
        raise DeckgenError("internal: template rendered without a recorder")
    return recorder.show(value)


@cache
def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
    )
    env.filters["sentence"] = _sentence
    env.filters["lower_first"] = _lower_first
    return env


@cache
def _compile(template: str) -> Any:
    return _environment().from_string(template)


class Renderer:
    """Renders storyline templates; user strings reach templates only as values."""

    def __init__(self, fmt: Formatter):
        self.recorder = Recorder(fmt)

    def render(self, template: str, context: dict[str, Any], where: str) -> str:
        token = _ACTIVE.set(self.recorder)
        try:
            return _compile(template).render(context).strip()
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
