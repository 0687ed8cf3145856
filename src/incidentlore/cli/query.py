"""Commands that read the built index: query and sql."""

from __future__ import annotations

from pathlib import Path

import click

from incidentlore import query as queries
from incidentlore.cli.completion import (
    complete_outcome,
    complete_service,
    complete_severity,
    complete_status,
    complete_team,
)
from incidentlore.cli.options import LoreContext, format_option, pass_lore
from incidentlore.cli.output import FORMATS, render
from incidentlore.emit.index import INDEX_FILE
from incidentlore.errors import UsageError
from incidentlore.history.asof import index_as_of
from incidentlore.validate.repository import load_catalog

index_option = click.option(
    "--index",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The index file to read (default: index.duckdb in build_dir of lore.yaml).",
)

AS_OF_HELP = "Query the repository as it was at a commit, tag or date (built afresh)."


@click.command("query")
@click.option("--since", help="Started on or after this date or time.")
@click.option("--until", help="Started on or before this date (or before this time).")
@click.option(
    "--service",
    "services",
    multiple=True,
    help="Affected service (repeatable).",
    shell_complete=complete_service,
)
@click.option(
    "--team",
    "teams",
    multiple=True,
    shell_complete=complete_team,
    help="Involved team, or owner of an affected service (repeatable).",
)
@click.option(
    "--severity",
    "severities",
    multiple=True,
    help="Exact severity (repeatable).",
    shell_complete=complete_severity,
)
@click.option(
    "--severity-at-least",
    help="This severity or a more severe one.",
    shell_complete=complete_severity,
)
@click.option(
    "--outcome",
    "outcomes",
    multiple=True,
    help="Outcome (repeatable).",
    shell_complete=complete_outcome,
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="Status (repeatable).",
    shell_complete=complete_status,
)
@click.option("--as-of", "as_of", default=None, help=AS_OF_HELP)
@format_option(*FORMATS)
@index_option
@pass_lore
def query_command(
    lore: LoreContext,
    fmt: str,
    index: Path | None,
    as_of: str | None,
    since: str | None,
    until: str | None,
    services: tuple[str, ...],
    teams: tuple[str, ...],
    severities: tuple[str, ...],
    severity_at_least: str | None,
    outcomes: tuple[str, ...],
    statuses: tuple[str, ...],
) -> None:
    """List incidents from the index, filtered.

    \b
    Example:
      lore query --since 2018-01-01 --until 2019-12-31
      lore query --severity-at-least SEV2 --service github.com --format csv
      lore query --as-of 2025-01-01 --status investigating
    """
    root = lore.root()
    catalog = load_catalog(root)
    filters = queries.Filters(
        since, until, services, teams, severities, severity_at_least, outcomes, statuses
    )
    _one_source(as_of, index)
    if as_of:
        with index_as_of(root, as_of, history=False) as past:
            result = queries.incidents(past.index, past.catalog, filters)
    else:
        result = queries.incidents(
            index or root / catalog.build_dir / INDEX_FILE, catalog, filters
        )
    _show(result, fmt)


@click.command("sql")
@click.argument("statement")
@click.option("--as-of", "as_of", default=None, help=AS_OF_HELP)
@format_option(*FORMATS)
@index_option
@pass_lore
def sql_command(
    lore: LoreContext, statement: str, as_of: str | None, fmt: str, index: Path | None
) -> None:
    """Run a read-only SQL statement against the index.

    \b
    Example:
      lore sql "SELECT severity, count(*) FROM incidents GROUP BY ALL"
      lore sql "SELECT * FROM durations" --format json
    """
    _one_source(as_of, index)
    if as_of:
        with index_as_of(lore.root(), as_of) as past:
            result = queries.sql(past.index, statement)
    else:
        if index is None:
            root = lore.root()
            index = root / load_catalog(root).build_dir / INDEX_FILE
        result = queries.sql(index, statement)
    _show(result, fmt)


def _one_source(as_of: str | None, index: Path | None) -> None:
    if as_of and index:
        raise UsageError("--as-of builds a past index; leave out --index")


def _show(result: queries.Result, fmt: str) -> None:
    for warning in result.warnings:
        click.echo(f"lore: warning: {warning}", err=True)
    click.echo(render(result.columns, result.rows, fmt), nl=False)
