"""The `revisions` table of the index: every field change of every incident."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentlore import __version__
from incidentlore.emit.tables import TABLES, Row
from incidentlore.emit.write import write_atomic
from incidentlore.errors import LoreError
from incidentlore.history.fields import Value
from incidentlore.history.git import Git
from incidentlore.history.history import Revision, read_states, revise
from incidentlore.history.lineage import Lineage
from incidentlore.history.snapshot import StateReader, workspace
from incidentlore.history.walk import walk

CACHE_FILE = ".revisions-cache.json"
# Rows depend on the commits and on how this version of lore reads them.
CACHE_VERSION = f"{__version__}/1"


@dataclass(frozen=True, slots=True)
class RevisionRows:
    rows: list[Row] = field(default_factory=list)
    commit: str | None = None  # where the history was read from
    note: str | None = None  # for people: why the table is empty or partial


def index_revisions(
    root: Path, commit: str | None = None, cache: Path | None = None
) -> RevisionRows:
    """Rows for every incident ever committed up to `commit` (default HEAD).

    A folder outside git, or git without commits, gives no rows and says why: the
    rest of the build does not depend on history. `cache` keeps each incident's
    rows by the commits that made them, so that only incidents with new commits
    are read again.
    """
    try:
        git = Git.open(root)
        tip = commit or git.head()
    except LoreError as error:
        return RevisionRows(note=f"the revisions table is left empty: {error}")
    stored = _load(cache)
    entries: dict[str, Entry] = {}
    with workspace() as folder:
        found = walk(git, tip, StateReader(git, folder))
        keys = [_key(lineage) for lineage in found.lineages]
        fresh = [
            line
            for line, key in zip(found.lineages, keys, strict=True)
            if key not in stored
        ]
        states = read_states(found, fresh)
        for lineage, key in zip(found.lineages, keys, strict=True):
            entries[key] = stored.get(key) or _entry(
                list(revise(found, lineage, states)), lineage
            )
    if cache is not None:
        kept = {"version": CACHE_VERSION, "lineages": entries}
        write_atomic(cache, json.dumps(kept, separators=(",", ":")) + "\n")
    ordered = sorted(entries.values(), key=lambda entry: entry["incident_id"])
    rows = [
        dict(zip(COLUMNS, [entry["incident_id"], *values], strict=True))
        for entry in ordered
        for values in entry["rows"]
    ]
    note = None
    if any(row["kind"] == "shallow-boundary" for row in rows):
        note = (
            "this clone is shallow, so the revisions table starts at the shallow "
            "boundary; 'git fetch --unshallow' gives the full history"
        )
    return RevisionRows(rows, tip, note)


# {"incident_id": ..., "rows": [[value, ...], ...]}: rows oldest first, their values
# in the order of the table's columns after incident_id.
Entry = dict[str, Any]
COLUMNS = [name for name, _ in TABLES["revisions"]]


def _entry(revisions: list[Revision], lineage: Lineage) -> Entry:
    incident_id = _incident_id(revisions, lineage.folder)
    return {
        "incident_id": incident_id,
        "rows": [
            [row[name] for name in COLUMNS[1:]]
            for revision in reversed(revisions)
            for row in revision_rows(revision)
        ],
    }


def _key(lineage: Lineage) -> str:
    """What a lineage's rows depend on: its commits and folders."""
    text = "\n".join(f"{t.commit.id} {t.before} {t.folder}" for t in lineage.touches)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _load(cache: Path | None) -> dict[str, Entry]:
    if cache is None or not cache.is_file():
        return {}
    try:
        stored = json.loads(cache.read_text("utf-8"))
    except (OSError, ValueError):
        return {}  # a damaged cache is only slower: everything is read again
    if not isinstance(stored, dict) or stored.get("version") != CACHE_VERSION:
        return {}
    lineages = stored.get("lineages")
    return lineages if isinstance(lineages, dict) else {}


def _incident_id(revisions: list[Revision], folder: str) -> str:
    for revision in revisions:  # newest first
        for fields in (revision.new, revision.old):
            if "id" in fields:
                return fields["id"].text
    return folder.rsplit("/", 1)[-1]


def revision_rows(revision: Revision) -> Iterator[Row]:
    """The rows of one revision, without the incident's id."""
    commit = revision.touch.commit
    base: Row = {
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
