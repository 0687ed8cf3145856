"""An incident's files as dotted field paths, and what changed between two versions.

Paths read like the YAML: `severity`, `times.detected`,
`postmortem.action_items.AI-3.status`, `signals.<id>.at`. Entries of lists that carry
their own identity (action items by id, signals and notes by id, contributing factors
by category, links by incident, sources by url) are keyed by it, so that reordering
a list changes nothing; other lists of entries are keyed by position from 1.
Values compare by meaning: two times are equal when they name the same interval,
whatever way each was written.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from incidentlore.model.times import Instant

# List field -> the attribute that identifies an entry.
KEYED = {
    "action_items": "id",
    "signals": "id",
    "notes": "id",
    "links": "incident",
    "sources": "url",
    "contributing_factors": "category",
}
# The attribute that best says what an entry is, first found wins.
_ENTRY_TEXT = ("title", "summary", "text", "description", "statement", "decision")


@dataclass(frozen=True, slots=True)
class Value:
    """One field's value: text as written, a time, a list of names, or an entry."""

    text: str
    kind: str = "text"  # text | time | items | entry
    instant: Instant | None = None
    items: tuple[str, ...] = ()

    def same(self, other: Value) -> bool:
        if self.instant is None and other.instant is None and self.kind != "items":
            return self.kind == other.kind and self.text == other.text
        return self._meaning() == other._meaning()

    def _meaning(self) -> tuple[Any, ...]:
        if self.instant is not None:
            return ("time", self.instant.start, self.instant.end)
        if self.kind == "items":
            return ("items", tuple(sorted(self.items)))
        return (self.kind, self.text)


Fields = dict[str, Value]


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Value | None
    new: Value | None

    @property
    def change(self) -> str:
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"


def flatten(model: BaseModel, prefix: str = "") -> Fields:
    fields: Fields = {}
    _walk(model, prefix, fields, skip=None)
    return fields


def compare(old: Mapping[str, Value], new: Mapping[str, Value]) -> list[FieldChange]:
    """Every field whose meaning differs, in the order the newer files give them."""
    changes = []
    for key in dict.fromkeys([*new, *old]):
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None and before.same(after):
            continue
        changes.append(FieldChange(key, before, after))
    return changes


def _walk(model: BaseModel, prefix: str, fields: Fields, skip: str | None) -> None:
    for name in type(model).model_fields:
        if name != skip:
            _put(f"{prefix}{name}", name, getattr(model, name), fields)


def _put(path: str, name: str, value: Any, fields: Fields) -> None:
    if value is None or value == [] or value == {}:
        return
    if isinstance(value, Instant):
        fields[path] = Value(value.text, "time", instant=value)
    elif isinstance(value, BaseModel):
        _walk(value, path + ".", fields, skip=None)
    elif isinstance(value, dict):
        for key in sorted(value):
            _put(f"{path}.{key}", key, value[key], fields)
    elif isinstance(value, list) and isinstance(value[0], BaseModel):
        for key, entry in _entries(name, value):
            fields[f"{path}.{key}"] = Value(_entry_text(entry), "entry")
            _walk(entry, f"{path}.{key}.", fields, skip=KEYED.get(name))
    elif isinstance(value, list):
        items = tuple(_scalar(item) for item in value)
        fields[path] = Value(", ".join(items), "items", items=items)
    else:
        fields[path] = Value(_scalar(value))


def _entries(
    name: str, entries: Sequence[BaseModel]
) -> Iterator[tuple[str, BaseModel]]:
    attribute = KEYED.get(name)
    if attribute is None:
        for position, entry in enumerate(entries, start=1):
            yield str(position), entry
        return
    seen: dict[str, int] = {}
    for entry in entries:
        key = str(getattr(entry, attribute))
        seen[key] = seen.get(key, 0) + 1
        # A repeated key (two factors of one category) gets its occurrence number.
        yield (key if seen[key] == 1 else f"{key}#{seen[key]}"), entry


def _entry_text(entry: BaseModel) -> str:
    for attribute in _ENTRY_TEXT:
        text = getattr(entry, attribute, None)
        if isinstance(text, str):
            return text
    return ""


def _scalar(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
