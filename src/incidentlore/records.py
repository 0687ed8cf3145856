"""The repository as read and checked: validated models with where each came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from incidentlore.errors import Diagnostic, Location
from incidentlore.load.discover import IncidentFolder
from incidentlore.load.yamlfile import Document
from incidentlore.model.catalog import Catalog
from incidentlore.model.incident import Incident, Relation
from incidentlore.model.note import Note
from incidentlore.model.postmortem import PostMortem
from incidentlore.model.signal import Signal


@dataclass(frozen=True, slots=True)
class SignalRecord:
    signal: Signal
    origin: Location


@dataclass(frozen=True, slots=True)
class NoteRecord:
    note: Note
    origin: Location


@dataclass(frozen=True, slots=True)
class LinkRecord:
    incident: str
    relation: Relation
    note: str | None
    origin: Location


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    """What other incidents need to know of one: its id and its links."""

    id: str
    folder: str
    origin: Location
    links: tuple[LinkRecord, ...]


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    folder: IncidentFolder
    incident: Incident
    source: Document
    postmortem: PostMortem | None
    postmortem_source: Document | None
    notes: tuple[NoteRecord, ...]
    notes_source: Document | None
    signals: tuple[SignalRecord, ...]
    signals_source: Document | None
    # False when one of the incident's other files could not be read; rules that
    # follow references between entries are then skipped, since they would only
    # report the consequences of the error already shown.
    complete: bool = True

    @property
    def id(self) -> str:
        return self.incident.id

    def summary(self) -> IncidentSummary:
        links = tuple(
            LinkRecord(
                link.incident,
                link.relation,
                link.note,
                self.source.location(("links", index)),
            )
            for index, link in enumerate(self.incident.links)
        )
        return IncidentSummary(
            self.id, self.folder.name, self.source.location(("id",)), links
        )


@dataclass(frozen=True, slots=True)
class Repository:
    root: Path
    catalog: Catalog
    incidents: tuple[IncidentRecord, ...]
    warnings: tuple[Diagnostic, ...] = ()
    # Signals from repository-wide exports (signals/<source>/), not tied to an incident.
    unattached_signals: tuple[SignalRecord, ...] = ()

    def incident(self, incident_id: str) -> IncidentRecord | None:
        for record in self.incidents:
            if record.id == incident_id:
                return record
        return None
