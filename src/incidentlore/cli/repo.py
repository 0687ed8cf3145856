"""Commands over the whole repository: validate, build, timeline, schemas."""

from __future__ import annotations

import json
from pathlib import Path

import click

from incidentlore.assemble.resolve import resolve
from incidentlore.build import build
from incidentlore.cli.check import build_check
from incidentlore.cli.options import LoreContext, format_option, pass_lore
from incidentlore.cli.output import table
from incidentlore.emit.display import rows
from incidentlore.emit.export import entry_out
from incidentlore.emit.markdown import Renderer
from incidentlore.errors import Diagnostic, LoreError, UsageError
from incidentlore.history.asof import build_as_of
from incidentlore.model.times import TimeError, zone_named
from incidentlore.schemas import generate, stale
from incidentlore.validate.repository import load_repository


def _warn(warnings: tuple[Diagnostic, ...]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)


@click.command("validate")
@pass_lore
def validate_command(lore: LoreContext) -> None:
    """Check every file of the repository; exit 1 if anything is wrong.

    \b
    Example:
      lore validate
    """
    repository = load_repository(lore.root())
    _warn(repository.warnings)
    signals = sum(len(r.signals) for r in repository.incidents)
    notes = sum(len(r.notes) for r in repository.incidents)
    click.echo(
        f"ok: {len(repository.incidents)} incidents, {signals} signals, {notes} notes"
    )


@click.command("build")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the outputs (default: build_dir in lore.yaml).",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; fail with a diff if the outputs on disk are not current.",
)
@click.option(
    "--as-of",
    "as_of",
    default=None,
    help="Build the repository as it was at a commit, tag or date "
    "(into <build_dir>/as-of-<commit> unless --output is given).",
)
@pass_lore
def build_command(
    lore: LoreContext, output: Path | None, check_only: bool, as_of: str | None
) -> None:
    """Compile Markdown, JSON and the DuckDB index from the repository.

    \b
    Example:
      lore build
      lore build --output /tmp/site
      lore build --check
      lore build --as-of v2025.1
    """
    if check_only and as_of:
        raise UsageError("--check compares the working tree; leave out --as-of")
    if check_only:
        build_check(lore.root(), output)
        return
    result = (
        build_as_of(lore.root(), as_of, output) if as_of else build(lore.root(), output)
    )
    _warn(result.warnings)
    for note in result.notes:
        click.echo(f"lore: {note}", err=True)
    click.echo(
        f"built {result.incidents} incidents into {result.output} "
        f"({len(result.changed)} files changed, {len(result.removed)} removed); "
        f"index: {result.index}"
    )


@click.command("timeline")
@click.argument("incident_id")
@format_option("table", "json", "markdown")
@click.option("--tz", "zone_name", default=None, help="Show times in this zone.")
@pass_lore
def timeline_command(
    lore: LoreContext, incident_id: str, fmt: str, zone_name: str | None
) -> None:
    """Print one incident's timeline.

    \b
    Example:
      lore timeline INC-2018-0001 --tz America/New_York
    """
    repository = load_repository(lore.root())
    record = repository.incident(incident_id)
    if record is None:
        known = ", ".join(r.id for r in repository.incidents)
        raise LoreError(f"no incident {incident_id!r}; known: {known}")
    zone_name = zone_name or repository.catalog.display_timezone
    try:
        zone = zone_named(zone_name)
    except TimeError as error:
        raise UsageError(f"--tz: {error}") from None
    (resolved,) = [r for r in resolve(repository) if r.id == incident_id]
    shown = rows(resolved.timeline, zone)
    if fmt == "json":
        entries = [
            entry_out(i, row.entry, row.date, row.time).model_dump(mode="json")
            for i, row in enumerate(shown)
        ]
        click.echo(json.dumps(entries, indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        renderer = Renderer(repository.root, repository.catalog, zone, zone_name)
        click.echo(renderer.timeline(resolved), nl=False)
    else:
        click.echo(f"{resolved.id}: times in {zone_name}")
        click.echo(
            table(
                ("date", "time", "kind", "source", "id", "what"),
                [
                    (
                        row.date,
                        row.time,
                        row.entry.category,
                        row.entry.source,
                        row.entry.id,
                        ("↳ " if row.entry.about else "") + row.entry.text,
                    )
                    for row in shown
                ],
            ),
            nl=False,
        )


@click.command("schemas")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the JSON Schemas into.",
)
@click.option("--check", is_flag=True, help="Only report schemas that are out of date.")
def schemas_command(output: Path, check: bool) -> None:
    """Write the JSON Schemas of the YAML files and of the JSON export.

    \b
    Example:
      lore schemas --output schemas
      lore schemas --check
    """
    if check:
        outdated = stale(output)
        if outdated:
            raise LoreError(
                f"out of date in {output}: {', '.join(outdated)}; "
                f"run 'lore schemas --output {output}'"
            )
        click.echo(f"schemas in {output} are up to date")
        return
    output.mkdir(parents=True, exist_ok=True)
    for name, text in generate().items():
        (output / name).write_text(text, encoding="utf-8")
    click.echo(f"wrote {len(generate())} schemas to {output}")
