"""Reading values out of decoded payloads; a missing or wrong value is a BadRecord."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from incidentlore.model.times import Instant, TimeError
from incidentlore.normalise.adapter import URL, BadRecord
from incidentlore.normalise.jsondoc import number_text
from incidentlore.normalise.timestamps import (
    led_time,
    read_any,
    read_epoch,
    read_time,
)

SUMMARY_LIMIT = 200
# What one_line must tidy: a line break, a tab or two spaces in a row.
_UNTIDY = re.compile(r"[\n\r\t]|  ")


def shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text" if len(value) > 40 else repr(value)
    return repr(value) if not isinstance(value, Decimal) else number_text(value)


def mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadRecord(f"{what} is {shown(value)}; expected an object")
    return value


def items(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadRecord(f"{what} is {shown(value)}; expected a list")
    return value


def text(record: dict[str, Any], key: str, what: str | None = None) -> str:
    """A required, non-empty text value."""
    value = record.get(key)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = scalar(value)
    if not isinstance(value, str) or not value.strip():
        raise BadRecord(f"'{what or key}' is {_missing(record, key)}; expected text")
    return value


def optional_text(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, dict | list):
        return None
    result = scalar(value)
    return result if result.strip() else None


def _missing(record: dict[str, Any], key: str) -> str:
    return "missing" if key not in record else shown(record[key])


def scalar(value: Any) -> str:
    """A value as label text: strings as they are, JSON for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return number_text(value)
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=scalar)


def flattened(record: dict[str, Any]) -> dict[str, Any]:
    """`record` with the values of nested objects under dotted names
    (`http.request.method`); `record` itself when no object is nested in it. When two
    values get the same name (`"a.b"` and `"a": {"b"}`), the first written is kept."""
    for value in record.values():
        if type(value) is dict:
            flat: dict[str, Any] = {}
            _flatten(record, "", flat)
            return flat
    return record


def _flatten(record: dict[str, Any], prefix: str, flat: dict[str, Any]) -> None:
    for key, value in record.items():
        name = prefix + key
        if type(value) is dict and value:
            _flatten(value, name + ".", flat)
        elif name not in flat:
            flat[name] = value


def compact(value: Any) -> str:
    """A decoded value as JSON without spaces (`["a",1.50]`), numbers as written."""
    if type(value) is list:
        return "[" + ",".join([compact(item) for item in value]) + "]"
    if type(value) is dict:
        pairs = [f"{_quoted(key)}:{compact(item)}" for key, item in value.items()]
        return "{" + ",".join(pairs) + "}"
    if type(value) is str:
        return _quoted(value)
    if isinstance(value, Decimal):
        return number_text(value)
    return json.dumps(value)  # true, false, null, an integer


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def labels(value: Any, prefix: str = "") -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {f"{prefix}{key}": scalar(item) for key, item in value.items()}


def one_line(value: str, limit: int = SUMMARY_LIMIT) -> str:
    """The first non-empty line, spaces collapsed, cut at `limit` characters."""
    if len(value) <= limit and _UNTIDY.search(value) is None:
        return value.strip()
    for line in value.splitlines():
        collapsed = " ".join(line.split())
        if collapsed:
            more = collapsed != " ".join(value.split())
            if len(collapsed) > limit:
                return collapsed[: limit - 1].rstrip() + "…"
            return collapsed + (" …" if more else "")
    return ""


def http_url(value: Any) -> str | None:
    if isinstance(value, str) and URL.fullmatch(value):
        return value
    return None


def time(
    record: dict[str, Any], key: str, zone: str | None = None, what: str | None = None
) -> Instant | None:
    """An RFC 3339 or epoch time; None when absent, null or Go's zero time."""
    value = record.get(key)
    if value is None or value == "":
        return None
    try:
        return read_any(value, zone)
    except TimeError as error:
        raise BadRecord(f"{what or key}: {error}") from None


def required_time(
    record: dict[str, Any], key: str, zone: str | None = None, what: str | None = None
) -> Instant:
    found = time(record, key, zone, what)
    if found is None:
        state = _missing(record, key)
        raise BadRecord(f"'{what or key}' is {state}; a signal needs a time")
    return found


def rfc3339(value: str, zone: str | None = None, what: str = "time") -> Instant | None:
    try:
        return read_time(value, zone)
    except TimeError as error:
        raise BadRecord(f"{what}: {error}") from None


def led(
    stamp: str, rest: str, zone: str | None, what: str = "time"
) -> tuple[Instant, str]:
    """The time that leads a log line (and a zone named after it), and the rest."""
    try:
        at, rest = led_time(stamp, rest, zone)
    except TimeError as error:
        raise BadRecord(f"{what}: {error}") from None
    if at is None:
        raise BadRecord(f"the {what} is Go's zero time")
    return at, rest


def epoch(value: Any, unit: str | None = None, what: str = "time") -> Instant:
    if value is None or value == "":
        raise BadRecord(f"'{what}' is missing; a signal needs a time")
    try:
        return read_epoch(value, unit)
    except TimeError as error:
        raise BadRecord(f"{what}: {error}") from None
