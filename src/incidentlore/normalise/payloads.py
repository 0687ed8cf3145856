"""The shared shape of adapters whose exports are JSON payloads (webhook bodies).

A file may hold one payload, a JSON array of payloads, or one payload after another
(a capture of many deliveries); each payload is read on its own, so one broken payload
rejects only itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from incidentlore.errors import Location
from incidentlore.model.signal import Signal
from incidentlore.normalise.adapter import (
    Adapter,
    Context,
    Export,
    ParseResult,
    RawFile,
    Sample,
)
from incidentlore.normalise.jsondoc import Broken, Document, Lines, Path, documents


@dataclass(frozen=True, slots=True)
class Located:
    """A decoded document and a way back to the lines its parts were written on."""

    file: RawFile
    lines: Lines
    document: Document

    def at(self, *path: str | int) -> Location:
        """Where the value at `path` starts, or its closest recorded parent."""
        offsets = self.document.offsets
        key: Path = path
        while key not in offsets and key:
            key = key[:-1]
        offset = offsets.get(key, self.document.offset)
        return self.file.at(*self.lines.at(offset))


@dataclass(frozen=True, slots=True)
class Payload:
    """One payload handed to an adapter, and where its findings go."""

    value: Any
    located: Located
    path: tuple[str | int, ...]
    context: Context
    result: ParseResult

    def at(self, *path: str | int) -> Location:
        return self.located.at(*self.path, *path)

    def add(self, signal: Signal, *path: str | int) -> None:
        self.result.add(signal, self.at(*path))

    def part(self, value: Any, *path: str | int) -> Payload:
        """A record inside this payload, such as one item of its list."""
        return Payload(
            value, self.located, (*self.path, *path), self.context, self.result
        )


def each_document(export: Export, result: ParseResult, depth: int) -> Iterator[Located]:
    for file in export.files:
        text = file.text(result)
        lines = Lines(text)
        for found in documents(text, depth):
            if isinstance(found, Broken):
                result.reject(file.at(*lines.at(found.offset)), found.reason)
            else:
                yield Located(file, lines, found)


class PayloadAdapter(Adapter):
    """An adapter that reads each payload with `payload`; subclasses define it."""

    depth = 3  # how deep record positions are kept: payload, list, item

    def parse(self, export: Export, context: Context, result: ParseResult) -> None:
        for located in each_document(export, result, self.depth):
            value = located.document.value
            batch = value if isinstance(value, list) else [value]
            for index, payload in enumerate(batch):
                path: tuple[int, ...] = (index,) if isinstance(value, list) else ()
                item = Payload(payload, located, path, context, result)
                with result.record(item.at()):
                    self.payload(item)

    def payload(self, item: Payload) -> None:
        """Read one payload: `item.add` its signals, raise BadRecord if it is wrong."""
        raise NotImplementedError


def first_payload(sample: Sample) -> dict[str, Any] | None:
    """The sample's first payload object, looking inside a top-level array."""
    document = sample.document
    if isinstance(document, list) and document:
        document = document[0]
    return document if isinstance(document, dict) else None
