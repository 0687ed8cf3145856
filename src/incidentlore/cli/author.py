"""Commands that start a repository or an incident and change its key facts:
init, new, set, status."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import click

from incidentlore.author.create import NewIncident, new_incident
from incidentlore.author.incidents import FieldSet, set_field, set_status
from incidentlore.author.init import init_repository
from incidentlore.author.transaction import EditResult
from incidentlore.author.workspace import Workspace
from incidentlore.cli.completion import (
    complete_field,
    complete_incident,
    complete_outcome,
    complete_service,
    complete_severity,
    complete_status,
    complete_team,
)
from incidentlore.cli.options import LoreContext, pass_lore
from incidentlore.model.times import Instant
from incidentlore.wording import plural, printable


def now() -> datetime:
    return datetime.now(UTC)


def workspace(lore: LoreContext) -> Workspace:
    return Workspace.open(lore.root())


def report(result: EditResult) -> None:
    """Say on stderr which problems the incident had before and still has."""
    if not result.remaining:
        return
    click.echo(
        f"warning: {result.incident_id} still has "
        f"{plural(len(result.remaining), 'problem')} that this edit did not cause:",
        err=True,
    )
    for problem in result.remaining:
        click.echo(f"  {problem}", err=True)


def utc(instant: Instant) -> str:
    return f"{instant.start:%Y-%m-%d %H:%M:%S} UTC".replace(":00 UTC", " UTC")


@click.command("init")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
@pass_lore
def init_command(lore: LoreContext, path: Path) -> None:
    """Create a new incident repository.

    Writes lore.yaml with an example catalog, templates, JSON Schemas for editors,
    .gitignore, a pre-commit hook and a README.

    Refuses to touch a folder that already has lore.yaml; other files that exist
    are kept as they are.

    \b
    Example:
      lore init incidents-repo
      cd incidents-repo && git init && lore validate
    """
    result = init_repository(lore.directory / path)
    for name in result.kept:
        click.echo(f"kept existing {name}", err=True)
    click.echo(f"created an incident repository in {result.root}")
    click.echo("next: edit lore.yaml (services, teams), then 'lore new'")


@click.command("new")
@click.argument("title")
@click.option("--severity", required=True, shell_complete=complete_severity)
@click.option(
    "--service",
    "services",
    multiple=True,
    shell_complete=complete_service,
    help="Affected service (repeatable).",
)
@click.option(
    "--team",
    "teams",
    multiple=True,
    shell_complete=complete_team,
    help="Involved team (repeatable).",
)
@click.option(
    "--started",
    help="When it started: '2026-11-30 14:02 Europe/Berlin', or a time of day "
    "for today. Default: now.",
)
@click.option(
    "--status",
    shell_complete=complete_status,
    help="Default: the first status in lore.yaml.",
)
@click.option("--outcome", shell_complete=complete_outcome)
@click.option(
    "--timezone",
    help="Zone for this incident's times written without one.",
)
@click.option("--slug", help="Folder name after the id (default: from the title).")
@pass_lore
def new_command(
    lore: LoreContext,
    title: str,
    severity: str,
    services: tuple[str, ...],
    teams: tuple[str, ...],
    started: str | None,
    status: str | None,
    outcome: str | None,
    timezone: str | None,
    slug: str | None,
) -> None:
    """Start an incident with the next id.

    Creates the incident's folder and files and prints the folder's path.

    \b
    Example:
      lore new "Checkout errors after deploy" --severity SEV2 \\
          --service checkout --started "2026-11-30 14:02 Europe/Berlin"
    """
    request = NewIncident(
        title, severity, services, teams, started, status, outcome, timezone, slug
    )
    created = new_incident(workspace(lore), request, now())
    click.echo(
        f"created {created.incident_id}, started {utc(created.started)}", err=True
    )
    click.echo(os.path.relpath(created.folder, lore.directory))


def _say_set(result: FieldSet) -> None:
    incident_id = result.edit.incident_id
    # The value as typed may hold control characters; they are shown, not sent.
    stored = printable(result.new) if "\n" not in result.new else "(text)"
    if not result.changed:
        click.echo(f"{incident_id}: {result.field} is already {stored}")
        return
    line = f"{incident_id}: {result.field} = {stored}"
    if result.instant is not None and result.instant.zone not in ("UTC", "Z"):
        line += f" (= {utc(result.instant)})"
    click.echo(line)
    report(result.edit)


@click.command("set")
@click.argument("incident_id", shell_complete=complete_incident)
@click.argument("field", shell_complete=complete_field)
@click.argument("value")
@pass_lore
def set_command(lore: LoreContext, incident_id: str, field: str, value: str) -> None:
    """Set one field of an incident.

    FIELD is title, severity, status, outcome, summary, impact, timezone, a key
    time (started, detected, acknowledged, mitigated, resolved) or roles.<role>.

    A key time may be a bare time of day: it takes the incident's date and the
    zone from the incident's timezone: (or default_timezone in lore.yaml).
    Everything else in the file stays as it was written.

    \b
    Example:
      lore set INC-2026-0003 mitigated "15:40"
      lore set INC-2026-0003 severity SEV1
      lore set INC-2026-0003 roles.commander "Ana Lima"
    """
    _say_set(set_field(workspace(lore), incident_id, field, value))


@click.command("status")
@click.argument("incident_id", shell_complete=complete_incident)
@click.argument("status", shell_complete=complete_status)
@pass_lore
def status_command(lore: LoreContext, incident_id: str, status: str) -> None:
    """Change an incident's status (one that lore.yaml lists).

    \b
    Example:
      lore status INC-2026-0003 resolved
    """
    result = set_status(workspace(lore), incident_id, status)
    _say_set(result)
    if result.unset_time is not None:
        click.echo(
            f"hint: to record when, run: lore set {incident_id} "
            f"{result.unset_time} TIME",
            err=True,
        )
