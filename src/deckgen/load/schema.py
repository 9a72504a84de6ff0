"""Validate parsed YAML against pydantic models and turn every failure into a `Problem` with a line."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, ValidationInfo

from deckgen.errors import InputError, Problem
from deckgen.load.yamlfile import Path_, YamlDoc

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    """Base for user-facing schemas: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )


def _amount(value: Any, info: ValidationInfo) -> Any:
    """'£46,000', 'EUR 60k', '17,5': numbers as people type them, in the org's currency (the
    validation context's `currency` and `decimal` mark)."""
    from deckgen.load.amounts import parse_amount

    if not isinstance(value, str):
        return value
    context = info.context or {}
    found = parse_amount(value, context.get("currency"), context.get("decimal", "."))
    if found.problem:
        raise ValueError(found.problem)
    if found.value is None:
        raise ValueError(f"expected a number, got '{value}'")
    return found.value


def _date(value: Any, info: ValidationInfo) -> Any:
    """'10/03/2026' in the workspace's locale (the validation context's `locale`), ISO dates,
    or '10 March 2026'; YAML's own dates pass through."""
    from deckgen.load.dates import parse_date

    if isinstance(value, dt.datetime):
        return value.date()
    if value is None:
        return value
    if not isinstance(value, dt.date):
        value = parse_date(str(value), (info.context or {}).get("locale", "en-GB"))
    if not EARLIEST <= value <= LATEST:  # zip files cannot hold dates outside 1980-2107
        raise ValueError(f"expected a date between {EARLIEST.year} and {LATEST.year}, got {value}")
    return value


EARLIEST, LATEST = dt.date(1980, 1, 1), dt.date(2100, 12, 31)


Amount = Annotated[float, BeforeValidator(_amount)]
LocaleDate = Annotated[dt.date, BeforeValidator(_date)]


_EXPECTED = {
    "finite_number": "expected a finite number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
    "date_type": "expected a date like 2026-03-31",
    "date_parsing": "expected a date like 2026-03-31",
    "date_from_datetime_parsing": "expected a date like 2026-03-31",
}


def _got(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _message(err: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        tail = f"; did you mean '{hint[0]}'?" if hint else f"; allowed keys: {', '.join(allowed)}"
        return f"unknown key{tail}"
    if kind == "string_type" and isinstance(err.get("input"), bool):
        return (
            f"expected text, got {str(err['input']).lower()}: YAML reads a bare yes, no, on or "
            "off as true or false, so put the words in quotes"
        )
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, got {_got(err.get('input'))}"
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return f"expected at most {limit} characters, got {len(str(err.get('input', ''))):,}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{err['msg'].lower()}, got {_got(err.get('input'))}"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "literal_error":
        return f"{err['msg'].lower()}, got {_got(err.get('input'))}"
    return f"{err['msg']}, got {_got(err.get('input'))}"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model that `loc` points into."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            # A dict-valued field: keys are free; the next model is the dict's value type.
            continue
        current = _inner_model(field.annotation)
    return sorted(getattr(current, "model_fields", {}).keys())


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate(
    model: type[M], doc: YamlDoc, data: Any = None, base: Path_ = (), context: dict | None = None
) -> M:
    """Validate `data` (default: the whole document) or raise one InputError listing every
    problem. `context` reaches validators that need it (the organisation's currency, locale)."""
    data = doc.data if data is None else data
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise InputError(problems_from(exc, model, doc, base)) from None


def problems_from(
    exc: ValidationError, model: type[BaseModel], doc: YamlDoc, base: Path_ = ()
) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        # pydantic inserts validator names (e.g. 'function-after[...]') into loc; keep real keys.
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        problems.append(doc.problem((*base, *loc), _message(err, model, loc)))
    return problems
