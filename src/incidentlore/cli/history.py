"""Commands over the git history: history, blame, diff."""

from __future__ import annotations

import click

from incidentlore.cli.completion import complete_incident
from incidentlore.cli.options import LoreContext, format_option, pass_lore
from incidentlore.history import diff_report, report
from incidentlore.history.blame import blame
from incidentlore.history.diff import repository_diff
from incidentlore.history.history import incident_history
from incidentlore.wording import printable

_AS_OF_HELP = "Start from this commit, branch, tag or date instead of HEAD."


@click.command("history")
@click.argument("incident_id", shell_complete=complete_incident)
@click.option("--as-of", "as_of", default=None, help=_AS_OF_HELP)
@format_option("text", "json", default="text")
@pass_lore
def history_command(
    lore: LoreContext, incident_id: str, as_of: str | None, fmt: str
) -> None:
    """Show every commit that changed an incident, field by field.

    Follows the incident's folder across moves and renames.

    \b
    Example:
      lore history INC-2018-0001
      lore history INC-2018-0001 --format json
    """
    found = incident_history(lore.root(), incident_id, as_of)
    if fmt == "json":
        click.echo(report.history_json(found), nl=False)
    else:
        _show(report.history_text(found))


@click.command("blame")
@click.argument("incident_id", shell_complete=complete_incident)
@click.argument("field")
@click.option("--as-of", "as_of", default=None, help=_AS_OF_HELP)
@format_option("text", "json", default="text")
@pass_lore
def blame_command(
    lore: LoreContext, incident_id: str, field: str, as_of: str | None, fmt: str
) -> None:
    """Show which commit last set a field, by whom, with its message.

    FIELD is a dotted path as in the YAML: severity, times.detected,
    postmortem.action_items.AI-3.status, signals.<id>.at.

    \b
    Example:
      lore blame INC-2018-0001 times.detected
      lore blame INC-2018-0001 postmortem.review.state --format json
    """
    found = blame(lore.root(), incident_id, field, as_of)
    if fmt == "json":
        click.echo(report.blame_json(found), nl=False)
    else:
        _show(report.blame_text(found))


@click.command("diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@format_option("text", "markdown", "json", default="text")
@pass_lore
def diff_command(
    lore: LoreContext, base: str | None, head: str | None, fmt: str
) -> None:
    """Summarise what a change does to the incidents, for a reviewer.

    Compares BASE (default: the merge base of HEAD with the default branch) with
    HEAD (default: the working tree): incidents added, changed and removed, field
    by field; new validation problems; and how the median durations move.

    \b
    Example:
      lore diff
      lore diff origin/main HEAD --format markdown > comment.md
    """
    found = repository_diff(lore.root(), base, head)
    if fmt == "json":
        click.echo(diff_report.diff_json(found), nl=False)
    elif fmt == "markdown":
        _show(diff_report.diff_markdown(found))
    else:
        _show(diff_report.diff_text(found))


def _show(text: str) -> None:
    """Text for people: values and commit messages come from anyone who can push,
    so their control characters are shown as codes, never sent to the terminal."""
    click.echo(printable(text), nl=False)
