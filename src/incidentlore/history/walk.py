"""Walking the git history for incidents' lines of descent.

For one incident, the log is read for its folder alone, and where the folder began
by a move, for the folder it came from: far less for git to compare than every
incident of every commit. The whole walk, over every incident folder, serves the
index and the incidents that are no longer at the tip.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from incidentlore.errors import LoreError
from incidentlore.history.git import Git
from incidentlore.history.lineage import Lineage, Touch, trace
from incidentlore.history.log import Commit, LoggedCommit, parse_changes, read_log
from incidentlore.history.snapshot import StateReader
from incidentlore.load.discover import INCIDENTS_DIR
from incidentlore.model.catalog import Catalog, id_regex


@dataclass(slots=True)
class Walk:
    """Incidents' lines of descent up to one commit, and a reader for their states."""

    git: Git
    tip: str
    reader: StateReader
    catalog: Catalog | None
    lineages: list[Lineage]
    boundary: frozenset[str]

    @property
    def pattern(self) -> re.Pattern[str] | None:
        return id_regex(self.catalog.id_pattern) if self.catalog else None


def walk(git: Git, tip: str, reader: StateReader) -> Walk:
    """Every incident folder ever committed up to `tip`."""
    found = Walk(git, tip, reader, reader.catalog(tip), [], git.shallow_boundary())
    log = read_log(git, tip, [git.path(INCIDENTS_DIR)])
    found.lineages = trace(log, git.prefix, found.pattern)
    return found


def walk_incident(git: Git, tip: str, reader: StateReader, incident_id: str) -> Walk:
    """One incident's line of descent, when its folder is at `tip`; else the whole
    walk, which also finds removed incidents and former ids."""
    found = Walk(git, tip, reader, reader.catalog(tip), [], git.shallow_boundary())
    folders = _folders_named(git, tip, incident_id)
    if len(folders) != 1:
        return walk(git, tip, reader)
    touches: list[Touch] = []
    start, current = tip, folders[0]
    while True:
        log = read_log(git, start, [git.path(current)])
        lineage = trace(log, git.prefix, found.pattern)[0]
        touches += lineage.touches
        oldest = touches[-1]
        if not oldest.created or not oldest.commit.parents:
            break
        parent = oldest.commit.parents[0]
        moved = moves(git, parent, oldest.commit.id, found.pattern).get(current)
        if moved is None:
            break
        touches[-1] = dataclasses.replace(moved, commit=oldest.commit)
        start, current = parent, moved.before
    found.lineages = [Lineage(touches)]
    return found


def moves(
    git: Git, base: str, head: str | None, pattern: re.Pattern[str] | None
) -> dict[str, Touch]:
    """Incident folders moved between two commits (or a commit and the working
    tree), by the folder they moved to."""
    ends = [base] if head is None else [base, head]
    raw = git.run(
        [
            "diff",
            "-M",
            "--raw",
            "-z",
            "--no-abbrev",
            *ends,
            "--",
            git.path(INCIDENTS_DIR),
        ]
    )
    logged = LoggedCommit(_NO_COMMIT, tuple(parse_changes(raw)))
    return {
        touch.folder: touch
        for lineage in trace([logged], git.prefix, pattern)
        for touch in lineage.touches
        if touch.moved
    }


def find(found: Walk, incident_id: str, revision: str) -> Lineage:
    """The line of descent of `incident_id`: its folder now, else any it had."""

    def named(folder: str) -> bool:
        name = folder.rsplit("/", 1)[-1]
        return name == incident_id or name.startswith(incident_id + "-")

    for lineage in found.lineages:
        if named(lineage.folder) and not lineage.touches[0].removed:
            return lineage
    for lineage in found.lineages:
        if any(named(touch.folder) for touch in lineage.touches):
            return lineage
    raise LoreError(
        f"no incident {incident_id!r} in the history of {revision}; "
        + _hint(found, incident_id)
    )


def _hint(found: Walk, incident_id: str) -> str:
    known = sorted(
        {
            _folder_id(touch.folder, found.pattern)
            for lineage in found.lineages
            for touch in lineage.touches
        }
    )
    close = difflib.get_close_matches(incident_id, known, n=3, cutoff=0.6)
    if close:
        return f"did you mean {', '.join(close)}?"
    count = len(found.lineages)
    return f"{count} incident{' was' if count == 1 else 's were'} ever committed"


def _folder_id(folder: str, pattern: re.Pattern[str] | None) -> str:
    name = folder.rsplit("/", 1)[-1]
    match = pattern.match(name) if pattern else None
    return match.group(0) if match else name


def _folders_named(git: Git, tip: str, incident_id: str) -> Sequence[str]:
    """Incident folders at `tip` named for `incident_id`, inside the repository."""
    listing = git.run(
        ["ls-tree", "-r", "-d", "-z", "--name-only", tip, "--", git.path(INCIDENTS_DIR)]
    )
    found = []
    for name in listing.decode("utf-8", "surrogateescape").split("\0"):
        parts = name[len(git.prefix) :].split("/")
        if len(parts) == 3 and (
            parts[2] == incident_id or parts[2].startswith(incident_id + "-")
        ):
            found.append("/".join(parts))
    return found


# Stands for the commit of a diff between two trees, which has no message or author.
_EPOCH = datetime.fromtimestamp(0, UTC)
_NO_COMMIT = Commit("", (), "", "", _EPOCH, _EPOCH, "")
