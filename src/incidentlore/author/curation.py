"""`lore hide` and `lore star`: which timeline entries the narrative leaves out or
highlights, listed under `timeline:` in incident.yaml."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from incidentlore.author.transaction import EditResult, IncidentEdit
from incidentlore.author.workspace import Workspace, require_known
from incidentlore.errors import LoreError
from incidentlore.lock import writes_repository


class Mark(enum.StrEnum):
    HIDDEN = "hidden"
    STARRED = "starred"

    @property
    def command(self) -> str:
        return "hide" if self is Mark.HIDDEN else "star"


@dataclass(frozen=True, slots=True)
class Curated:
    edit: EditResult
    mark: Mark
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]


@writes_repository
def curate(
    workspace: Workspace,
    incident_id: str,
    entry_ids: Sequence[str],
    mark: Mark,
    *,
    undo: bool = False,
) -> Curated:
    """Add the entries to the `mark` list (or take them off it, with `undo`)."""
    edit = IncidentEdit.begin(workspace, incident_id)
    record = edit.record
    known = [e.signal.id for e in record.signals] + [e.note.id for e in record.notes]
    curation = record.incident.timeline
    listed = list(getattr(curation, mark.value))
    other = Mark.STARRED if mark is Mark.HIDDEN else Mark.HIDDEN
    document = edit.file("incident.yaml")
    changed: list[str] = []
    unchanged: list[str] = []
    for entry_id in dict.fromkeys(entry_ids):
        require_known("signal or note", entry_id, known)
        if (entry_id in listed) != undo:
            unchanged.append(entry_id)
        elif undo:
            document.remove(("timeline", mark.value), listed.index(entry_id))
            listed.remove(entry_id)
            changed.append(entry_id)
        else:
            if entry_id in getattr(curation, other.value):
                raise LoreError(
                    f"{entry_id!r} is {other.value}; run 'lore {other.command} "
                    f"{incident_id} {entry_id} --undo' first"
                )
            document.append(("timeline", mark.value), entry_id)
            listed.append(entry_id)
            changed.append(entry_id)
    return Curated(edit.commit(), mark, tuple(changed), tuple(unchanged))
