"""`lore note`: human context added to an incident's notes.yaml."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from incidentlore.author.ids import NOTE_PREFIX, next_numbered
from incidentlore.author.times import now_text, typed_time, zone_rule
from incidentlore.author.transaction import EditResult, IncidentEdit
from incidentlore.author.workspace import Workspace, require_known
from incidentlore.author.yamlrender import Value
from incidentlore.errors import UsageError
from incidentlore.lock import writes_repository
from incidentlore.model.note import NoteKind
from incidentlore.model.times import Instant


@dataclass(frozen=True, slots=True)
class NoteRequest:
    text: str
    kind: NoteKind = NoteKind.NOTE
    about: str | None = None
    at: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class NoteAdded:
    edit: EditResult
    note_id: str
    at: Instant
    author: str | None


@writes_repository
def add_note(
    workspace: Workspace, incident_id: str, request: NoteRequest, now: datetime
) -> NoteAdded:
    """Append a note; its time defaults to the signal it is about, else to now."""
    edit = IncidentEdit.begin(workspace, incident_id)
    record = edit.record
    text = request.text.strip()
    if not text:
        raise UsageError("the note's text must not be empty")
    signals = {entry.signal.id: entry.signal for entry in record.signals}
    if request.about is not None:
        require_known("signal", request.about, signals, option="--about")
    zone = zone_rule(record.incident, workspace.catalog)
    started = record.incident.times.started
    if request.at is not None:
        at = typed_time("--at", request.at, zone, started)
    elif request.about is not None:
        at = signals[request.about].at
    else:
        at = typed_time("now", now_text(now, zone), None, None)
    taken = {entry.note.id for entry in record.notes} | set(signals)
    note_id = next_numbered(NOTE_PREFIX, taken)
    note: dict[str, Value] = {"id": note_id, "at": at.text, "kind": request.kind.value}
    if request.author:
        note["author"] = request.author
    if request.about is not None:
        note["about"] = request.about
    note["text"] = text
    edit.file("notes.yaml").append(("notes",), note)
    return NoteAdded(edit.commit(), note_id, at, request.author)


def git_user_name(folder: Path) -> str | None:
    """git's user.name as seen from `folder`, or None when git or the name is
    missing: a note without an author is better than no note."""
    try:
        found = subprocess.run(
            ["git", "config", "user.name"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = found.stdout.strip()
    return name if found.returncode == 0 and name else None
