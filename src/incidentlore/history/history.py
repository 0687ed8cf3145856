"""`lore history ID`: every commit that changed an incident, field by field."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from incidentlore.errors import Diagnostic
from incidentlore.history.fields import FieldChange, Fields, compare
from incidentlore.history.git import Git
from incidentlore.history.lineage import Lineage, Touch
from incidentlore.history.snapshot import StateReader, workspace
from incidentlore.history.state import IncidentState
from incidentlore.history.walk import Walk, find, walk_incident
from incidentlore.history.when import as_of_commit, reading_zone


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


def incident_history(
    root: Path, incident_id: str, revision: str | None = None
) -> History:
    git = Git.open(root)
    tip = as_of_commit(git, revision, reading_zone(root)) if revision else git.head()
    with workspace() as folder:
        found = walk_incident(git, tip, StateReader(git, folder), incident_id)
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
    changes: list[FieldChange] = []
    problems: list[tuple[Diagnostic, int]] = []
    compared: list[tuple[str, str]] = []
    for name in sorted(after.files.keys() | before.files.keys()):
        now, then = after.files.get(name), before.files.get(name)
        if now is not None and now.problem is not None:
            problems.append((now.problem, now.problems))
            continue
        if then is not None and then.fields is None:
            commit, old_fields = last_valid.get(name, ("", {}))
            compared.append((name, commit))
        else:
            old_fields = then.fields if then and then.fields else {}
        new_fields = now.fields if now and now.fields else {}
        old.update(old_fields)
        new.update(new_fields)
        if old_fields is not new_fields:  # a file that did not change is one object
            changes.extend(compare(old_fields, new_fields))
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
    other_fields = [state.fields for state in others]

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
