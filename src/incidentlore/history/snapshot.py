"""Reading the repository as it was at a commit, without touching the working tree.

One incident's files are read as blobs (`git cat-file`), checked with the same
models as the working tree, and flattened into fields. A whole tree is extracted
with `git archive` into a temporary folder for commands that build from it.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from incidentlore.errors import Diagnostic, ProblemsFound
from incidentlore.history.fields import Fields, flatten
from incidentlore.history.git import Git
from incidentlore.history.lineage import ENTITY_FILE
from incidentlore.load.discover import CATALOG_FILE, INCIDENT_FILES
from incidentlore.load.yamlfile import read_yaml
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
    """A file as committed: its fields, or the first reason it does not validate."""

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


ABSENT = IncidentState("", "")


class StateReader:
    """Incident states at commits, each blob read and checked once."""

    def __init__(self, git: Git, workspace: Path) -> None:
        self.git = git
        self.workspace = workspace
        self._files: dict[tuple[str, str, str | None], FileState] = {}
        self._catalogs: dict[str, Catalog | None] = {}
        self._contents: dict[str, bytes] = {}
        self._zones: dict[tuple[str, str | None], str | None] = {}

    def read(
        self, wanted: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], IncidentState]:
        """States by (commit, folder); a folder missing at a commit reads as empty."""
        wanted = list(dict.fromkeys(wanted))
        names = {
            (commit, folder, name): f"{commit}:{self.git.path(folder + '/' + name)}"
            for commit, folder in wanted
            for name in INCIDENT_FILES
        }
        catalogs = {
            commit: f"{commit}:{self.git.path(CATALOG_FILE)}" for commit, _ in wanted
        }
        ids = self.git.object_ids([*names.values(), *catalogs.values()])
        fresh = {blob for blob in ids.values() if blob not in self._contents}
        self._contents.update(self.git.blobs(fresh))
        states = {}
        for commit, folder in wanted:
            zone = self._catalog_zone(ids.get(catalogs[commit]))
            blobs = {
                name: ids[names[commit, folder, name]]
                for name in INCIDENT_FILES
                if names[commit, folder, name] in ids
            }
            states[commit, folder] = self._state(commit, folder, blobs, zone)
        return states

    def catalog(self, commit: str) -> Catalog | None:
        name = f"{commit}:{self.git.path(CATALOG_FILE)}"
        blob = self.git.object_ids([name]).get(name)
        if blob is not None and blob not in self._contents:
            self._contents.update(self.git.blobs([blob]))
        return self._catalog(blob)

    def _state(
        self, commit: str, folder: str, blobs: dict[str, str], zone: str | None
    ) -> IncidentState:
        files: dict[str, FileState] = {}
        entity = blobs.get(ENTITY_FILE)
        if entity is not None:
            zone = self._incident_zone(entity, folder, zone)
        for name, blob in blobs.items():
            files[name] = self._file(blob, f"{folder}/{name}", zone)
        return IncidentState(commit, folder, files)

    def _file(self, blob: str, name: str, zone: str | None) -> FileState:
        key = (blob, name, zone)
        if key not in self._files:
            self._files[key] = self._check(blob, name, zone)
        return self._files[key]

    def _check(self, blob: str, name: str, zone: str | None) -> FileState:
        return check_file(self._blob_path(blob), name, zone)

    def _blob_path(self, blob: str) -> Path:
        path = self.workspace / f"{blob}.yaml"
        if not path.exists():
            path.write_bytes(self._contents[blob])
        return path

    def _incident_zone(self, blob: str, folder: str, default: str | None) -> str | None:
        key = (blob, default)
        if key not in self._zones:
            path = self._blob_path(blob)
            self._zones[key] = incident_zone(path, f"{folder}/{ENTITY_FILE}", default)
        return self._zones[key]

    def _catalog_zone(self, blob: str | None) -> str | None:
        catalog = self._catalog(blob)
        return catalog.default_timezone if catalog else None

    def _catalog(self, blob: str | None) -> Catalog | None:
        if blob is None:
            return None
        if blob not in self._catalogs:
            self._catalogs[blob] = read_catalog(self._blob_path(blob))
        return self._catalogs[blob]


def read_folder(folder: Path, name: str, default_zone: str | None) -> IncidentState:
    """An incident folder on disk, read the way committed versions are."""
    files = {n: folder / n for n in INCIDENT_FILES if (folder / n).is_file()}
    zone = default_zone
    if ENTITY_FILE in files:
        zone = incident_zone(files[ENTITY_FILE], f"{name}/{ENTITY_FILE}", default_zone)
    states = {n: check_file(path, f"{name}/{n}", zone) for n, path in files.items()}
    return IncidentState("", name, states)


def read_catalog(path: Path) -> Catalog | None:
    """lore.yaml if it validates, else None (validation reports why elsewhere)."""
    try:
        document = read_yaml(path, CATALOG_FILE)
    except ProblemsFound:
        return None
    checked = validate(document, Catalog, {})
    return checked if isinstance(checked, Catalog) else None


def check_file(path: Path, name: str, zone: str | None) -> FileState:
    """One incident file read and checked against its model, then flattened."""
    model, prefix = MODELS[name.rsplit("/", 1)[-1]]
    try:
        document = read_yaml(path, name)
    except ProblemsFound as found:
        return FileState(None, found.diagnostics[0], len(found.diagnostics))
    result = validate(document, model, {TIMEZONE_CONTEXT: zone})
    if isinstance(result, list):
        ordered = sorted(result)
        return FileState(None, ordered[0], len(ordered))
    return FileState(flatten(result, prefix))


def incident_zone(path: Path, name: str, default: str | None) -> str | None:
    """The zone for times written without one: the incident's own, else the default."""
    try:
        data: Any = read_yaml(path, name).data
    except ProblemsFound:
        return default
    written = data.get("timezone") if isinstance(data, dict) else None
    if isinstance(written, str):
        with contextlib.suppress(TimeError):
            zone_named(written)
            return written
    return default


@contextlib.contextmanager
def tree_at(git: Git, commit: str) -> Iterator[Path]:
    """The lore repository as committed at `commit`, in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="lore-tree-") as temporary:
        yield git.extract(commit, Path(temporary))


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="lore-blobs-") as temporary:
        yield Path(temporary)
