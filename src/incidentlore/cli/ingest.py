"""`lore ingest`: store exports beside an incident; `--detect` to name their source."""

from __future__ import annotations

from pathlib import Path

import click

from incidentlore.cli.completion import complete_incident, complete_source
from incidentlore.cli.options import LoreContext, pass_lore
from incidentlore.errors import LoreError, UsageError
from incidentlore.ingest import IngestResult, ingest
from incidentlore.normalise.detect import DetectResult, detect
from incidentlore.normalise.registry import Registry
from incidentlore.validate.repository import load_catalog
from incidentlore.wording import printable_line

HELP = """Store exports (alerts, pages, deploys, chat, logs) as raw signals.

\b
SOURCE is the adapter that reads the files; --detect names it for you:
  alertmanager  grafana  pagerduty  opsgenie  github  kubernetes
  slack  datadog  cloudevents  docker  syslog  jsonlines
and any source mapped under ingest.mappings in lore.yaml.

The files are kept verbatim under the incident's raw/SOURCE/ folder (or the
repository's signals/SOURCE/ with --repo-wide) and read again at every build.

\b
Example:
  lore ingest alertmanager alerts.json --incident INC-2026-0007
  lore ingest slack slack-export.zip --incident INC-2026-0007
  lore ingest syslog messages.log --incident INC-2026-0007 --year 2025
  lore ingest --detect capture.json
"""


@click.command("ingest", help=HELP)
@click.argument(
    "arguments", nargs=-1, metavar="SOURCE FILE...", shell_complete=complete_source
)
@click.option(
    "--incident",
    "incident_id",
    metavar="ID",
    help="The incident it belongs to.",
    shell_complete=complete_incident,
)
@click.option(
    "--repo-wide", is_flag=True, help="Keep it in signals/, not tied to an incident."
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) if any record is rejected.")
@click.option(
    "--year", type=int, default=None, help="The year of syslog lines that have none."
)
@click.option(
    "--detect",
    is_flag=True,
    help="Only say which adapter would read each FILE, and why.",
)
@pass_lore
def ingest_command(
    lore: LoreContext,
    arguments: tuple[str, ...],
    incident_id: str | None,
    repo_wide: bool,
    strict: bool,
    year: int | None,
    detect: bool,
) -> None:
    if detect:
        if incident_id or repo_wide or strict or year is not None:
            raise UsageError("--detect only reads the files; it takes no other option")
        _detect([Path(argument) for argument in arguments], lore)
        return
    if len(arguments) < 2:
        raise UsageError("usage: lore ingest SOURCE FILE... --incident ID (see --help)")
    source, *files = arguments
    result = ingest(
        lore.root(),
        source,
        [Path(file) for file in files],
        incident=incident_id,
        repo_wide=repo_wide,
        strict=strict,
        year=year,
    )
    _report(result)


def _report(result: IngestResult) -> None:
    for outcome in result.files:
        for diagnostic in (*outcome.notes, *outcome.rejected):
            click.echo(str(diagnostic), err=True)
        # File names may hold any character; each line stays one line.
        if outcome.written:
            click.echo(printable_line(f"stored {outcome.given} as {outcome.stored}"))
            for line in outcome.replacements():
                click.echo(printable_line(line))
        else:
            click.echo(printable_line(f"nothing new in {outcome.given}; not stored"))
    click.echo(result.summary())


def _detect(paths: list[Path], lore: LoreContext) -> None:
    if not paths:
        raise UsageError("usage: lore ingest --detect FILE...")
    try:
        registry = Registry(load_catalog(lore.root()).ingest)
    except UsageError:  # outside a repository: the installed adapters only
        registry = Registry()
    unknown = []
    for path in paths:
        found = detect(path, registry)
        for problem in found.problems:
            click.echo(printable_line(f"lore: {problem}"), err=True)
        click.echo(printable_line(_described(found)))
        if found.chosen is None:
            unknown.append(str(path))
    if unknown:
        raise LoreError(
            f"no adapter recognises {', '.join(unknown)}; name the source yourself, "
            "or map its columns under ingest.mappings in lore.yaml"
        )


def _described(found: DetectResult) -> str:
    chosen = found.chosen
    if chosen is None:
        return f"{found.path}: unknown"
    text = f"{found.path}: {chosen.source} ({chosen.reason})"
    others = [g for g in found.guesses[1:] if g.score >= chosen.score - 40]
    if others:
        text += "; also possible: " + ", ".join(
            f"{g.source} ({g.reason})" for g in others
        )
    return text
