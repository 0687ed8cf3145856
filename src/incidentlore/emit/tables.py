"""The rows of the DuckDB index, one generator per table, from resolved incidents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from incidentlore.assemble.resolve import ResolvedIncident
from incidentlore.model.catalog import Catalog
from incidentlore.model.incident import KEY_TIMES
from incidentlore.model.times import Instant

Row = dict[str, Any]

# Table name -> columns (name, DuckDB type), in order. The one place the shape lives.
# Instants are `occurred_at`, not `at`: DuckDB reads a bare `at` as a keyword.
TABLES: dict[str, list[tuple[str, str]]] = {
    "teams": [("id", "VARCHAR"), ("name", "VARCHAR"), ("contact", "VARCHAR")],
    "services": [("id", "VARCHAR"), ("team", "VARCHAR"), ("description", "VARCHAR")],
    "severities": [("id", "VARCHAR"), ("rank", "INTEGER"), ("description", "VARCHAR")],
    "incidents": [
        ("id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("folder", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("severity_rank", "INTEGER"),
        ("status", "VARCHAR"),
        ("outcome", "VARCHAR"),
        ("summary", "VARCHAR"),
        ("impact", "VARCHAR"),
        ("tags", "VARCHAR[]"),
        *(
            column
            for name in KEY_TIMES
            for column in (
                (f"{name}_at", "TIMESTAMPTZ"),
                (f"{name}_latest", "TIMESTAMPTZ"),
                (f"{name}_precision", "VARCHAR"),
                (f"{name}_approximate", "BOOLEAN"),
            )
        ),
    ],
    "incident_services": [("incident_id", "VARCHAR"), ("service_id", "VARCHAR")],
    "incident_teams": [("incident_id", "VARCHAR"), ("team_id", "VARCHAR")],
    "signals": [
        ("incident_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("source", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("occurred_at", "TIMESTAMPTZ"),
        ("occurred_latest", "TIMESTAMPTZ"),
        ("precision", "VARCHAR"),
        ("occurred_written", "VARCHAR"),
        ("ends_at", "TIMESTAMPTZ"),
        ("summary", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("services", "VARCHAR[]"),
        ("labels", "MAP(VARCHAR, VARCHAR)"),
        ("url", "VARCHAR"),
        ("file", "VARCHAR"),
        ("line", "INTEGER"),
    ],
    "notes": [
        ("incident_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("occurred_at", "TIMESTAMPTZ"),
        ("precision", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("author", "VARCHAR"),
        ("text", "VARCHAR"),
        ("about", "VARCHAR"),
        ("file", "VARCHAR"),
        ("line", "INTEGER"),
    ],
    "timeline": [
        ("incident_id", "VARCHAR"),
        ("position", "INTEGER"),
        ("occurred_at", "TIMESTAMPTZ"),
        ("occurred_latest", "TIMESTAMPTZ"),
        ("precision", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("category", "VARCHAR"),
        ("source", "VARCHAR"),
        ("entry_id", "VARCHAR"),
        ("text", "VARCHAR"),
        ("about", "VARCHAR"),
        ("file", "VARCHAR"),
        ("line", "INTEGER"),
        ("hidden", "BOOLEAN"),
        ("starred", "BOOLEAN"),
    ],
    "contributing_factors": [
        ("incident_id", "VARCHAR"),
        ("position", "INTEGER"),
        ("category", "VARCHAR"),
        ("description", "VARCHAR"),
        ("evidence", "VARCHAR[]"),
    ],
    "action_items": [
        ("incident_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("owner", "VARCHAR"),
        ("type", "VARCHAR"),
        ("priority", "VARCHAR"),
        ("status", "VARCHAR"),
        ("due", "DATE"),
        ("tracker", "VARCHAR"),
    ],
    "links": [
        ("incident_id", "VARCHAR"),
        ("other_id", "VARCHAR"),
        ("relation", "VARCHAR"),
        ("direction", "VARCHAR"),
        ("note", "VARCHAR"),
    ],
    # One row per field change per commit, from git (see docs/history.md).
    "revisions": [
        ("incident_id", "VARCHAR"),
        ("commit", "VARCHAR"),
        ("author", "VARCHAR"),
        ("author_email", "VARCHAR"),
        ("authored_at", "TIMESTAMPTZ"),
        ("committed_at", "TIMESTAMPTZ"),
        ("subject", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("field", "VARCHAR"),
        ("change", "VARCHAR"),
        ("old", "VARCHAR"),
        ("new", "VARCHAR"),
        ("old_at", "TIMESTAMPTZ"),
        ("new_at", "TIMESTAMPTZ"),
    ],
}


def _stamp(instant: Instant | None, latest: bool = False) -> datetime | None:
    if instant is None:
        return None
    return instant.latest if latest else instant.start


def catalog_rows(catalog: Catalog) -> dict[str, Iterator[Row]]:
    return {
        "teams": (
            {"id": key, "name": team.name, "contact": team.contact}
            for key, team in sorted(catalog.teams.items())
        ),
        "services": (
            {"id": key, "team": service.team, "description": service.description}
            for key, service in sorted(catalog.services.items())
        ),
        "severities": (
            {"id": severity.id, "rank": rank, "description": severity.description}
            for rank, severity in enumerate(catalog.severities)
        ),
    }


def incident_rows(
    resolved: ResolvedIncident, catalog: Catalog
) -> Iterator[tuple[str, Row]]:
    """Every row that one incident contributes, tagged with its table."""
    record = resolved.record
    incident = record.incident
    key = incident.id
    row: Row = {
        "id": key,
        "title": incident.title,
        "folder": record.folder.name,
        "severity": incident.severity,
        "severity_rank": catalog.severity_rank(incident.severity),
        "status": incident.status,
        "outcome": incident.outcome,
        "summary": incident.summary,
        "impact": incident.impact,
        "tags": list(incident.tags),
    }
    for name in KEY_TIMES:
        instant = getattr(incident.times, name)
        row[f"{name}_at"] = _stamp(instant)
        row[f"{name}_latest"] = _stamp(instant, latest=True)
        row[f"{name}_precision"] = instant.precision.value if instant else None
        row[f"{name}_approximate"] = instant.approximate if instant else None
    yield "incidents", row
    for service in incident.services:
        yield "incident_services", {"incident_id": key, "service_id": service}
    for team in incident.teams:
        yield "incident_teams", {"incident_id": key, "team_id": team}
    yield from _signal_rows(resolved)
    yield from _timeline_rows(resolved)
    yield from _postmortem_rows(resolved)
    for link in resolved.links:
        yield (
            "links",
            {
                "incident_id": key,
                "other_id": link.incident,
                "relation": link.relation,
                "direction": link.direction,
                "note": link.note,
            },
        )


def _signal_rows(resolved: ResolvedIncident) -> Iterator[tuple[str, Row]]:
    key = resolved.id
    for entry in resolved.record.signals:
        signal = entry.signal
        yield (
            "signals",
            {
                "incident_id": key,
                "id": signal.id,
                "source": signal.source,
                "kind": signal.kind.value,
                "occurred_at": _stamp(signal.at),
                "occurred_latest": _stamp(signal.at, latest=True),
                "precision": signal.at.precision.value,
                "occurred_written": signal.at.text,
                "ends_at": _stamp(signal.ends_at),
                "summary": signal.summary,
                "severity": signal.severity,
                "services": list(signal.services),
                "labels": dict(sorted(signal.labels.items())),
                "url": signal.url,
                "file": entry.origin.path,
                "line": entry.origin.line,
            },
        )
    for note_entry in resolved.record.notes:
        note = note_entry.note
        yield (
            "notes",
            {
                "incident_id": key,
                "id": note.id,
                "occurred_at": _stamp(note.at),
                "precision": note.at.precision.value,
                "kind": note.kind.value,
                "author": note.author,
                "text": note.text,
                "about": note.about,
                "file": note_entry.origin.path,
                "line": note_entry.origin.line,
            },
        )


def _timeline_rows(resolved: ResolvedIncident) -> Iterator[tuple[str, Row]]:
    for position, entry in enumerate(resolved.timeline.entries):
        yield (
            "timeline",
            {
                "incident_id": resolved.id,
                "position": position,
                "occurred_at": _stamp(entry.at),
                "occurred_latest": _stamp(entry.at, latest=True),
                "precision": entry.at.precision.value,
                "kind": entry.kind,
                "category": entry.category,
                "source": entry.source,
                "entry_id": entry.id,
                "text": entry.text,
                "about": entry.about,
                "file": entry.origin.path,
                "line": entry.origin.line,
                "hidden": entry.hidden,
                "starred": entry.starred,
            },
        )


def _postmortem_rows(resolved: ResolvedIncident) -> Iterator[tuple[str, Row]]:
    postmortem = resolved.record.postmortem
    if postmortem is None:
        return
    for position, factor in enumerate(postmortem.contributing_factors):
        yield (
            "contributing_factors",
            {
                "incident_id": resolved.id,
                "position": position,
                "category": factor.category,
                "description": factor.description,
                "evidence": list(factor.evidence),
            },
        )
    for item in postmortem.action_items:
        yield (
            "action_items",
            {
                "incident_id": resolved.id,
                "id": item.id,
                "title": item.title,
                "owner": item.owner,
                "type": item.type,
                "priority": item.priority,
                "status": item.status.value,
                "due": item.due,
                "tracker": item.tracker,
            },
        )
