"""The JSON export of one incident: a versioned, documented shape for other programs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from incidentlore.assemble.resolve import ResolvedIncident
from incidentlore.assemble.timeline import Entry
from incidentlore.emit.display import Row
from incidentlore.model.catalog import Catalog
from incidentlore.model.postmortem import PostMortem
from incidentlore.model.times import Instant, Precision, Span

EXPORT_SCHEMA_VERSION = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimeOut(_Out):
    start: datetime = Field(description="Start of the interval the time names, UTC.")
    end: datetime = Field(description="End of that interval (exclusive), UTC.")
    precision: Precision
    exact: bool = Field(description="True for minute or second precision.")
    written: str = Field(description="The time as written in the repository.")
    zone: str = Field(description="The zone it was written in.")
    stated: str | None = Field(description="The source's own wording, if recorded.")
    approximate: bool


class DurationOut(_Out):
    shortest_seconds: int
    longest_seconds: int
    exact: bool
    text: str


class OriginOut(_Out):
    file: str
    line: int
    column: int


class EntryOut(_Out):
    position: int
    kind: str = Field(description="signal, note, or a key time such as detected.")
    category: str = Field(
        description="The signal's or note's kind; key-time otherwise."
    )
    source: str
    id: str
    at: TimeOut
    ends_at: TimeOut | None
    text: str
    about: str | None
    author: str | None
    services: list[str]
    severity: str | None
    url: str | None
    labels: dict[str, str]
    origin: OriginOut
    hidden: bool = Field(description="Left out of the rendered narrative by curation.")
    starred: bool = Field(description="Highlighted in the rendered narrative.")
    display_date: str = Field(description="Empty where the date equals the line above.")
    display_time: str


class LinkOut(_Out):
    incident: str
    relation: str
    direction: Literal["outgoing", "incoming"]
    note: str | None


class SourceOut(_Out):
    title: str
    url: str


class IncidentExport(_Out):
    schema_version: Literal[1] = 1
    id: str
    title: str
    folder: str
    severity: str
    severity_rank: int = Field(description="0 for the most severe level in lore.yaml.")
    status: str
    outcome: str | None
    services: list[str]
    teams: list[str]
    display_timezone: str
    times: dict[str, TimeOut]
    durations: dict[str, DurationOut | None]
    summary: str | None
    impact: str | None
    roles: dict[str, str]
    tags: list[str]
    links: list[LinkOut]
    sources: list[SourceOut]
    postmortem: PostMortem | None
    timeline: list[EntryOut]


# The export is assembled as plain data in the models' field order and written by
# pydantic's serialiser: filling a model for every timeline entry took longer than
# the rest of the export. tests/emit/test_export.py checks that the text equals what the models
# themselves write for the same data, so the two cannot drift apart.

Out = dict[str, Any]


def time_out(instant: Instant) -> Out:
    return {
        "start": instant.start,
        "end": instant.end,
        "precision": instant.precision.value,
        "exact": instant.exact,
        "written": instant.text,
        "zone": instant.zone,
        "stated": instant.stated,
        "approximate": instant.approximate,
    }


def duration_out(value: Span | None) -> Out | None:
    if value is None:
        return None
    return {
        "shortest_seconds": int(value.shortest.total_seconds()),
        "longest_seconds": int(value.longest.total_seconds()),
        "exact": value.exact,
        "text": str(value),
    }


def entry_out(position: int, entry: Entry, date: str, time: str) -> Out:
    return {
        "position": position,
        "kind": entry.kind,
        "category": entry.category,
        "source": entry.source,
        "id": entry.id,
        "at": time_out(entry.at),
        "ends_at": time_out(entry.ends_at) if entry.ends_at else None,
        "text": entry.text,
        "about": entry.about,
        "author": entry.author,
        "services": list(entry.services),
        "severity": entry.severity,
        "url": entry.url,
        "labels": dict(entry.labels),
        "origin": {
            "file": entry.origin.path,
            "line": entry.origin.line,
            "column": entry.origin.column,
        },
        "hidden": entry.hidden,
        "starred": entry.starred,
        "display_date": date,
        "display_time": time,
    }


def export(resolved: ResolvedIncident, catalog: Catalog, shown: list[Row]) -> Out:
    """The export of one incident; `shown` is its timeline as rows in the display zone."""
    record = resolved.record
    incident = record.incident
    postmortem = record.postmortem
    return {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "id": incident.id,
        "title": incident.title,
        "folder": record.folder.name,
        "severity": incident.severity,
        "severity_rank": catalog.severity_rank(incident.severity),
        "status": incident.status,
        "outcome": incident.outcome,
        "services": list(incident.services),
        "teams": list(incident.teams),
        "display_timezone": catalog.display_timezone,
        "times": {name: time_out(value) for name, value in incident.times.present()},
        "durations": {
            name: duration_out(value) for name, value in resolved.durations.items()
        },
        "summary": incident.summary,
        "impact": incident.impact,
        "roles": dict(incident.roles),
        "tags": list(incident.tags),
        "links": [
            {
                "incident": link.incident,
                "relation": link.relation,
                "direction": link.direction,
                "note": link.note,
            }
            for link in resolved.links
        ],
        "sources": [{"title": s.title, "url": s.url} for s in incident.sources],
        "postmortem": postmortem.model_dump(mode="json") if postmortem else None,
        "timeline": [
            entry_out(position, row.entry, row.date, row.time)
            for position, row in enumerate(shown)
        ],
    }


def export_json(resolved: ResolvedIncident, catalog: Catalog, shown: list[Row]) -> str:
    # pydantic's serialiser writes indented JSON far faster than the json module.
    return to_json(export(resolved, catalog, shown), indent=2).decode() + "\n"


def timeline_json(shown: list[Row]) -> str:
    """The timeline entries alone, as in the export."""
    entries = [
        entry_out(i, row.entry, row.date, row.time) for i, row in enumerate(shown)
    ]
    return to_json(entries, indent=2).decode() + "\n"
