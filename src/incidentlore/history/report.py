"""History and blame as text for people and JSON for programs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from incidentlore.errors import Diagnostic
from incidentlore.history.blame import Blame
from incidentlore.history.describe import MINUS, describe
from incidentlore.history.fields import FieldChange, Value
from incidentlore.history.history import History, Revision
from incidentlore.model.times import format_offset, zone_named
from incidentlore.wording import plural

SHALLOW = (
    "shallow clone: the history before this commit is not here "
    "('git fetch --unshallow' gets it)"
)
_RAW = "raw/"
_RAW_SIGNS = {"A": "+", "D": MINUS, "M": "~"}


def history_text(history: History) -> str:
    zone = zone_named(history.display_timezone)
    lines = [
        f"{history.incident_id}: {plural(len(history.revisions), 'revision')}, "
        f"newest first; times in {history.display_timezone}"
    ]
    for revision in history.revisions:
        lines.append("")
        lines.append(_heading(revision, zone))
        lines.extend(f"    {line}" for line in revision_lines(revision, zone))
    return "\n".join(lines) + "\n"


def revision_lines(revision: Revision, zone: tzinfo) -> list[str]:
    """What a revision did, one line per change, for any report that lists it."""
    touch = revision.touch
    if revision.kind == "shallow-boundary":
        return [SHALLOW]
    lines = preamble(touch.before if touch.moved else None, revision.problems)
    for name, commit in revision.compared_with:
        lines.append(
            f"{name} compared with {commit[:10] or 'nothing'}, "
            "its last version that validated"
        )
    lines.extend(describe(revision.changes, revision.old, revision.new, zone))
    for path, status in touch.files:
        if path.startswith(_RAW) and status in _RAW_SIGNS:
            lines.append(f"raw {_RAW_SIGNS[status]} {path.removeprefix(_RAW)}")
    if not lines:
        lines.append("no field changes (formatting, comments or line endings only)")
    return lines


def preamble(
    moved_from: str | None, problems: Sequence[tuple[Diagnostic, int]]
) -> list[str]:
    """The lines that come before the field changes: a move, files that do not
    validate (with the first problem and how many more there are)."""
    lines = [f"moved from {moved_from}"] if moved_from else []
    for problem, count in problems:
        more = f" (and {count - 1} more)" if count > 1 else ""
        lines.append(f"does not validate here: {problem}{more}")
    return lines


def history_json(history: History) -> str:
    document = {
        "incident": history.incident_id,
        "folder": history.folder,
        "tip": history.tip,
        "shallow": history.shallow,
        "display_timezone": history.display_timezone,
        "revisions": [
            _revision_json(r, history.display_timezone) for r in history.revisions
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def blame_text(found: Blame) -> str:
    history = found.history
    zone = zone_named(history.display_timezone)
    shown = describe([found.change], found.revision.old, found.revision.new, zone)
    value = f"= {found.value.text}" if found.value is not None else "is not set"
    lines = [
        f"{history.incident_id} {found.field} {value}",
        _heading(found.revision, zone, email=True),
    ]
    if found.shallow:
        lines.append(f"    set at or before this commit; {SHALLOW}")
    else:
        lines.extend(f"    {line}" for line in shown)
    body = found.revision.touch.commit.message.split("\n", 1)[1:]
    lines.extend(
        f"    {line}".rstrip() for line in "".join(body).strip("\n").splitlines()
    )
    return "\n".join(lines) + "\n"


def blame_json(found: Blame) -> str:
    history = found.history
    document = {
        "incident": history.incident_id,
        "field": found.field,
        "value": _value_json(found.value),
        "shallow": found.shallow,
        "change": change_json(found.change),
        **_commit_json(found.revision),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _heading(revision: Revision, zone: tzinfo, *, email: bool = False) -> str:
    commit = revision.touch.commit
    who = f"{commit.author} <{commit.email}>" if email else commit.author
    return f"{commit.short}  {_when(commit.authored_at, zone)}  {who}  {commit.subject}"


def _when(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {format_offset(local)}"


def stamp(moment: datetime) -> str:
    """An instant in UTC, as JSON outputs write it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _revision_json(revision: Revision, zone_name: str) -> dict[str, Any]:
    zone = zone_named(zone_name)
    touch = revision.touch
    return {
        **_commit_json(revision),
        "kind": revision.kind,
        "folder": touch.folder,
        "previous_folder": touch.before if touch.moved else None,
        "summary": revision_lines(revision, zone),
        "changes": [change_json(change) for change in revision.changes],
        "problems": [problem_json(p, count) for p, count in revision.problems],
        "files": [{"path": path, "status": status} for path, status in touch.files],
    }


def _commit_json(revision: Revision) -> dict[str, Any]:
    commit = revision.touch.commit
    return {
        "commit": commit.id,
        "parents": list(commit.parents),
        "author": commit.author,
        "email": commit.email,
        "authored_at": stamp(commit.authored_at),
        "committed_at": stamp(commit.committed_at),
        "message": commit.message,
    }


def change_json(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "change": change.change,
        "old": _value_json(change.old),
        "new": _value_json(change.new),
    }


def _value_json(value: Value | None) -> Any:
    if value is None:
        return None
    if value.instant is not None:
        return {
            "written": value.text,
            "start": stamp(value.instant.start),
            "end": stamp(value.instant.end),
        }
    if value.kind == "items":
        return list(value.items)
    return value.text


def problem_json(problem: Diagnostic, count: int) -> dict[str, Any]:
    where = problem.location
    return {
        "file": where.path,
        "line": where.line,
        "column": where.column,
        "message": problem.message,
        "problems_in_file": count,
    }
