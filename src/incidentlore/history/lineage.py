"""Which commits touched which incident, following folders across moves and renames.

An incident is its folder's line of descent: a year-folder move, a new slug or a new
id renames the folder, and git's rename detection links the two names. When a rename
is also a rewrite too large for git to pair the files, the folder names' incident ids
(from id_pattern) link them instead.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from incidentlore.history.log import Commit, FileChange, LoggedCommit
from incidentlore.load.discover import INCIDENTS_DIR

ENTITY_FILE = "incident.yaml"


@dataclass(frozen=True, slots=True)
class Touch:
    """What one commit did to one incident's folder (paths inside the repository)."""

    commit: Commit
    folder: str
    before: str
    files: tuple[tuple[str, str], ...]  # (path inside the folder, git status), sorted
    created: bool
    removed: bool

    @property
    def moved(self) -> bool:
        return self.before != self.folder


@dataclass(slots=True)
class Lineage:
    touches: list[Touch] = field(default_factory=list)  # newest first

    @property
    def folder(self) -> str:
        return self.touches[0].folder


def trace(
    log: list[LoggedCommit], prefix: str, id_pattern: re.Pattern[str] | None
) -> list[Lineage]:
    """Every incident folder's line of descent, from a log read newest first."""
    current: dict[str, Lineage] = {}
    found: list[Lineage] = []
    for logged in log:
        for touch in _touches(logged, prefix, id_pattern):
            lineage = current.get(touch.folder)
            if lineage is None:
                lineage = Lineage()
                found.append(lineage)
                current[touch.folder] = lineage
            lineage.touches.append(touch)
            if touch.created:
                # Anything older at this path was another incident.
                current.pop(touch.before, None)
            else:
                current[touch.before] = lineage
    return found


def _split(path: str | None, prefix: str) -> tuple[str, str] | None:
    """(folder, path inside it) for a file of an incident folder, else None."""
    if path is None or not path.startswith(prefix):
        return None
    parts = path[len(prefix) :].split("/", 3)
    if len(parts) < 4 or parts[0] != INCIDENTS_DIR:
        return None
    return "/".join(parts[:3]), parts[3]


def _touches(
    logged: LoggedCommit, prefix: str, id_pattern: re.Pattern[str] | None
) -> list[Touch]:
    after: dict[str, dict[str, str]] = defaultdict(dict)
    before: dict[str, dict[str, str]] = defaultdict(dict)
    pairs: Counter[tuple[str, str]] = Counter()
    for change in logged.changes:
        new = _split(change.new_path, prefix)
        old = _split(change.old_path, prefix)
        if new:
            after[new[0]][new[1]] = change.status
        if old:
            before[old[0]][old[1]] = change.status
        if new and old and new[0] != old[0]:
            # The entity file decides where a folder came from.
            pairs[new[0], old[0]] += 100 if new[1] == ENTITY_FILE else 1
    moves: dict[str, str] = {}
    for (new_folder, old_folder), _ in pairs.most_common():
        moves.setdefault(new_folder, old_folder)
    changes = logged.changes
    touches = []
    for folder in sorted(after):
        source = moves.get(folder) or _rewritten_from(
            folder, changes, prefix, id_pattern
        )
        touches.append(_touch(logged.commit, folder, source or folder, after, before))
    sources = set(moves.values()) | {t.before for t in touches}
    for folder in sorted(set(before) - set(after) - sources):
        touches.append(_touch(logged.commit, folder, folder, after, before))
    return touches


def _touch(
    commit: Commit,
    folder: str,
    source: str,
    after: dict[str, dict[str, str]],
    before: dict[str, dict[str, str]],
) -> Touch:
    now, then = after.get(folder, {}), before.get(source, {})
    entity_now, entity_then = ENTITY_FILE in now, ENTITY_FILE in then
    moved = source != folder
    return Touch(
        commit=commit,
        folder=folder,
        before=source,
        files=tuple(sorted(then.items() | now.items())),
        created=entity_now and not entity_then and not moved,
        removed=entity_then and not entity_now and not moved,
    )


def _rewritten_from(
    folder: str,
    changes: tuple[FileChange, ...],
    prefix: str,
    id_pattern: re.Pattern[str] | None,
) -> str | None:
    """A folder deleted in the same commit whose name carries the same incident id."""
    if id_pattern is None:
        return None
    wanted = _folder_id(folder, id_pattern)
    if wanted is None:
        return None
    for change in changes:
        old = _split(change.old_path, prefix)
        if (
            old
            and change.new_path is None
            and old[1] == ENTITY_FILE
            and old[0] != folder
            and _folder_id(old[0], id_pattern) == wanted
        ):
            return old[0]
    return None


def _folder_id(folder: str, id_pattern: re.Pattern[str]) -> str | None:
    name = folder.rsplit("/", 1)[-1]
    match = id_pattern.match(name)
    if match is None:
        return None
    rest = name[match.end() :]
    return match.group(0) if rest == "" or rest.startswith("-") else None
