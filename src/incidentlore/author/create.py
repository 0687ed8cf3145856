"""`lore new`: the next id, a folder named after it, and the incident's first files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from incidentlore.author.ids import next_id, slugify
from incidentlore.author.times import now_text, typed_time, zone_rule
from incidentlore.author.transaction import MODELS, check_written
from incidentlore.author.workspace import Workspace, require_known, typed_title
from incidentlore.author.yamledit import YamlText
from incidentlore.author.yamlrender import Value
from incidentlore.emit.write import folder_beside, write_atomic
from incidentlore.errors import Diagnostic, LoreError, UsageError
from incidentlore.load.discover import INCIDENTS_DIR, IncidentFolder
from incidentlore.lock import writes_repository
from incidentlore.model.times import Instant, TimeError, zone_named

# What a new incident starts with besides incident.yaml: empty lists to append to and
# a post-mortem outline to fill in. Comments say what goes where.
_STARTERS: dict[str, tuple[str, dict[str, Value]]] = {
    "notes.yaml": (
        "# Notes, decisions, hypotheses and questions; 'lore note' adds one.\n",
        {"notes": []},
    ),
    "signals.yaml": (
        "# Hand-entered signals. Exports from tools go under raw/<source>/.\n",
        {"signals": []},
    ),
    "postmortem.yaml": (
        "# The post-mortem. Empty keys are ignored; factor categories are in "
        "lore.yaml.\n",
        {
            "summary": None,
            "trigger": None,
            "contributing_factors": [],
            "went_well": [],
            "went_badly": [],
            "action_items": [],
            "lessons": [],
            "review": {"state": "draft"},
        },
    ),
}


@dataclass(frozen=True, slots=True)
class NewIncident:
    title: str
    severity: str
    services: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    started: str | None = None
    status: str | None = None
    outcome: str | None = None
    timezone: str | None = None
    slug: str | None = None


@dataclass(frozen=True, slots=True)
class Created:
    incident_id: str
    folder: Path
    started: Instant
    written: tuple[str, ...] = field(default=())
    remaining: tuple[Diagnostic, ...] = field(default=())


@writes_repository
def new_incident(workspace: Workspace, request: NewIncident, now: datetime) -> Created:
    incident = _incident_data(workspace, request, now)
    started = _started(workspace, request, now)
    incident["times"] = {"started": started.text}
    year = started.local_start().year
    folders = workspace.incident_folders()
    incident_id = next_id(workspace.catalog.id_pattern, year, folders)
    incident = {"id": incident_id, **incident}
    slug = request.slug if request.slug is not None else slugify(request.title)
    if slug and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise UsageError(f"--slug: {slug!r} must be lowercase words joined by '-'")
    year_folder = workspace.root / INCIDENTS_DIR / str(year)
    target = year_folder / (f"{incident_id}-{slug}" if slug else incident_id)
    documents = {"incident.yaml": ("", {**incident})} | _STARTERS
    written = _create(workspace, target, incident_id, documents)
    return Created(incident_id, target, started, written)


def _incident_data(
    workspace: Workspace, request: NewIncident, now: datetime
) -> dict[str, Value]:
    catalog = workspace.catalog
    title = typed_title(request.title, "the title")
    status = request.status or catalog.statuses[0].id
    outcome = [request.outcome] if request.outcome else []
    checks: list[tuple[str, Sequence[str], list[str]]] = [
        ("severity", [request.severity], [s.id for s in catalog.severities]),
        ("status", [status], [s.id for s in catalog.statuses]),
        ("outcome", outcome, [o.id for o in catalog.outcomes]),
        ("service", request.services, list(catalog.services)),
        ("team", request.teams, list(catalog.teams)),
    ]
    for kind, values, known in checks:
        for value in values:
            require_known(kind, value, known, option=f"--{kind}", catalog=True)
    data: dict[str, Value] = {
        "title": title,
        "severity": request.severity,
        "status": status,
    }
    if request.outcome:
        data["outcome"] = request.outcome
    if request.services:
        data["services"] = list(dict.fromkeys(request.services))
    if request.teams:
        data["teams"] = list(dict.fromkeys(request.teams))
    if request.timezone:
        try:
            zone_named(request.timezone)
        except TimeError as error:
            raise UsageError(f"--timezone: {error}") from None
        data["timezone"] = request.timezone
    return data


def _started(workspace: Workspace, request: NewIncident, now: datetime) -> Instant:
    zone = request.timezone or zone_rule(None, workspace.catalog)
    today = typed_time("now", now_text(now, zone), None, None)
    if request.started is None:
        return today
    return typed_time("--started", request.started, zone, today)


def _create(
    workspace: Workspace,
    target: Path,
    incident_id: str,
    documents: dict[str, tuple[str, dict[str, Value]]],
) -> tuple[str, ...]:
    """Write every file into a hidden folder beside `target`, check the incident
    there, then rename the folder into place: it appears whole or not at all."""
    if target.exists():
        raise LoreError(f"{workspace.name(target)} already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = folder_beside(target)
    try:
        checks = {}
        for name, (comment, data) in documents.items():
            document = _document(workspace, target, name, comment, data)
            path = staging / name
            write_atomic(path, document.text)
            checks[name] = (path, document)
        folder = IncidentFolder(
            target, workspace.name(target), target.parent.name, {}, ()
        )
        check_written(workspace, folder, checks, [], incident_id)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return tuple(workspace.name(target / name) for name in documents)


def _document(
    workspace: Workspace,
    folder: Path,
    name: str,
    comment: str,
    data: dict[str, Value],
) -> YamlText:
    line = workspace.modeline(folder, name.replace(".yaml", ".schema.json"))
    header = (f"{line}\n" if line else "") + comment
    document = YamlText(header, None, workspace.name(folder / name), MODELS[name])
    for key, value in data.items():
        document.set((key,), value)
    return document
