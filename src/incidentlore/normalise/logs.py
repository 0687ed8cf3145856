"""What the log adapters share: ids for lines that have no id of their own.

A log line's id is a digest of its text, so the same line in two overlapping exports
(a log and its rotated copy) is one signal. A line repeated word for word is a real
repetition, so the n-th copy gets `-n` after the digest: still no file position.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from incidentlore.normalise.adapter import (
    Adapter,
    Context,
    Export,
    ParseResult,
    RawFile,
)

LEVELS = {
    "emerg": "emergency",
    "panic": "emergency",
    "fatal": "critical",
    "crit": "critical",
    "err": "error",
    "warn": "warning",
}
# The numbers pino and bunyan write for their levels; 60 is their fatal.
NUMBERED_LEVELS = {
    10: "trace",
    20: "debug",
    30: "info",
    40: "warning",
    50: "error",
    60: "critical",
}
EMPTY = "(empty line)"


class LineIds:
    """Ids for the records of one export, in the order they are read."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.seen: dict[str, int] = {}

    def next(self, record: str) -> str:
        key = hashlib.sha256(record.encode("utf-8", "replace")).hexdigest()[:16]
        count = self.seen.get(key, 0) + 1
        self.seen[key] = count
        return f"{self.source}:{key}" if count == 1 else f"{self.source}:{key}-{count}"


def level(value: object) -> str | None:
    """A log level in one spelling: `WARN`, `warn` and 40 are `warning`; None for a
    value that is no level."""
    if type(value) is int:
        return NUMBERED_LEVELS.get(value)
    if isinstance(value, Decimal):  # 30.0; bounded first, as 1E+300000000 is one too
        whole = 0 <= value <= 100 and value % 1 == 0
        return NUMBERED_LEVELS.get(int(value)) if whole else None
    if not isinstance(value, str) or not value.strip():
        return None
    word = value.strip().lower()
    if word.isascii() and word.isdigit():  # "30", as some loggers quote it
        return NUMBERED_LEVELS.get(int(word)) if len(word) <= 3 else None
    return LEVELS.get(word, word)


def physical_lines(text: str) -> list[str]:
    """Lines without their endings; a final newline does not start another line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


class FileReader:
    """Reads one file of a log export into `result`; subclasses define `read`."""

    def __init__(
        self, source: str, file: RawFile, context: Context, result: ParseResult
    ) -> None:
        self.source, self.file, self.context, self.result = (
            source,
            file,
            context,
            result,
        )
        self.ids = LineIds(source)

    def read(self) -> None:
        raise NotImplementedError


class LogAdapter(Adapter):
    """An adapter that reads the files of an export one by one, with `read`."""

    suffix = ".log"

    def parse(self, export: Export, context: Context, result: ParseResult) -> None:
        for file in export.files:
            self.read(file, context, result)

    def read(self, file: RawFile, context: Context, result: ParseResult) -> None:
        raise NotImplementedError
