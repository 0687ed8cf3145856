"""Structured logs as JSON lines: one object per line, whatever its keys are called.

The time, message and level are found under the names loggers use (`@timestamp`,
`timestamp`, `time`, `ts`...; `message`, `msg`...; `level`, `severity`...). Nested
objects become dotted names (`log.level`), which the level and message are looked for
under too. A record that a logger spread over several lines (a stack trace) is read
whole, or rejected whole. Plain lines led by a time, which some loggers mix in, are
kept too; any other line is rejected.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from incidentlore.model.signal import SignalKind
from incidentlore.model.times import Instant, TimeError
from incidentlore.normalise.adapter import (
    BadRecord,
    Context,
    Detection,
    ParseResult,
    RawFile,
    Sample,
    new_signal,
)
from incidentlore.normalise.fields import (
    compact,
    flattened,
    led,
    one_line,
    scalar,
    shown,
)
from incidentlore.normalise.jsondoc import loads, problem
from incidentlore.normalise.logs import (
    EMPTY,
    FileReader,
    LogAdapter,
    level,
    physical_lines,
)
from incidentlore.normalise.timestamps import read_any, read_iso

TIME_KEYS = ("@timestamp", "timestamp", "time", "ts", "datetime", "date", "t")
MESSAGE_KEYS = ("message", "msg", "log", "text", "event", "error")
LEVEL_KEYS = ("level", "severity", "log.level", "levelname", "lvl", "loglevel")
# A record spread over lines is read whole up to this many lines.
MAX_RECORD_LINES = 5_000
# What the value of a time key must look like to be the record's time: a date and time,
# or an epoch number of 9 digits or more (1973 on). A count or a duration under one of
# those keys (`"time": 12` for 12 ms) is passed over for the next key.
_TIMELIKE = re.compile(
    r"\s*(?:\d{4}-\d{2}-\d{2}[Tt\x20]\d{2}:\d{2}|0*[1-9]\d{8,}(?:\.\d+)?\s*$)"
)
_EPOCH_FROM = 100_000_000
_EPOCH_TO = 10**20  # nanoseconds have 19 digits up to the year 2286
# A JSON string, which holds no line break; for counting what a line opens and closes.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_PLAIN = re.compile(
    r"\[?(?P<stamp>\d{4}-\d{2}-\d{2}[T\x20]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)\]?(?P<rest>.*)"
)
# What follows the time (and a zone named after it): a level in brackets, the message.
_LEVEL = re.compile(r"\x20*(?:\[(?P<level>[A-Za-z]+)\x20*\])?\x20*(?P<rest>.*)")


class JsonLinesAdapter(LogAdapter):
    name = "jsonlines"
    title = "Structured logs, one JSON object per line"
    expected = "one JSON object per line, each with a time such as 'timestamp'"
    suffix = ".jsonl"

    def detect(self, sample: Sample) -> Detection | None:
        lines = sample.lines[:20]
        timed = [line for line in lines if _time_key(_object(line))]
        # Records spread over lines leave many lines that are not records alone.
        if not timed or len(timed) < min(3, len(lines)):
            return None
        key = _time_key(_object(timed[0]))
        return Detection(50, f"lines of JSON objects with a time in {key!r}")

    def read(self, file: RawFile, context: Context, result: ParseResult) -> None:
        _Reader(self.name, file, context, result).read()


def _object(line: str) -> dict[str, Any]:
    try:
        value = loads(line)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _time_key(record: dict[str, Any]) -> str | None:
    for key in TIME_KEYS:
        value = record.get(key)
        if value is not None and _timelike(value):
            return key
    return None


def _timelike(value: object) -> bool:
    if type(value) is str:
        return _TIMELIKE.match(value) is not None
    if isinstance(value, bool):
        return False
    return isinstance(value, int | Decimal) and _EPOCH_FROM <= value < _EPOCH_TO


def _no_time(record: dict[str, Any]) -> str:
    found = [
        _passed_over(key, value)
        for key in TIME_KEYS
        if (value := record.get(key)) is not None
    ]
    return "; ".join(
        [f"the record has no time; looked for {', '.join(TIME_KEYS)}", *found]
    )


def _passed_over(key: str, value: object) -> str:
    if isinstance(value, bool):
        return f"{key} is {scalar(value)} (not a date and time)"
    if isinstance(value, int | Decimal):
        size = "small" if value < _EPOCH_FROM else "large"
        why = f"too {size} for an epoch time"
    elif type(value) is str and value.strip().isdigit():
        why = "too small for an epoch time"
    else:
        why = "not a date and time"
    return f"{key} is {shown(value)} ({why})"


# The next two run once per log line: plain loops, no generators.


def _message_key(record: dict[str, Any]) -> str | None:
    """The first key with text in it; failing that, the first with empty text."""
    empty = None
    for key in MESSAGE_KEYS:
        value = record.get(key)
        if type(value) is str:
            if value and not value.isspace():
                return key
            if empty is None:
                empty = key
    return empty


def _level(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """The first key whose value reads as a level, and the level."""
    for key in LEVEL_KEYS:
        value = record.get(key)
        if value is not None:
            severity = level(value)
            if severity is not None:
                return key, severity
    return None, None


class _Reader(FileReader):
    def read(self) -> None:
        lines = physical_lines(self.file.text(self.result))
        number = 0
        while number < len(lines):
            line = lines[number]
            number += 1
            if not line.strip():
                continue
            try:
                if line.lstrip().startswith("{"):
                    number = self._json(lines, number, line)
                else:
                    self._plain(number, line)
            except BadRecord as bad:
                self.result.reject(self.file.at(number), str(bad))

    def _json(self, lines: list[str], number: int, line: str) -> int:
        """Read the record starting on line `number`; the number of its last line."""
        try:
            record = loads(line)
        except json.JSONDecodeError as error:
            return self._spread(lines, number, error)
        except ValueError as error:  # a number too long to read
            raise BadRecord(f"not a JSON object: {error}") from None
        self._record(number, record, line)
        return number

    def _spread(
        self, lines: list[str], number: int, error: json.JSONDecodeError
    ) -> int:
        """Read a record that may go on over the lines after line `number`, up to the
        next record; the number of its last line. One that cannot be read whole is
        rejected whole, at its first line."""
        text = lines[number - 1]
        why = _broken(error, text, number)
        depth = _depth(text)
        last, limit = number, number - 1 + MAX_RECORD_LINES
        while last < len(lines) and not _starts_record(lines[last]):
            following = lines[last]
            last += 1
            if why is not None or last > limit:
                continue  # unreadable: only its end is looked for
            text += "\n" + following
            more = _depth(following)
            depth = None if depth is None or more is None else depth + more
            if depth is not None and depth > 0:
                continue  # still open: decoding it now would only fail
            try:
                record = loads(text)
            except json.JSONDecodeError as later:
                why = _broken(later, text, number)
                continue
            except ValueError as bad:
                why = str(bad)
                continue
            try:
                self._record(number, record, text)
            except BadRecord as bad:
                self.result.reject(self.file.at(number), str(bad))
            return last
        while last > number and not lines[last - 1].strip():
            last -= 1
        if last == number:
            raise BadRecord(f"not a JSON object: {problem(error)}")
        spread = (
            f"a record spread over {last - number + 1:,} lines ({number} to {last})"
        )
        if why is not None:
            reason = f"{spread} is not a JSON object: {why}"
        elif last > limit:
            reason = (
                f"{spread} is not read: records are read whole up to "
                f"{MAX_RECORD_LINES:,} lines"
            )
        else:
            reason = f"{spread} is not a JSON object: it ends before the object closes"
        self.result.reject(self.file.at(number), reason)
        return last

    def _record(self, number: int, record: Any, raw: str) -> None:
        if not isinstance(record, dict):
            raise BadRecord(f"not a JSON object: expected {JsonLinesAdapter.expected}")
        key, at = self._when(record)
        try:
            fields = flattened(record)
            message_key = _message_key(fields)
            level_key, severity = _level(fields)
            labels = {
                name: value if type(value) is str else _label(value)
                for name, value in fields.items()
                if name != key and name != message_key and name != level_key
            }
        except RecursionError:
            raise BadRecord("the record is nested too deeply to be read") from None
        summary = fields[message_key] if message_key else _fields(labels)
        self._add(number, raw, at, summary, severity, labels)

    def _when(self, record: dict[str, Any]) -> tuple[str, Instant]:
        """The record's time key and time: the first key whose value looks like a
        time (as _time_key), read quickly when it is a full RFC 3339 stamp."""
        for key in TIME_KEYS:
            value = record.get(key)
            if value is None:
                continue
            try:
                if type(value) is str and (quick := read_iso(value)) is not None:
                    return key, quick
                if not _timelike(value):
                    continue
                at = read_any(value, self.context.zone)
            except TimeError as error:
                raise BadRecord(f"{key}: {error}") from None
            if at is None:
                raise BadRecord(f"{key} is Go's zero time")
            return key, at
        raise BadRecord(_no_time(record))

    def _plain(self, number: int, line: str) -> None:
        match = _PLAIN.match(line)
        if match is None:
            raise BadRecord(
                "neither a JSON object nor a line led by a time: expected "
                + JsonLinesAdapter.expected
            )
        at, rest = led(match.group("stamp"), match.group("rest"), self.context.zone)
        found = _LEVEL.fullmatch(rest)
        severity, message = (found["level"], found["rest"]) if found else (None, rest)
        self._add(number, line, at, message, level(severity), {})

    def _add(
        self,
        number: int,
        raw: str,
        at: Instant,
        summary: str,
        severity: str | None,
        labels: dict[str, str],
    ) -> None:
        signal = new_signal(
            id=self.ids.next(raw),
            source=self.source,
            kind=SignalKind.LOG,
            at=at,
            summary=one_line(summary) or EMPTY,
            severity=severity,
            labels=labels,
        )
        self.result.add(signal, self.file.at(number))


def _fields(labels: dict[str, str]) -> str:
    return " ".join(f"{name}={value}" for name, value in labels.items())


def _label(value: Any) -> str:
    return (
        compact(value) if type(value) is list or type(value) is dict else scalar(value)
    )


def _starts_record(line: str) -> bool:
    return line.lstrip().startswith("{") or _PLAIN.match(line) is not None


def _depth(line: str) -> int | None:
    """How many more objects and lists `line` opens than it closes; None if a string
    is left open in it, which a record's line break cannot be in."""
    bare = _STRING.sub("", line)
    if '"' in bare:
        return None
    return bare.count("{") + bare.count("[") - bare.count("}") - bare.count("]")


def _broken(error: json.JSONDecodeError, text: str, number: int) -> str | None:
    """Why `text`, a record's first lines from line `number`, cannot be read however it
    goes on; None if it may only be cut short."""
    if error.msg.startswith("Unterminated string") or error.pos >= len(text.rstrip()):
        return None
    where = f"at line {number - 1 + error.lineno} column {error.colno}"
    if error.msg.startswith("Invalid control character") and text[error.pos] == "\n":
        return f"a line break inside a string {where}"
    return f"{error.msg.removesuffix(' at')} {where}"
