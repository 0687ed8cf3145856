"""Checking one document against its model, with errors at the lines they concern."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from incidentlore.errors import Diagnostic
from incidentlore.load.yamlfile import Document, PathKey
from incidentlore.model.base import IDENTIFIER_PATTERN, URL_PATTERN

M = TypeVar("M", bound=BaseModel)


def validate(
    document: Document, model: type[M], context: dict[str, Any] | None = None
) -> M | list[Diagnostic]:
    data = {} if document.data is None else document.data
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        return [_diagnostic(document, model, detail) for detail in error.errors()]


def _diagnostic(
    document: Document, model: type[BaseModel], detail: ErrorDetails
) -> Diagnostic:
    data = {} if document.data is None else document.data
    path = _data_path(data, detail["loc"])
    where = document.location(path)
    field = ".".join(str(part) for part in path)
    message = _message(detail, model, path, data)
    return Diagnostic(where, f"{field}: {message}" if field else message)


def _data_path(data: Any, loc: tuple[int | str, ...]) -> PathKey:
    """The part of pydantic's error location that names real keys and indexes."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
        path.append(part)
    return tuple(path)


def _message(
    detail: ErrorDetails, model: type[BaseModel], path: PathKey, data: Any
) -> str:
    kind = detail["type"]
    if kind == "missing":
        return f"required; add '{path[-1]}:'" if path else "required"
    if kind == "extra_forbidden":
        return _unknown_key(model, path, data)
    if kind in ("value_error", "assertion_error"):
        return (
            str(detail["msg"])
            .removeprefix("Value error, ")
            .removeprefix("Assertion failed, ")
        )
    if kind in ("enum", "literal_error"):
        return _not_allowed(detail)
    if kind == "string_pattern_mismatch":
        pattern = str((detail.get("ctx") or {}).get("pattern", ""))
        if pattern == URL_PATTERN:
            return f"{_shown(detail['input'])} is not an http(s) address"
        if pattern == IDENTIFIER_PATTERN:
            return (
                f"{_shown(detail['input'])} is not a usable name: use letters, digits "
                "and . _ : / @ + -, starting with a letter or digit"
            )
        return f"{_shown(detail['input'])} has characters that are not allowed here"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys to values, got {_shown(detail['input'])}"
    if kind == "list_type":
        return f"expected a list, got {_shown(detail['input'])}"
    if kind == "string_type":
        return f"expected text, got {_shown(detail['input'])}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"{_shown(detail['input'])} is too long"
    return f"{detail['msg']} (got {_shown(detail['input'])})"


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    # A whole file pasted where a name belongs should not come back in full.
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 4] + "...'"


SHOWN_LENGTH = 60


def _unknown_key(model: type[BaseModel], path: PathKey, data: Any) -> str:
    key = str(path[-1]) if path else "?"
    allowed = _allowed_keys(model, path[:-1], data)
    message = f"unknown key {_shown(key)}"
    close = difflib.get_close_matches(key, allowed, n=1)
    message += f"; did you mean {close[0]!r}?" if close else "."
    if allowed:
        message += f" Allowed here: {', '.join(allowed)}"
    return message


def field_names(model: type[BaseModel], path: PathKey) -> list[str]:
    """The keys allowed at `path` (list indexes are skipped), in the model's order."""
    return _allowed_keys(model, path, None)


def _allowed_keys(model: type[BaseModel], path: PathKey, data: Any) -> list[str]:
    """Field names of the model found by following `path` through nested models."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _nested_model(field.annotation)
        if current is None:
            return []
    return list(current.model_fields) if _is_model(current) else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _nested_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


def _not_allowed(detail: ErrorDetails) -> str:
    # pydantic lists choices as "'a', 'b' or 'c'"; turn them back into names.
    expected = str((detail.get("ctx") or {}).get("expected", ""))
    choices = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
    value = str(detail["input"])
    message = f"{_shown(value)} is not allowed here"
    close = difflib.get_close_matches(value, choices, n=1)
    message += f"; did you mean {close[0]!r}?" if close else "."
    return f"{message} Allowed: {', '.join(choices)}"
