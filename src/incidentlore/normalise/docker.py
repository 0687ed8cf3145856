"""Docker's json-file log driver: one `{"log", "stream", "time"}` object per line.

Docker splits a long line into pieces of 16 KiB; a piece whose `log` does not end in a
newline is continued by the next one from the same stream, and they are joined into
one signal. Times are RFC 3339 with up to nine fraction digits (trailing zeros
dropped, so the width varies).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from incidentlore.model.signal import SignalKind
from incidentlore.model.times import Instant
from incidentlore.normalise.adapter import (
    BadRecord,
    Context,
    Detection,
    ParseResult,
    RawFile,
    Sample,
    new_signal,
)
from incidentlore.normalise.fields import labels as labels_of
from incidentlore.normalise.fields import one_line, rfc3339
from incidentlore.normalise.jsondoc import loads, problem
from incidentlore.normalise.logs import EMPTY, FileReader, LogAdapter, physical_lines

KEYS = {"log", "stream", "time"}


@dataclass(slots=True)
class _Pending:
    line: int
    at: Instant
    stream: str
    raw: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


class DockerAdapter(LogAdapter):
    name = "docker"
    title = "Docker json-file logs"
    expected = 'one JSON object per line with "log", "stream" and "time"'

    def detect(self, sample: Sample) -> Detection | None:
        lines = sample.lines[:10]
        matching = sum(1 for line in lines if _keys(line) >= KEYS)
        if not lines or matching * 5 < len(lines) * 4:
            return None
        return Detection(90, 'lines of JSON objects with "log", "stream" and "time"')

    def read(self, file: RawFile, context: Context, result: ParseResult) -> None:
        _Reader(self.name, file, context, result).read()


class _Reader(FileReader):
    def read(self) -> None:
        pending: dict[str, _Pending] = {}
        for number, line in enumerate(physical_lines(self.file.text(self.result)), 1):
            if not line.strip():
                continue
            try:
                self._line(number, line, pending)
            except BadRecord as bad:
                self.result.reject(self.file.at(number), str(bad))
        for piece in sorted(pending.values(), key=lambda p: p.line):
            self._emit(piece)

    def _line(self, number: int, line: str, pending: dict[str, _Pending]) -> None:
        record = _record(line)
        log, stream = record["log"], str(record.get("stream") or "")
        piece = pending.pop(stream, None)
        if piece is None:
            at = rfc3339(record["time"], what="time")
            if at is None:
                raise BadRecord(f"time is Go's zero time {record['time']!r}")
            piece = _Pending(number, at, stream, attrs=labels_of(record.get("attrs")))
        piece.raw.append(line)
        piece.text.append(log)
        if log.endswith("\n"):
            self._emit(piece)
        else:
            pending[stream] = piece

    def _emit(self, piece: _Pending) -> None:
        text = "".join(piece.text)
        labels = {"stream": piece.stream} if piece.stream else {}
        signal = new_signal(
            id=self.ids.next("\n".join(piece.raw)),
            source=self.source,
            kind=SignalKind.LOG,
            at=piece.at,
            summary=one_line(text) or EMPTY,
            labels=labels | piece.attrs,
        )
        self.result.add(signal, self.file.at(piece.line))


def _keys(line: str) -> set[str]:
    try:
        record = loads(line)
    except ValueError:
        return set()
    return set(record) if isinstance(record, dict) else set()


def _record(line: str) -> dict[str, Any]:
    if not line.lstrip().startswith("{"):
        raise BadRecord(
            "not a json-file log line: it does not start with '{' (corrupted?)"
        )
    try:
        record = loads(line)
    except json.JSONDecodeError as error:
        raise BadRecord(f"not a json-file log line: {problem(error)}") from None
    except ValueError as error:  # a number too long to read
        raise BadRecord(f"not a json-file log line: {error}") from None
    if not isinstance(record, dict) or not isinstance(record.get("log"), str):
        raise BadRecord(f"not a json-file log line: expected {DockerAdapter.expected}")
    if not isinstance(record.get("time"), str):
        raise BadRecord('the line has no "time"')
    return record
