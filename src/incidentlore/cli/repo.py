"""Commands over the whole repository: validate, build, timeline, schemas."""

from __future__ import annotations

from pathlib import Path

import click

from incidentlore.assemble.resolve import resolve_incident
from incidentlore.build import build, check
from incidentlore.cli.check import build_check
from incidentlore.cli.completion import complete_incident
from incidentlore.cli.options import LoreContext, format_option, jobs_option, pass_lore
from incidentlore.cli.output import table
from incidentlore.emit.display import rows
from incidentlore.emit.export import timeline_json
from incidentlore.emit.index import PARQUET_DIR
from incidentlore.emit.markdown import Renderer
from incidentlore.errors import Diagnostic, LoreError, UsageError
from incidentlore.history.asof import build_as_of
from incidentlore.model.times import TimeError, zone_named
from incidentlore.schemas import generate, stale
from incidentlore.validate.repository import load_one
from incidentlore.wording import plural


def _warn(warnings: tuple[Diagnostic, ...]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)


@click.command("validate")
@jobs_option
@pass_lore
def validate_command(lore: LoreContext, jobs: int | None) -> None:
    """Check every file of the repository; exit 1 if anything is wrong.

    \b
    Example:
      lore validate
    """
    checked = check(lore.root(), jobs)
    _warn(checked.warnings)
    unattached = (
        f", {plural(checked.unattached, 'signal')} not yet tied to an incident"
        if checked.unattached
        else ""
    )
    click.echo(
        f"ok: {plural(checked.incidents, 'incident')}, "
        f"{plural(checked.signals, 'signal')}, {plural(checked.notes, 'note')}"
        f"{unattached}"
    )


@click.command("build")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the outputs (default: build_dir in lore.yaml).",
)
@jobs_option
@click.option(
    "--parquet",
    is_flag=True,
    help="Also write every table of the index as Parquet, in <output>/parquet/.",
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
    lore: LoreContext,
    output: Path | None,
    jobs: int | None,
    parquet: bool,
    check_only: bool,
    as_of: str | None,
) -> None:
    """Compile Markdown, JSON and the DuckDB index from the repository.

    \b
    Example:
      lore build
      lore build --output /tmp/site --parquet
      lore build --check
      lore build --as-of v2025.1
    """
    if check_only and as_of:
        raise UsageError("--check compares the working tree; leave out --as-of")
    if check_only:
        build_check(lore.root(), output)
        return
    if as_of:
        result = build_as_of(lore.root(), as_of, output, jobs, parquet=parquet)
    else:
        result = build(lore.root(), output, jobs, parquet=parquet)
    _warn(result.warnings)
    for note in result.notes:
        click.echo(f"lore: {note}", err=True)
    exported = (
        f"; Parquet: {result.output / PARQUET_DIR} ({len(result.parquet)} files)"
        if result.parquet
        else ""
    )
    click.echo(
        f"built {plural(result.incidents, 'incident')} into {result.output} "
        f"({len(result.changed)} files changed, {len(result.removed)} removed); "
        f"index: {result.index}{exported}"
    )


@click.command("timeline")
@click.argument("incident_id", shell_complete=complete_incident)
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
    root = lore.root()
    catalog, record = load_one(root, incident_id)
    zone_name = catalog.display_timezone if zone_name is None else zone_name
    try:
        zone = zone_named(zone_name)
    except TimeError as error:
        raise UsageError(f"--tz: {error}") from None
    # Links are not shown in a timeline, so other incidents need not be read.
    resolved = resolve_incident(record, [])
    shown = rows(resolved.timeline, zone)
    if fmt == "json":
        click.echo(timeline_json(shown), nl=False)
    elif fmt == "markdown":
        renderer = Renderer(root, catalog, zone, zone_name)
        click.echo(renderer.timeline(resolved), nl=False)
    else:
        click.echo(f"{resolved.id}: times in {zone_name}")
        click.echo(
            table(
                ("date", "time", "kind", "source", "id", "what"),
                [
                    (
                        row.date,
                        row.when,
                        row.entry.category,
                        row.entry.source,
                        row.entry.id,
                        ("↳ " if row.entry.about else "")
                        + ("★ " if row.entry.starred else "")
                        + row.entry.text
                        + (" (hidden)" if row.entry.hidden else ""),
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
    required=True,
    help="Folder to write the JSON Schemas into (a repository made by lore init "
    "keeps them in .lore/schemas).",
)
@click.option("--check", is_flag=True, help="Only report schemas that are out of date.")
def schemas_command(output: Path, check: bool) -> None:
    """Write the JSON Schemas of the YAML files and of the JSON export.

    \b
    Example:
      lore schemas --output schemas
      lore schemas --output .lore/schemas --check
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
