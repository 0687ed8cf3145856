"""Reading a whole repository: every file, every problem, then one verdict."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from incidentlore.errors import Diagnostic, Location, ProblemsFound, relative
from incidentlore.load.discover import (
    CATALOG_FILE,
    IncidentFolder,
    discover,
    find_incident,
)
from incidentlore.load.yamlfile import Document, read_yaml
from incidentlore.model.base import TIMEZONE_CONTEXT
from incidentlore.model.catalog import Catalog
from incidentlore.model.incident import Incident
from incidentlore.model.note import NotesFile
from incidentlore.model.postmortem import PostMortem
from incidentlore.model.signal import SignalsFile
from incidentlore.model.times import TimeError, zone_named
from incidentlore.normalise.adapter import Context
from incidentlore.normalise.derive import derived_records, incident_context
from incidentlore.normalise.registry import Registry
from incidentlore.normalise.storage import RAW_DIR, SIGNALS_DIR
from incidentlore.records import IncidentRecord, NoteRecord, Repository, SignalRecord
from incidentlore.validate.rules import (
    incident_rules,
    ingest_rules,
    repository_rules,
)
from incidentlore.validate.schema import validate

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def load_repository(root: Path) -> Repository:
    """The validated repository at `root`; ProblemsFound lists every error in it."""
    layout = discover(root)
    catalog, problems = read_catalog(root)
    records, found = load_incidents(root, catalog, layout.incidents)
    unattached, found_unattached = load_unattached(root, catalog)
    problems += layout.problems + found + found_unattached
    if catalog is not None:
        problems += repository_rules(catalog, [record.summary() for record in records])
    catalog, warnings = settle(catalog, problems)
    records.sort(key=lambda record: record.id)
    return Repository(root, catalog, tuple(records), warnings, unattached)


def read_catalog(root: Path) -> tuple[Catalog | None, list[Diagnostic]]:
    reader = _Reader(root, [])
    source = reader.parse(root / CATALOG_FILE)
    catalog = reader.check(source, Catalog, {})
    if catalog is not None and source is not None:
        reader.problems.extend(ingest_rules(catalog, source))
    return catalog, reader.problems


def load_catalog(root: Path) -> Catalog:
    """Only lore.yaml, for commands that need the settings but not the incidents."""
    catalog, problems = read_catalog(root)
    return settle(catalog, problems)[0]


def load_incidents(
    root: Path, catalog: Catalog | None, folders: Iterable[IncidentFolder]
) -> tuple[list[IncidentRecord], list[Diagnostic]]:
    """The incidents in `folders` and the problems found in each of them alone."""
    reader = _Reader(root, [])
    records = []
    for folder in folders:
        record = reader.incident(folder, catalog)
        if record is not None:
            records.append(record)
            if catalog is not None:
                reader.problems.extend(incident_rules(catalog, record))
    return records, reader.problems


def load_unattached(
    root: Path, catalog: Catalog | None
) -> tuple[tuple[SignalRecord, ...], list[Diagnostic]]:
    """Signals from the repository-wide signals/ folder, not yet tied to an incident."""
    reader = _Reader(root, [])
    return reader.unattached(catalog), reader.problems


def settle(
    catalog: Catalog | None, problems: list[Diagnostic]
) -> tuple[Catalog, tuple[Diagnostic, ...]]:
    """Raise if anything is an error; otherwise the catalog and the warnings."""
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors or catalog is None:
        raise ProblemsFound(errors)
    return catalog, tuple(sorted(p for p in problems if p.severity != "error"))


def check_incident(
    root: Path, folder: IncidentFolder, catalog: Catalog, other_incidents: Iterable[str]
) -> tuple[IncidentRecord | None, list[Diagnostic]]:
    """One incident read and checked on its own, for commands that edit it; links
    may name any of `other_incidents`. Returns the record (None when incident.yaml
    is unusable) and every problem, warnings included."""
    reader = _Reader(root, [])
    record = reader.incident(folder, catalog)
    problems = reader.problems
    if record is not None:
        problems.extend(incident_rules(catalog, record))
        problems.extend(repository_rules(catalog, [record.summary()], other_incidents))
    return record, sorted(problems)


def load_one(root: Path, incident_id: str) -> tuple[Catalog, IncidentRecord]:
    """The catalog and one incident, checked alone: other incidents may be broken."""
    catalog = load_catalog(root)
    folder = find_incident(root, incident_id)
    reader = _Reader(root, [])
    record = reader.incident(folder, catalog)
    problems = list(reader.problems)
    if record is not None:
        problems += incident_rules(catalog, record)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors or record is None:
        raise ProblemsFound(errors)
    return catalog, record


def load_incident(
    root: Path, folder: IncidentFolder, catalog: Catalog
) -> tuple[Incident, str | None]:
    """One incident.yaml and the zone for its naive times."""
    reader = _Reader(root, [])
    source = reader.parse(folder.files.get("incident.yaml"))
    zone = _zone_for(source, catalog)
    incident = reader.check(source, Incident, {TIMEZONE_CONTEXT: zone})
    if incident is None:
        raise ProblemsFound(
            reader.problems
            or [Diagnostic(Location(folder.name), "the folder has no incident.yaml")]
        )
    return incident, zone


@dataclasses.dataclass
class _Reader:
    root: Path
    problems: list[Diagnostic]
    registry: Registry | None = None

    def derived(
        self, base: Path, catalog: Catalog, zone: str | None, incident: Incident | None
    ) -> tuple[SignalRecord, ...]:
        """Signals from the exports under `base`, re-derived at every build."""
        if self.registry is None:
            self.registry = Registry(catalog.ingest)
        context = incident_context(incident, zone) if incident else Context(zone)
        records, problems = derived_records(
            base, self.root, self.registry, context, catalog
        )
        self.problems.extend(problems)
        return records

    def unattached(self, catalog: Catalog | None) -> tuple[SignalRecord, ...]:
        if catalog is None:
            return ()
        base = self.root / SIGNALS_DIR
        return self.derived(base, catalog, catalog.default_timezone, None)

    def parse(self, path: Path | None) -> Document | None:
        if path is None:
            return None
        try:
            return read_yaml(path, relative(path, self.root))
        except ProblemsFound as found:
            self.problems.extend(found.diagnostics)
            return None

    def check(
        self, document: Document | None, model: type[M], context: dict[str, Any]
    ) -> M | None:
        if document is None:
            return None
        result = validate(document, model, context)
        if isinstance(result, list):
            self.problems.extend(result)
            return None
        return result

    def incident(
        self, folder: IncidentFolder, catalog: Catalog | None
    ) -> IncidentRecord | None:
        files = folder.files
        source = self.parse(files.get("incident.yaml"))
        context = {TIMEZONE_CONTEXT: _zone_for(source, catalog)}
        incident = self.check(source, Incident, context)

        problems_before = len(self.problems)

        def read(name: str, model: type[M]) -> tuple[M | None, Document | None]:
            document = self.parse(files.get(name))
            found = self.check(document, model, context)
            return found, _positions_only(document) if found else None

        postmortem, postmortem_source = read("postmortem.yaml", PostMortem)
        notes, notes_source = read("notes.yaml", NotesFile)
        signals, signals_source = read("signals.yaml", SignalsFile)
        if incident is None or source is None:
            return None
        derived = (
            self.derived(
                folder.path / RAW_DIR, catalog, context[TIMEZONE_CONTEXT], incident
            )
            if catalog is not None
            else ()
        )
        return IncidentRecord(
            folder=folder,
            incident=incident,
            source=dataclasses.replace(source, data=None),
            postmortem=postmortem,
            postmortem_source=postmortem_source,
            notes=tuple(
                NoteRecord(note, origin)
                for note, origin in _with_origins(
                    notes.notes if notes else None, notes_source, "notes"
                )
            ),
            notes_source=notes_source,
            signals=tuple(
                SignalRecord(signal, origin)
                for signal, origin in _with_origins(
                    signals.signals if signals else None, signals_source, "signals"
                )
            )
            + derived,
            signals_source=signals_source,
            complete=not any(
                problem.severity == "error"
                for problem in self.problems[problems_before:]
            ),
        )


def _with_origins(
    items: list[T] | None, source: Document | None, key: str
) -> Iterator[tuple[T, Location]]:
    """Each item of the file's top-level list with the place it was written."""
    if items and source:
        for index, item in enumerate(items):
            yield item, source.location((key, index))


def _positions_only(document: Document | None) -> Document | None:
    # After validation only the positions are needed; the parsed data can go.
    return dataclasses.replace(document, data=None) if document else None


def _zone_for(document: Document | None, catalog: Catalog | None) -> str | None:
    """The zone for naive times: the incident's own, else the repository default."""
    default = catalog.default_timezone if catalog else None
    data = document.data if document else None
    written = data.get("timezone") if isinstance(data, dict) else None
    if not isinstance(written, str):
        return default
    try:
        zone_named(written)
    except TimeError:
        return default  # reported when incident.yaml is validated
    return written
