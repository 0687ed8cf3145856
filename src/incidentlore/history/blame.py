"""`lore blame ID FIELD`: the commit that last set a field, by whom, and why."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from incidentlore.errors import LoreError
from incidentlore.history.fields import FieldChange, Value
from incidentlore.history.history import History, Revision, incident_history


@dataclass(frozen=True, slots=True)
class Blame:
    history: History
    field: str
    value: Value | None  # None when the newest revision no longer has the field
    revision: Revision
    change: FieldChange

    @property
    def shallow(self) -> bool:
        """The value was set at or before the revision, which a shallow clone cut."""
        return self.revision.kind == "shallow-boundary"


def blame(
    root: Path, incident_id: str, field: str, revision: str | None = None
) -> Blame:
    history = incident_history(root, incident_id, revision)
    return blame_in(history, field)


def blame_in(history: History, field: str) -> Blame:
    for revision in history.revisions:  # newest first
        for change in revision.changes:
            if change.field == field:
                return Blame(history, field, change.new, revision, change)
    known = sorted({path for r in history.revisions for path in r.new})
    close = difflib.get_close_matches(field, known, n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise LoreError(
        f"{history.incident_id} has no field {field!r} in its history; {hint}"
        "Fields are dotted paths such as severity, times.detected or "
        "postmortem.action_items.AI-1.status ('lore history "
        f"{history.incident_id} --format json' lists them)"
    )
