"""One total order per incident, from nothing but the incident's own entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from incidentlore.errors import Location
from incidentlore.model.incident import KEY_TIMES
from incidentlore.model.times import Instant
from incidentlore.records import IncidentRecord

# At one instant, evidence comes before the conclusions drawn from it: signals, then
# notes, then the key times (whose own order is the incident's lifecycle).
KIND_RANK = {"signal": 0, "note": 1} | {
    name: 2 + index for index, name in enumerate(KEY_TIMES)
}
KEY_TIME_SOURCE = "incident"


class Entry(NamedTuple):
    """One line of a timeline (a named tuple: a timeline can hold 100,000 of them)."""

    kind: str
    category: str
    source: str
    id: str
    at: Instant
    text: str
    origin: Location
    ends_at: Instant | None = None
    about: str | None = None
    author: str | None = None
    services: tuple[str, ...] = ()
    severity: str | None = None
    url: str | None = None
    labels: tuple[tuple[str, str], ...] = ()
    # Curation from incident.yaml: hidden entries leave the narrative, not the data.
    hidden: bool = False
    starred: bool = False

    @property
    def is_key_time(self) -> bool:
        return self.kind in KEY_TIMES


@dataclass(frozen=True, slots=True)
class Timeline:
    incident_id: str
    entries: tuple[Entry, ...]


_SortKey = tuple[datetime, int, str, str, int, datetime, str]


def _key(entry: Entry) -> tuple[datetime, int, str, str]:
    return (entry.at.start, KIND_RANK[entry.kind], entry.source, entry.id)


def assemble(record: IncidentRecord) -> Timeline:
    """Key times, signals and notes in one order; a note about a signal follows it."""
    entries: list[Entry] = []
    for name, instant in record.incident.times.present():
        entries.append(
            Entry(
                kind=name,
                category="key-time",
                source=KEY_TIME_SOURCE,
                id=name,
                at=instant,
                text=name.capitalize(),
                origin=record.source.location(("times", name)),
            )
        )
    for signal_record in record.signals:
        signal = signal_record.signal
        entries.append(
            Entry(
                kind="signal",
                category=signal.kind.value,
                source=signal.source,
                id=signal.id,
                at=signal.at,
                ends_at=signal.ends_at,
                text=signal.summary,
                origin=signal_record.origin,
                services=tuple(signal.services),
                severity=signal.severity,
                url=signal.url,
                labels=tuple(sorted(signal.labels.items())),
            )
        )
    for note_record in record.notes:
        note = note_record.note
        entries.append(
            Entry(
                kind="note",
                category=note.kind.value,
                source="note",
                id=note.id,
                at=note.at,
                text=note.text,
                origin=note_record.origin,
                about=note.about,
                author=note.author,
            )
        )
    entries = _curated(entries, record)
    signal_keys = {e.id: _key(e) for e in entries if e.kind == "signal"}

    def order(entry: Entry) -> _SortKey:
        anchor = signal_keys.get(entry.about) if entry.about else None
        if anchor is None:
            return (*_key(entry), 0, entry.at.start, "")
        return (*anchor, 1, entry.at.start, entry.id)

    return Timeline(record.id, tuple(sorted(entries, key=order)))


def _curated(entries: list[Entry], record: IncidentRecord) -> list[Entry]:
    curation = record.incident.timeline
    hidden, starred = set(curation.hidden), set(curation.starred)
    if not hidden and not starred:
        return entries
    return [
        entry._replace(hidden=entry.id in hidden, starred=entry.id in starred)
        if not entry.is_key_time
        else entry
        for entry in entries
    ]
