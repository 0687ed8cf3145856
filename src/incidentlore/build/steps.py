"""The two steps each worker runs on its own incidents: load, then render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from incidentlore.assemble.resolve import ResolvedLink, resolve_incident
from incidentlore.emit.display import rows
from incidentlore.emit.export import export_json
from incidentlore.emit.index import table_json
from incidentlore.emit.markdown import IndexEntry, Renderer
from incidentlore.emit.tables import Row, incident_rows
from incidentlore.errors import Diagnostic
from incidentlore.load.discover import IncidentFolder
from incidentlore.model.catalog import Catalog
from incidentlore.model.times import zone_named
from incidentlore.records import IncidentRecord, IncidentSummary
from incidentlore.validate.repository import load_incidents

INCIDENT_PAGES = "incidents"

# The incidents this process holds between the two steps.
_held: list[IncidentRecord] = []


@dataclass(frozen=True, slots=True)
class Loaded:
    summaries: list[IncidentSummary]
    problems: list[Diagnostic]
    signals: int
    notes: int


@dataclass(frozen=True, slots=True)
class Rendered:
    outputs: dict[str, str]
    tables: dict[str, bytes]
    entries: list[IndexEntry]


def load(root: Path, catalog: Catalog | None, folders: list[IncidentFolder]) -> Loaded:
    records, problems = load_incidents(root, catalog, folders)
    _held[:] = records
    return Loaded(
        [record.summary() for record in records],
        problems,
        sum(len(record.signals) for record in records),
        sum(len(record.notes) for record in records),
    )


def render(
    root: Path, catalog: Catalog, incoming: dict[str, list[ResolvedLink]]
) -> Rendered:
    zone = zone_named(catalog.display_timezone)
    renderer = Renderer(root, catalog, zone, catalog.display_timezone)
    rendered = Rendered({}, {}, [])
    table_rows: dict[str, list[Row]] = {}
    for record in _held:
        resolved = resolve_incident(record, incoming.get(record.id, []))
        page = f"{INCIDENT_PAGES}/{record.id}.md"
        shown = rows(resolved.timeline, zone)
        rendered.outputs[page] = renderer.incident(resolved, shown)
        rendered.outputs[f"{INCIDENT_PAGES}/{record.id}.json"] = export_json(
            resolved, catalog, shown
        )
        for table, row in incident_rows(resolved, catalog):
            table_rows.setdefault(table, []).append(row)
        rendered.entries.append(renderer.index_entry(resolved, page))
    _held.clear()
    for table, found in table_rows.items():
        rendered.tables[table] = table_json(found)
    return rendered
