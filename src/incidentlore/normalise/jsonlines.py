"""Structured logs as JSON lines: one object per line, whatever its keys are called.

The time, message and level are found under the names loggers use (`@timestamp`,
`timestamp`, `time`, `ts`...; `message`, `msg`...; `level`, `severity`...). A record
that a logger spread over several lines (a stack trace) is read whole. Plain lines led
by a time, which some loggers mix in, are kept too; any other line is rejected.
"""

from __future__ import annotations

import json
import re
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
from incidentlore.normalise.fields import led, one_line, scalar
from incidentlore.normalise.jsondoc import loads, problem
from incidentlore.normalise.logs import (
    EMPTY,
    FileReader,
    LogAdapter,
    level,
    physical_lines,
)
from incidentlore.normalise.timestamps import read_any

TIME_KEYS = ("@timestamp", "timestamp", "time", "ts", "datetime", "date", "t")
MESSAGE_KEYS = ("message", "msg", "log", "text", "event", "error")
LEVEL_KEYS = ("level", "severity", "log.level", "levelname", "lvl", "loglevel")
# A record spread over lines is read whole up to this many lines.
MAX_RECORD_LINES = 5_000
_PLAIN = re.compile(
    r"\[?(?P<stamp>\d{4}-\d{2}-\d{2}[T\x20]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)\]?(?P<rest>.*)"
)
# What follows the time (and a zone named after it): a level in brackets, the message.
_LEVEL = re.compile(r"\x20*(?:\[(?P<level>[A-Za-z]+)\x20*\])?\x20*(?P<rest>.*)")
_NESTED = (dict, list)


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
        if record.get(key) is not None:
            return key
    return None


# The next two run once per log line: plain loops, no generators.


def _message_key(record: dict[str, Any]) -> str | None:
    for key in MESSAGE_KEYS:
        if type(record.get(key)) is str:
            return key
    return None


def _level_key(record: dict[str, Any]) -> str | None:
    for key in LEVEL_KEYS:
        if record.get(key) is not None:
            return key
    return None


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
            whole = self._spread(lines, number)
            if whole is None:
                raise BadRecord(f"not a JSON object: {problem(error)}") from None
            record, last = whole
            self._record(number, record, "\n".join(lines[number - 1 : last]))
            return last
        except ValueError as error:  # an integer with thousands of digits
            raise BadRecord(f"not a JSON object: {error}") from None
        self._record(number, record, line)
        return number

    def _spread(self, lines: list[str], number: int) -> tuple[Any, int] | None:
        """A record written over several lines, and its last line, if it is one."""
        text = lines[number - 1]
        limit = min(len(lines), number - 1 + MAX_RECORD_LINES)
        for last in range(number, limit):
            following = lines[last]
            if following.lstrip().startswith("{") or _PLAIN.match(following):
                return None
            text += "\n" + following
            if following.rstrip().endswith("}"):
                try:
                    return loads(text), last + 1
                except ValueError:
                    continue
        return None

    def _record(self, number: int, record: Any, raw: str) -> None:
        if not isinstance(record, dict):
            raise BadRecord(f"not a JSON object: expected {JsonLinesAdapter.expected}")
        key = _time_key(record)
        if key is None:
            raise BadRecord(
                f"the record has no time; looked for {', '.join(TIME_KEYS)}"
            )
        try:
            at = read_any(record[key], self.context.zone)
        except TimeError as error:
            raise BadRecord(f"{key}: {error}") from None
        if at is None:
            raise BadRecord(f"{key} is Go's zero time")
        message_key = _message_key(record)
        level_key = _level_key(record)
        labels = {
            name: value if type(value) is str else scalar(value)
            for name, value in record.items()
            if name != key
            and name != message_key
            and name != level_key
            and not isinstance(value, _NESTED)
        }
        summary = record[message_key] if message_key else _fields(labels)
        severity = level(record[level_key]) if level_key else None
        self._add(number, raw, at, summary, severity, labels)

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
