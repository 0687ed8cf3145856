"""JSON documents with the line and column of their records.

A file may hold one document, an array of them, or many one after another (JSON lines
or concatenated payloads, as webhook captures are kept). The outer levels are walked
here so that each record's position is known; everything deeper is decoded by the
standard library's C decoder. Numbers with a fraction become Decimal, so that a time
such as 1516454398.000069 keeps every digit as written; `number_text` writes them back.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

Path = tuple[str | int, ...]

_DECODER = json.JSONDecoder(parse_float=Decimal)
_SPACE = re.compile(r"[ \t\n\r]*")
_RECORD_START = re.compile(r"^[{\[]", re.MULTILINE)
# Written out in full, 1e300000000 is 300 million digits: a number is written out
# only if that adds at most this many zeros to the digits it was given with.
_MOST_ZEROS = 20
# Python refuses to read integers longer than this, to bound the work it takes.
LONG_NUMBER = (
    f"a number in it has more than {sys.get_int_max_str_digits():,} digits, "
    "which is more than lore reads"
)


def loads(text: str) -> Any:
    """`json.loads`, with nesting too deep for Python reported like any other error.

    A number too long for Python to read raises a ValueError that says so."""
    try:
        return _DECODER.decode(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    except json.JSONDecodeError:
        raise
    except ValueError:
        raise ValueError(LONG_NUMBER) from None


def number_text(value: Decimal) -> str:
    """A decoded number as text: every digit as written (1.50, 0.001, 1E+3 as 1000),
    in scientific notation (1E+300000000) when written out it would be mostly zeros."""
    exponent = value.as_tuple().exponent  # a letter for NaN and infinities
    written_out = isinstance(exponent, int) and exponent <= _MOST_ZEROS
    if written_out and value.adjusted() >= -_MOST_ZEROS:
        return format(value, "f")
    return str(value)


def problem(error: json.JSONDecodeError) -> str:
    """The decoder's complaint about one line, with the column where it arose."""
    message = error.msg.removesuffix(" at")
    return f"{message} at column {error.colno}"


class Lines:
    """Turns offsets in a text into 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


@dataclass(slots=True)
class Document:
    """One top-level JSON value and the offsets of its values down to some depth."""

    value: Any
    offset: int
    offsets: dict[Path, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Broken:
    """A document that does not decode: where it starts, and why."""

    offset: int
    reason: str


def documents(text: str, depth: int = 3) -> Iterator[Document | Broken]:
    """Every document in `text`; after a broken one, go on at the next record start."""
    position = _skip(text, 0)
    while position < len(text):
        offsets: dict[Path, int] = {}
        try:
            value, end = _value(text, position, (), depth, offsets)
        except json.JSONDecodeError as error:
            yield Broken(position, _reason(error, position))
            position = _resync(text, position)
            continue
        yield Document(value, position, offsets)
        position = _skip(text, end)


def _reason(error: json.JSONDecodeError, start: int) -> str:
    if error.pos >= len(error.doc.rstrip()):
        return "not valid JSON: the text ends in the middle of a value (truncated?)"
    if error.pos == start:
        return f"not valid JSON: {error.msg}"
    return f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"


def _resync(text: str, start: int) -> int:
    """The next line after the one at `start` that begins like a document."""
    newline = text.find("\n", start)
    if newline < 0:
        return len(text)
    match = _RECORD_START.search(text, newline + 1)
    return match.start() if match else len(text)


def _skip(text: str, position: int) -> int:
    end = _SPACE.match(text, position)
    return end.end() if end else position


def _value(
    text: str, position: int, path: Path, depth: int, offsets: dict[Path, int]
) -> tuple[Any, int]:
    offsets[path] = position
    opener = text[position : position + 1]
    if depth > 0 and opener == "{":
        return _object(text, position, path, depth, offsets)
    if depth > 0 and opener == "[":
        return _array(text, position, path, depth, offsets)
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, position) from None
    except ValueError:
        raise json.JSONDecodeError(LONG_NUMBER, text, position) from None


def _object(
    text: str, position: int, path: Path, depth: int, offsets: dict[Path, int]
) -> tuple[dict[str, Any], int]:
    result: dict[str, Any] = {}
    position = _skip(text, position + 1)
    if text.startswith("}", position):
        return result, position + 1
    while True:
        if not text.startswith('"', position):
            raise _error(
                "Expecting property name enclosed in double quotes", text, position
            )
        key, position = scanstring(text, position + 1)
        position = _skip(text, position)
        if not text.startswith(":", position):
            raise _error("Expecting ':' delimiter", text, position)
        position = _skip(text, position + 1)
        result[key], position = _value(text, position, (*path, key), depth - 1, offsets)
        position = _skip(text, position)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
        elif text.startswith("}", position):
            return result, position + 1
        else:
            raise _error("Expecting ',' delimiter", text, position)


def _array(
    text: str, position: int, path: Path, depth: int, offsets: dict[Path, int]
) -> tuple[list[Any], int]:
    result: list[Any] = []
    position = _skip(text, position + 1)
    if text.startswith("]", position):
        return result, position + 1
    while True:
        item, position = _value(
            text, position, (*path, len(result)), depth - 1, offsets
        )
        result.append(item)
        position = _skip(text, position)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
        elif text.startswith("]", position):
            return result, position + 1
        else:
            raise _error("Expecting ',' delimiter", text, position)


def _error(message: str, text: str, position: int) -> json.JSONDecodeError:
    if position >= len(text):
        message = "Expecting value"
    return json.JSONDecodeError(message, text, min(position, len(text)))
