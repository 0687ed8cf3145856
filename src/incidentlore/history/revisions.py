"""The `revisions` table of the index: every field change of every incident."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from incidentlore.emit.tables import Row
from incidentlore.errors import LoreError
from incidentlore.history.fields import Value
from incidentlore.history.git import Git
from incidentlore.history.history import Revision, read_states, revise, walk
from incidentlore.history.snapshot import StateReader, workspace


@dataclass(frozen=True, slots=True)
class RevisionRows:
    rows: list[Row] = field(default_factory=list)
    commit: str | None = None  # where the history was read from
    note: str | None = None  # for people: why the table is empty or partial


def index_revisions(root: Path, commit: str | None = None) -> RevisionRows:
    """Rows for every incident ever committed up to `commit` (default HEAD).

    A folder outside git, or git without commits, gives no rows and says why: the
    rest of the build does not depend on history.
    """
    try:
        git = Git.open(root)
        tip = commit or git.head()
    except LoreError as error:
        return RevisionRows(note=f"the revisions table is left empty: {error}")
    with workspace() as folder:
        found = walk(git, tip, StateReader(git, folder))
        states = read_states(found, found.lineages)
        histories = [list(revise(found, lineage, states)) for lineage in found.lineages]
    labelled = sorted(
        (
            (_incident_id(revisions, lineage.folder), revisions)
            for revisions, lineage in zip(histories, found.lineages, strict=True)
        ),
        key=lambda pair: pair[0],
    )
    rows = [
        row
        for incident_id, revisions in labelled
        for revision in reversed(revisions)
        for row in revision_rows(incident_id, revision)
    ]
    note = None
    if any(
        r.kind == "shallow-boundary" for _, revisions in labelled for r in revisions
    ):
        note = (
            "this clone is shallow, so the revisions table starts at the shallow "
            "boundary; 'git fetch --unshallow' gives the full history"
        )
    return RevisionRows(rows, tip, note)


def _incident_id(revisions: list[Revision], folder: str) -> str:
    for revision in revisions:  # newest first
        for fields in (revision.new, revision.old):
            if "id" in fields:
                return fields["id"].text
    return folder.rsplit("/", 1)[-1]


def revision_rows(incident_id: str, revision: Revision) -> Iterator[Row]:
    commit = revision.touch.commit
    base: Row = {
        "incident_id": incident_id,
        "commit": commit.id,
        "author": commit.author,
        "author_email": commit.email,
        "authored_at": commit.authored_at.isoformat(),
        "committed_at": commit.committed_at.isoformat(),
        "subject": commit.subject,
        "kind": revision.kind,
    }
    told = False
    if revision.touch.moved:
        told = True
        yield base | _values(
            "folder", "changed", revision.touch.before, revision.touch.folder
        )
    for change in revision.changes:
        told = True
        yield base | {
            "field": change.field,
            "change": change.change,
            **_value("old", change.old),
            **_value("new", change.new),
        }
    for problem, _ in revision.problems:
        told = True
        yield base | _values(None, "invalid", None, str(problem))
    if not told:
        yield base | _values(None, "none", None, None)


def _values(name: str | None, change: str, old: str | None, new: str | None) -> Row:
    return {
        "field": name,
        "change": change,
        "old": old,
        "new": new,
        "old_at": None,
        "new_at": None,
    }


def _value(side: str, value: Value | None) -> Row:
    instant = value.instant if value else None
    return {
        side: value.text if value else None,
        f"{side}_at": instant.start.isoformat() if instant else None,
    }
