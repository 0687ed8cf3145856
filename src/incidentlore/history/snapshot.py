"""Reading the repository as it was at a commit, without touching the working tree.

Incident files are read as blobs (`git cat-file`), each blob checked once. A whole
tree is extracted with `git archive` into a temporary folder for commands that
build from it.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from incidentlore.history.git import Git
from incidentlore.history.lineage import ENTITY_FILE
from incidentlore.history.state import (
    FileState,
    IncidentState,
    check_entity,
    check_file,
    read_catalog,
)
from incidentlore.load.discover import CATALOG_FILE, INCIDENT_FILES
from incidentlore.model.catalog import Catalog


class StateReader:
    """Incident states at commits, each blob read and checked once."""

    def __init__(self, git: Git, workspace: Path) -> None:
        self.git = git
        self.workspace = workspace
        self._files: dict[tuple[str, str, str | None], FileState] = {}
        self._catalogs: dict[str, Catalog | None] = {}
        self._contents: dict[str, bytes] = {}
        self._entities: dict[tuple[str, str, str | None], tuple[FileState, str | None]]
        self._entities = {}

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
            files[ENTITY_FILE], zone = self._entity(entity, folder, zone)
        for name, blob in blobs.items():
            if name != ENTITY_FILE:
                files[name] = self._file(blob, f"{folder}/{name}", zone)
        return IncidentState(commit, folder, files)

    def _entity(
        self, blob: str, folder: str, zone: str | None
    ) -> tuple[FileState, str | None]:
        key = (blob, folder, zone)
        if key not in self._entities:
            name = f"{folder}/{ENTITY_FILE}"
            state, own_zone = check_entity(
                self._path(blob), name, zone, self._contents[blob]
            )
            if state.fields is None:
                state = self._located(blob, name, own_zone)
            self._entities[key] = (state, own_zone)
        return self._entities[key]

    def _file(self, blob: str, name: str, zone: str | None) -> FileState:
        key = (blob, name, zone)
        if key not in self._files:
            state = check_file(self._path(blob), name, zone, self._contents[blob])
            self._files[key] = (
                state if state.fields else self._located(blob, name, zone)
            )
        return self._files[key]

    def _located(self, blob: str, name: str, zone: str | None) -> FileState:
        """Checked again from a file, so that problems deep inside get their lines."""
        path = self._path(blob)
        path.write_bytes(self._contents[blob])
        return check_file(path, name, zone)

    def _path(self, blob: str) -> Path:
        return self.workspace / f"{blob}.yaml"

    def _catalog_zone(self, blob: str | None) -> str | None:
        catalog = self._catalog(blob)
        return catalog.default_timezone if catalog else None

    def _catalog(self, blob: str | None) -> Catalog | None:
        if blob is None:
            return None
        if blob not in self._catalogs:
            self._catalogs[blob] = read_catalog(self._path(blob), self._contents[blob])
        return self._catalogs[blob]


@contextlib.contextmanager
def tree_at(git: Git, commit: str) -> Iterator[Path]:
    """The lore repository as committed at `commit`, in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="lore-tree-") as temporary:
        yield git.extract(commit, Path(temporary))


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="lore-blobs-") as temporary:
        yield Path(temporary)
