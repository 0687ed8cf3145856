"""The two steps each worker runs on its own incidents: load, then render.

Both consult the build cache first; what they keep there is plain JSON, made and read
by the functions at the end of this module.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from incidentlore.assemble.resolve import ResolvedLink, resolve_incident
from incidentlore.build.cache import NO_CACHE, Cache, Entry, derived_key
from incidentlore.emit.display import rows
from incidentlore.emit.export import export_json
from incidentlore.emit.index import table_json
from incidentlore.emit.markdown import IndexEntry, Renderer
from incidentlore.emit.tables import Row, incident_rows
from incidentlore.errors import Diagnostic, Location
from incidentlore.load.discover import IncidentFolder
from incidentlore.model.catalog import Catalog
from incidentlore.model.incident import Relation
from incidentlore.model.times import zone_named
from incidentlore.records import IncidentRecord, IncidentSummary, LinkRecord
from incidentlore.validate.repository import load_incidents

INCIDENT_PAGES = "incidents"
LOADED, RENDERED = "loaded", "rendered"
TABLE_PART = "table:"


@dataclass(slots=True)
class _Held:
    """An incident this process keeps between the two steps."""

    folder: IncidentFolder
    id: str
    key: str | None
    record: IncidentRecord | None  # None when the load step found it in the cache
    # What to keep in the cache for the load step, written only once the whole
    # repository is known to be sound: a failed build writes nothing at all.
    pending: dict[str, Any] | None = None


# The incidents this process holds between the two steps.
_held: list[_Held] = []


@dataclass(slots=True)
class Loaded:
    summaries: list[IncidentSummary] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    signals: int = 0
    notes: int = 0
    used: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Rendered:
    outputs: dict[str, str] = field(default_factory=dict)
    tables: dict[str, bytes] = field(default_factory=dict)
    entries: list[IndexEntry] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def load(
    root: Path,
    catalog: Catalog | None,
    folders: list[IncidentFolder],
    cache: Cache = NO_CACHE,
) -> Loaded:
    loaded = Loaded()
    _held.clear()
    for folder in folders:
        key = cache.key(folder) if catalog is not None else None
        found = cache.read(LOADED, key)
        pending = None
        if found is not None:
            summary, problems, signals, notes = _loaded_from(found.meta)
            record = None
        else:
            records, problems = load_incidents(root, catalog, [folder])
            if not records:
                loaded.problems += problems
                continue
            record = records[0]
            summary, signals, notes = (
                record.summary(),
                len(record.signals),
                len(record.notes),
            )
            if not any(problem.severity == "error" for problem in problems):
                pending = _loaded_json(summary, problems, signals, notes)
        if key is not None:
            loaded.used.add(key)
        loaded.summaries.append(summary)
        loaded.problems += problems
        loaded.signals += signals
        loaded.notes += notes
        _held.append(_Held(folder, summary.id, key, record, pending))
    return loaded


def render(
    root: Path,
    catalog: Catalog,
    incoming: dict[str, list[ResolvedLink]],
    cache: Cache = NO_CACHE,
) -> Rendered:
    zone = zone_named(catalog.display_timezone)
    renderer = Renderer(root, catalog, zone, catalog.display_timezone)
    rendered = Rendered()
    tables: dict[str, list[bytes]] = {}
    for held in _held:
        if held.pending is not None:
            cache.write(LOADED, held.key, Entry(held.pending))
        links = incoming.get(held.id, [])
        key = derived_key(held.key, [list(link) for link in _link_rows(links)])
        found = cache.read(RENDERED, key)
        if found is None:
            found = _render_one(root, catalog, held, links, renderer)
            cache.write(RENDERED, key, found)
        if key is not None:
            rendered.used.add(key)
        page = f"{INCIDENT_PAGES}/{held.id}.md"
        rendered.outputs[page] = found.parts["page"].decode()
        rendered.outputs[f"{INCIDENT_PAGES}/{held.id}.json"] = found.parts[
            "export"
        ].decode()
        entry = found.meta
        rendered.entries.append(
            IndexEntry(**{**entry, "services": tuple(entry["services"])})
        )
        for name, rows_json in found.parts.items():
            if name.startswith(TABLE_PART):
                tables.setdefault(name.removeprefix(TABLE_PART), []).append(rows_json)
    _held.clear()
    rendered.tables = {table: _joined(chunks) for table, chunks in tables.items()}
    return rendered


def _render_one(
    root: Path,
    catalog: Catalog,
    held: _Held,
    links: list[ResolvedLink],
    renderer: Renderer,
) -> Entry:
    record = held.record
    if record is None:  # found in the cache when loading, but the links changed
        records, _ = load_incidents(root, catalog, [held.folder])
        record = records[0]
    resolved = resolve_incident(record, links)
    shown = rows(resolved.timeline, renderer.zone)
    table_rows: dict[str, list[Row]] = {}
    for table, row in incident_rows(resolved, catalog):
        table_rows.setdefault(table, []).append(row)
    entry = renderer.index_entry(resolved, f"{INCIDENT_PAGES}/{record.id}.md")
    parts = {
        "page": renderer.incident(resolved, shown).encode(),
        "export": export_json(resolved, catalog, shown).encode(),
    }
    for name, found in table_rows.items():
        parts[TABLE_PART + name] = table_json(found)
    return Entry(asdict(entry), parts)


def _joined(chunks: list[bytes]) -> bytes:
    """JSON arrays of rows made one array, without reading them again."""
    inner = [chunk[1:-1] for chunk in chunks if chunk != b"[]"]
    return b"[" + b",".join(inner) + b"]"


def _link_rows(links: list[ResolvedLink]) -> list[tuple[str, str, str, str | None]]:
    return [(link.incident, link.relation, link.direction, link.note) for link in links]


# What the load step keeps in the cache: only incidents without errors are kept, so
# their problems are warnings.


def _location(where: Location) -> list[Any]:
    return [where.path, where.line, where.column]


def _loaded_json(
    summary: IncidentSummary, problems: list[Diagnostic], signals: int, notes: int
) -> dict[str, Any]:
    return {
        "summary": {
            "id": summary.id,
            "folder": summary.folder,
            "origin": _location(summary.origin),
            "links": [
                [link.incident, link.relation.value, link.note, _location(link.origin)]
                for link in summary.links
            ],
        },
        "problems": [
            {
                "location": _location(problem.location),
                "message": problem.message,
                "severity": problem.severity,
                "related": [_location(where) for where in problem.related],
            }
            for problem in problems
        ],
        "signals": signals,
        "notes": notes,
    }


def _loaded_from(
    found: dict[str, Any],
) -> tuple[IncidentSummary, list[Diagnostic], int, int]:
    summary = found["summary"]
    links = tuple(
        LinkRecord(incident, Relation(relation), note, Location(*origin))
        for incident, relation, note, origin in summary["links"]
    )
    problems = [
        Diagnostic(
            Location(*problem["location"]),
            problem["message"],
            problem["severity"],
            tuple(Location(*where) for where in problem["related"]),
        )
        for problem in found["problems"]
    ]
    return (
        IncidentSummary(
            summary["id"], summary["folder"], Location(*summary["origin"]), links
        ),
        problems,
        found["signals"],
        found["notes"],
    )
