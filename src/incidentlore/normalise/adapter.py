"""The adapter interface: what an adapter receives, what it returns, how it complains.

An adapter turns one stored export into signals. It receives the export's files as
bytes (`Export`), what the incident knows about time (`Context`), and a `ParseResult`
to fill: `add` a signal with the place it came from, `reject` a record that cannot be
read (or raise `BadRecord` inside `result.record(where)`), `note` an assumption. It
never reads other files, never prints, and never raises for bad input. docs/adapters.md
describes the contract for authors of third-party adapters.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from incidentlore.errors import Diagnostic, Location
from incidentlore.model.signal import Signal, SignalKind
from incidentlore.model.times import Instant
from incidentlore.normalise.intake import read_file

IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+-]*")
URL = re.compile(r"https?://\S+")
MAX_ID_LENGTH = 200
# UTF-16's byte-order marks, little- and big-endian: never the start of UTF-8 text.
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
WARNING = "warning"
NOTE = "note"


class BadRecord(Exception):
    """Raised inside `ParseResult.record`: the record is rejected with this message."""


@dataclass(frozen=True, slots=True)
class RawFile:
    """One file of an export, as stored."""

    name: str  # how messages name it: its path in the repository, or as given
    member: str  # its path inside a folder export; "" for an export of one file
    data: bytes

    def at(self, line: int = 0, column: int = 1) -> Location:
        """A place in the file; line 0 is the whole file."""
        return Location(self.name, line, column if line else 0)

    def text(self, result: ParseResult) -> str:
        """The file as text: UTF-8, or UTF-16 after its byte-order mark (noted);
        bytes that cannot be read are replaced (noted)."""
        if self.data.startswith(UTF16_MARKS):
            return self._utf16(result)
        data = self.data[3:] if self.data.startswith(b"\xef\xbb\xbf") else self.data
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            before = data[: error.start]
            line = before.count(b"\n") + 1
            column = len(before) - before.rfind(b"\n")
            result.note(
                self.at(line, column),
                f"byte 0x{data[error.start]:02x} is not UTF-8; bytes like it are "
                "read as U+FFFD (the stored file keeps them)",
            )
            return data.decode("utf-8", errors="replace")

    def _utf16(self, result: ParseResult) -> str:
        order = "little" if self.data.startswith(b"\xff\xfe") else "big"
        result.note(
            self.at(),
            f"read as UTF-16 ({order}-endian), as the byte-order mark it starts "
            "with says",
        )
        try:
            return self.data.decode("utf-16")
        except UnicodeDecodeError as error:
            before = self.data[: error.start].decode("utf-16", errors="replace")
            line = before.count("\n") + 1
            column = len(before) - before.rfind("\n")
            result.note(
                self.at(line, column),
                "bytes that are not UTF-16 (half a character, or a lone surrogate) "
                "are read as U+FFFD (the stored file keeps them)",
            )
            return self.data.decode("utf-16", errors="replace")


@dataclass(frozen=True, slots=True)
class Export:
    """One ingested export: a single file, or the files of a folder or zip export."""

    source: str
    name: str
    files: tuple[RawFile, ...]


@dataclass(frozen=True, slots=True)
class Context:
    """What the incident knows that a record may leave out."""

    zone: str | None = None  # for times written without a zone
    window: tuple[datetime, datetime] | None = None  # the incident, UTC
    year: int | None = None  # for stamps without a year (--year)


@dataclass(slots=True)
class ParseResult:
    """What an adapter found in one export."""

    signals: list[tuple[Signal, Location]] = field(default_factory=list)
    rejected: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    year: int | None = None  # what stamps without a year were read as (the first)

    def add(self, signal: Signal, where: Location) -> None:
        self.signals.append((signal, where))

    def reject(self, where: Location, why: str) -> None:
        self.rejected.append(Diagnostic(where, why, WARNING))

    def note(self, where: Location, text: str) -> None:
        self.notes.append(Diagnostic(where, text, NOTE))

    @contextlib.contextmanager
    def record(self, where: Location) -> Iterator[None]:
        """Read one record; a BadRecord raised inside rejects it with its message."""
        try:
            yield
        except BadRecord as bad:
            self.reject(where, str(bad))


@dataclass(frozen=True, slots=True)
class Detection:
    """How sure an adapter is that a file is its kind (0-100), and why."""

    score: int
    reason: str


@dataclass(frozen=True, slots=True)
class Sample:
    """The start of a file (or the member names of a folder) for `detect`."""

    name: str
    head: str
    members: tuple[str, ...] = ()
    document: object | None = None  # the first JSON document, if the head holds one

    @property
    def lines(self) -> list[str]:
        return [line for line in self.head.splitlines()[:50] if line.strip()]


class Adapter:
    """Base class of adapters; subclasses set the attributes and define `parse`."""

    name: str = ""  # the source: `lore ingest NAME`, raw/NAME/, Signal.source
    title: str = ""  # one line: what it reads
    expected: str = ""  # the shape it reads, for messages about files it cannot
    suffix: str = ".json"  # for stored files whose original name has no suffix
    uses_year: bool = False  # whether --year means anything to it
    folders: bool = False  # whether an export may be a folder or a zip file

    def detect(self, sample: Sample) -> Detection | None:
        """Whether `sample` looks like this source, and why; None if it does not."""
        return None

    def collect(self, path: Path) -> Mapping[str, bytes]:
        """The files of an export named on the command line; "" for a single file."""
        return {"": read_file(path)}

    def parse(self, export: Export, context: Context, result: ParseResult) -> None:
        raise NotImplementedError


def new_signal(
    *,
    id: str,
    source: str,
    kind: SignalKind,
    at: Instant,
    summary: str,
    ends_at: Instant | None = None,
    services: list[str] | None = None,
    severity: str | None = None,
    labels: dict[str, str] | None = None,
    url: str | None = None,
) -> Signal:
    """A Signal built without re-validating values that are checked here."""
    if len(id) > MAX_ID_LENGTH or IDENTIFIER.fullmatch(id) is None:
        raise BadRecord(f"{id!r} cannot be a signal id")
    if not summary.strip():
        raise BadRecord("the record has nothing to show as a summary")
    if url is not None and URL.fullmatch(url) is None:
        raise BadRecord(f"{url!r} is not an http(s) address")
    values: dict[str, object] = {
        "id": id,
        "source": source,
        "kind": kind,
        "at": at,
        "ends_at": ends_at,
        "summary": summary,
        "services": list(services or ()),
        "severity": severity,
        "labels": dict(labels or {}),
        "url": url,
    }
    return _constructed(values)


def replaced(signal: Signal, **changes: object) -> Signal:
    """`signal` with some fields changed, trusted like `new_signal`'s."""
    return _constructed({**signal.__dict__, **changes})


def _constructed(values: dict[str, object]) -> Signal:
    # What Signal.model_construct does with every field given, at a third of the
    # cost: logs give a signal per line, so this is much of the time spent on one.
    signal = Signal.__new__(Signal)
    object.__setattr__(signal, "__dict__", values)
    object.__setattr__(signal, "__pydantic_fields_set__", set(values))
    object.__setattr__(signal, "__pydantic_extra__", None)
    object.__setattr__(signal, "__pydantic_private__", None)
    return signal
