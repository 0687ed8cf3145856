"""`lore history ID`: every commit that changed an incident, field by field."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from incidentlore.errors import Diagnostic, LoreError
from incidentlore.history.fields import FieldChange, Fields, compare
from incidentlore.history.git import Git
from incidentlore.history.lineage import Lineage, Touch, trace
from incidentlore.history.log import read_log
from incidentlore.history.snapshot import IncidentState, StateReader, workspace
from incidentlore.history.when import as_of_commit, reading_zone
from incidentlore.load.discover import INCIDENTS_DIR
from incidentlore.model.catalog import Catalog, id_regex


@dataclass(frozen=True, slots=True)
class Revision:
    touch: Touch
    kind: str  # created | changed | removed | shallow-boundary
    changes: tuple[FieldChange, ...]
    old: Fields
    new: Fields
    # Files that did not validate at this commit: their fields are left out here.
    problems: tuple[tuple[Diagnostic, int], ...] = ()
    # File -> the commit it was compared with, when its parent's copy did not validate.
    compared_with: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class History:
    incident_id: str
    folder: str
    tip: str
    display_timezone: str
    revisions: tuple[Revision, ...]  # newest first

    @property
    def shallow(self) -> bool:
        return any(r.kind == "shallow-boundary" for r in self.revisions)


@dataclass(slots=True)
class Walk:
    """The incidents' lines of descent up to one commit, and a reader for states."""

    git: Git
    tip: str
    reader: StateReader
    catalog: Catalog | None
    lineages: list[Lineage]
    boundary: frozenset[str]


def walk(git: Git, tip: str, reader: StateReader) -> Walk:
    log = read_log(git, tip, [git.path(INCIDENTS_DIR)])
    catalog = reader.catalog(tip)
    pattern = id_regex(catalog.id_pattern) if catalog else None
    lineages = trace(log, git.prefix, pattern)
    return Walk(git, tip, reader, catalog, lineages, git.shallow_boundary())


def incident_history(
    root: Path, incident_id: str, revision: str | None = None
) -> History:
    git = Git.open(root)
    tip = as_of_commit(git, revision, reading_zone(root)) if revision else git.head()
    with workspace() as folder:
        found = walk(git, tip, StateReader(git, folder))
        lineage = find(found, incident_id, revision or "HEAD")
        revisions = tuple(revise(found, lineage, read_states(found, [lineage])))
    ids = [r.new.get("id") for r in revisions if r.new.get("id")]
    return History(
        incident_id=ids[0].text if ids and ids[0] else incident_id,
        folder=lineage.folder,
        tip=tip,
        display_timezone=found.catalog.display_timezone if found.catalog else "UTC",
        revisions=revisions,
    )


def find(found: Walk, incident_id: str, revision: str) -> Lineage:
    def named(folder: str) -> bool:
        name = folder.rsplit("/", 1)[-1]
        return name == incident_id or name.startswith(incident_id + "-")

    for lineage in found.lineages:
        if named(lineage.folder) and not lineage.touches[0].removed:
            return lineage
    for lineage in found.lineages:
        if any(named(touch.folder) for touch in lineage.touches):
            return lineage
    pattern = id_regex(found.catalog.id_pattern) if found.catalog else None
    known = sorted(
        {
            _folder_id(touch.folder, pattern)
            for lineage in found.lineages
            for touch in lineage.touches
        }
    )
    close = difflib.get_close_matches(incident_id, known, n=3, cutoff=0.6)
    count = len(found.lineages)
    hint = (
        f"did you mean {', '.join(close)}?"
        if close
        else f"{count} incident{' was' if count == 1 else 's were'} ever committed"
    )
    raise LoreError(f"no incident {incident_id!r} in the history of {revision}; {hint}")


def _folder_id(folder: str, pattern: re.Pattern[str] | None) -> str:
    name = folder.rsplit("/", 1)[-1]
    match = pattern.match(name) if pattern else None
    return match.group(0) if match else name


States = dict[tuple[str, str], IncidentState]


def read_states(found: Walk, lineages: Sequence[Lineage]) -> States:
    """Every state the lineages' revisions compare, read in one pass."""
    return found.reader.read(
        pair
        for lineage in lineages
        for touch in lineage.touches
        for pair in [
            (touch.commit.id, touch.folder),
            *((parent, touch.before) for parent in touch.commit.parents),
        ]
    )


def revise(found: Walk, lineage: Lineage, states: States) -> Iterator[Revision]:
    """The lineage's revisions, newest first."""
    last_valid: dict[str, tuple[str, Fields]] = {}
    revisions = []
    for touch in reversed(lineage.touches):
        after = states[touch.commit.id, touch.folder]
        befores = [states[parent, touch.before] for parent in touch.commit.parents]
        boundary = touch.commit.id in found.boundary and not befores
        revisions.append(_revision(touch, after, befores, last_valid, boundary))
        for name, state in after.files.items():
            if state.fields is not None:
                last_valid[name] = (touch.commit.id, state.fields)
    return reversed(revisions)


def _revision(
    touch: Touch,
    after: IncidentState,
    befores: list[IncidentState],
    last_valid: dict[str, tuple[str, Fields]],
    boundary: bool,
) -> Revision:
    before = befores[0] if befores else IncidentState(touch.commit.id, touch.before)
    old: Fields = {}
    new: Fields = {}
    problems: list[tuple[Diagnostic, int]] = []
    compared: list[tuple[str, str]] = []
    for name in sorted(after.files.keys() | before.files.keys()):
        now, then = after.files.get(name), before.files.get(name)
        if now is not None and now.fields is None:
            assert now.problem is not None
            problems.append((now.problem, now.problems))
            continue
        if then is not None and then.fields is None:
            commit, fields = last_valid.get(name, ("", {}))
            old.update(fields)
            compared.append((name, commit))
        elif then is not None and then.fields is not None:
            old.update(then.fields)
        if now is not None and now.fields is not None:
            new.update(now.fields)
    changes = compare(old, new)
    if len(befores) > 1:
        changes = _own_changes(changes, befores[1:])
    if boundary:
        kind = "shallow-boundary"
    elif not before.exists and after.exists:
        kind = "created"
    elif before.exists and not after.exists:
        kind = "removed"
    else:
        kind = "changed"
    return Revision(
        touch, kind, tuple(changes), old, new, tuple(problems), tuple(compared)
    )


def _own_changes(
    changes: list[FieldChange], others: list[IncidentState]
) -> list[FieldChange]:
    """A merge's changes that no parent had: what the merge itself decided."""
    other_fields: list[Fields] = []
    for state in others:
        fields: Fields = {}
        for file in state.files.values():
            fields.update(file.fields or {})
        other_fields.append(fields)

    def inherited(change: FieldChange, fields: Fields) -> bool:
        theirs = fields.get(change.field)
        if change.new is None or theirs is None:
            return change.new is None and theirs is None
        return change.new.same(theirs)

    return [
        change
        for change in changes
        if not any(inherited(change, fields) for fields in other_fields)
    ]
