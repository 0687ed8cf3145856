"""An incident's files checked with the working tree's models and flattened, wherever
they come from: a folder on disk or blobs from a commit."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from incidentlore.errors import Diagnostic, ProblemsFound
from incidentlore.history.fields import Fields, flatten
from incidentlore.history.lineage import ENTITY_FILE
from incidentlore.load.discover import CATALOG_FILE, INCIDENT_FILES
from incidentlore.load.yamlfile import Document, read_yaml
from incidentlore.model.base import TIMEZONE_CONTEXT
from incidentlore.model.catalog import Catalog
from incidentlore.model.incident import Incident
from incidentlore.model.note import NotesFile
from incidentlore.model.postmortem import PostMortem
from incidentlore.model.signal import SignalsFile
from incidentlore.model.times import TimeError, zone_named
from incidentlore.validate.schema import validate

# File -> (model, prefix of its field paths).
MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "incident.yaml": (Incident, ""),
    "postmortem.yaml": (PostMortem, "postmortem."),
    "notes.yaml": (NotesFile, ""),
    "signals.yaml": (SignalsFile, ""),
}


@dataclass(frozen=True, slots=True)
class FileState:
    """A file's fields, or the first reason it does not validate and how many."""

    fields: Fields | None
    problem: Diagnostic | None = None
    problems: int = 0


@dataclass(frozen=True, slots=True)
class IncidentState:
    commit: str
    folder: str
    files: dict[str, FileState] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return ENTITY_FILE in self.files

    @property
    def fields(self) -> Fields:
        """The fields of every file that validates."""
        combined: Fields = {}
        for state in self.files.values():
            combined.update(state.fields or {})
        return combined

    @property
    def problems(self) -> tuple[tuple[Diagnostic, int], ...]:
        """The first problem of each file that does not validate, and their count."""
        return tuple(
            (state.problem, state.problems)
            for state in self.files.values()
            if state.problem is not None
        )

    @property
    def incident_id(self) -> str | None:
        entity = self.files.get(ENTITY_FILE)
        value = entity.fields.get("id") if entity and entity.fields else None
        return value.text if value else None


def read_folder(folder: Path, name: str, default_zone: str | None) -> IncidentState:
    """An incident folder on disk, read the way committed versions are."""
    files: dict[str, FileState] = {}
    zone = default_zone
    entity = folder / ENTITY_FILE
    if entity.is_file():
        files[ENTITY_FILE], zone = check_entity(entity, f"{name}/{ENTITY_FILE}", zone)
    for file in INCIDENT_FILES:
        if file != ENTITY_FILE and (folder / file).is_file():
            files[file] = check_file(folder / file, f"{name}/{file}", zone)
    return IncidentState("", name, files)


def check_entity(
    path: Path, name: str, default_zone: str | None, raw: bytes | None = None
) -> tuple[FileState, str | None]:
    """incident.yaml checked, and the zone its incident's files are read in."""
    try:
        document = read_yaml(path, name, raw)
    except ProblemsFound as found:
        return _invalid(found.diagnostics), default_zone
    zone = _written_zone(document, default_zone)
    return check_document(document, zone), zone


def check_file(
    path: Path, name: str, zone: str | None, raw: bytes | None = None
) -> FileState:
    """One incident file read and checked against its model, then flattened."""
    try:
        document = read_yaml(path, name, raw)
    except ProblemsFound as found:
        return _invalid(found.diagnostics)
    return check_document(document, zone)


def check_document(document: Document, zone: str | None) -> FileState:
    model, prefix = MODELS[document.name.rsplit("/", 1)[-1]]
    result = validate(document, model, {TIMEZONE_CONTEXT: zone})
    if isinstance(result, list):
        return _invalid(result)
    return FileState(flatten(result, prefix))


def read_catalog(path: Path, raw: bytes | None = None) -> Catalog | None:
    """lore.yaml if it validates, else None (validation reports why elsewhere)."""
    try:
        document = read_yaml(path, CATALOG_FILE, raw)
    except ProblemsFound:
        return None
    checked = validate(document, Catalog, {})
    return checked if isinstance(checked, Catalog) else None


def _invalid(problems: list[Diagnostic]) -> FileState:
    return FileState(None, min(problems), len(problems))


def _written_zone(document: Document, default: str | None) -> str | None:
    """The zone for times written without one: the incident's own, else the default."""
    data: Any = document.data
    written = data.get("timezone") if isinstance(data, dict) else None
    if isinstance(written, str):
        with contextlib.suppress(TimeError):
            zone_named(written)
            return written
    return default
