"""Commands that add context to an incident: note, link, action, hide, star."""

from __future__ import annotations

import click

from incidentlore.author.actions import (
    ActionChanged,
    NewAction,
    add_action,
    set_action_status,
)
from incidentlore.author.curation import Mark, curate
from incidentlore.author.links import add_link
from incidentlore.author.notes import NoteRequest, add_note, git_user_name
from incidentlore.cli.author import now, report, utc, workspace
from incidentlore.cli.completion import (
    complete_action,
    complete_entry,
    complete_incident,
    complete_signal,
)
from incidentlore.cli.options import LoreContext, pass_lore
from incidentlore.model.incident import Relation
from incidentlore.model.note import NoteKind
from incidentlore.model.postmortem import ActionStatus


@click.command("note")
@click.argument("incident_id", shell_complete=complete_incident)
@click.argument("text")
@click.option(
    "--kind",
    type=click.Choice([kind.value for kind in NoteKind]),
    default=NoteKind.NOTE.value,
    show_default=True,
)
@click.option(
    "--about",
    shell_complete=complete_signal,
    help="Id of the signal this note annotates.",
)
@click.option(
    "--at",
    help="When: a full time, or a time of day on the incident's date. "
    "Default: the signal's time with --about, else now.",
)
@click.option("--author", help="Default: git's user.name.")
@pass_lore
def note_command(
    lore: LoreContext,
    incident_id: str,
    text: str,
    kind: str,
    about: str | None,
    at: str | None,
    author: str | None,
) -> None:
    """Add a note to an incident's timeline.

    A note, decision, hypothesis, question or finding, in notes.yaml; with --about
    it annotates a signal and follows it in the timeline.

    \b
    Example:
      lore note INC-2026-0003 "Rolled back 4.2.1" --kind decision --at 15:32
      lore note INC-2026-0003 "Fired 20 min late" --about alert-high-error-rate
    """
    space = workspace(lore)
    if author is None:
        author = git_user_name(space.root)
    request = NoteRequest(text, NoteKind(kind), about, at, author)
    added = add_note(space, incident_id, request, now())
    by = f" by {added.author}" if added.author else ""
    click.echo(f"{incident_id}: added {added.note_id} at {utc(added.at)}{by}")
    report(added.edit)


@click.command("link")
@click.argument("incident_id", shell_complete=complete_incident)
@click.argument("other", shell_complete=complete_incident)
@click.option(
    "--relation",
    type=click.Choice([relation.value for relation in Relation]),
    default=Relation.RELATED_TO.value,
    show_default=True,
    help="How INCIDENT_ID relates to OTHER.",
)
@click.option("--note", help="Why they are linked.")
@pass_lore
def link_command(
    lore: LoreContext, incident_id: str, other: str, relation: str, note: str | None
) -> None:
    """Link an incident to another.

    Only INCIDENT_ID's incident.yaml changes; both incidents' pages and the index
    show the link, the other one with the inverse relation.

    \b
    Example:
      lore link INC-2026-0007 INC-2026-0003 --relation recurrence-of
    """
    result = add_link(workspace(lore), incident_id, other, Relation(relation), note)
    verb = "now" if result.added else "already"
    click.echo(f"{incident_id} {verb} links to {other} as {relation}")
    report(result.edit)


@click.group("action")
@click.argument("incident_id", shell_complete=complete_incident)
def action_group(incident_id: str) -> None:
    """Add, close or drop post-mortem action items.

    Action items live in the incident's postmortem.yaml.

    \b
    Example:
      lore action INC-2026-0003 add "Alert on error rate" --owner ana --due 2026-12-15
      lore action INC-2026-0003 done AI-1
    """


def _incident_of(context: click.Context) -> str:
    assert context.parent is not None, "action subcommands run inside the group"
    return str(context.parent.params["incident_id"])


def _say_action(incident_id: str, result: ActionChanged) -> None:
    if result.previous is None:
        click.echo(f"{incident_id}: added {result.action_id}")
    elif result.changed:
        click.echo(f"{incident_id}: {result.action_id} is now {result.status}")
    else:
        click.echo(f"{incident_id}: {result.action_id} is already {result.status}")
    report(result.edit)


@action_group.command("add")
@click.argument("title")
@click.option("--owner", help="Who sees it through.")
@click.option("--type", "kind", help="e.g. prevent, mitigate, detect, process.")
@click.option("--priority", help="e.g. P1.")
@click.option("--due", help="Due date, YYYY-MM-DD.")
@click.option("--tracker", help="Address of the ticket that tracks it.")
@pass_lore
@click.pass_context
def action_add_command(
    context: click.Context,
    lore: LoreContext,
    title: str,
    owner: str | None,
    kind: str | None,
    priority: str | None,
    due: str | None,
    tracker: str | None,
) -> None:
    """Add an open action item with the next id (AI-1, AI-2, ...).

    \b
    Example:
      lore action INC-2026-0003 add "Page on checkout 5xx" --owner ana \\
          --priority P1 --due 2026-12-15 --tracker https://tracker.example/OPS-12
    """
    incident_id = _incident_of(context)
    request = NewAction(title, owner, kind, priority, due, tracker)
    _say_action(incident_id, add_action(workspace(lore), incident_id, request))


def _status_command(name: str, status: ActionStatus, summary: str) -> click.Command:
    @click.argument("action_id", shell_complete=complete_action)
    @pass_lore
    @click.pass_context
    def command(context: click.Context, lore: LoreContext, action_id: str) -> None:
        incident_id = _incident_of(context)
        result = set_action_status(workspace(lore), incident_id, action_id, status)
        _say_action(incident_id, result)

    command.__doc__ = (
        f"{summary}\n\n\b\nExample:\n  lore action INC-2026-0003 {name} AI-1\n"
    )
    return action_group.command(name)(command)


_status_command("done", ActionStatus.DONE, "Mark an action item done.")
_status_command(
    "drop", ActionStatus.DROPPED, "Drop an action item: it will not be done."
)
_status_command(
    "reopen", ActionStatus.OPEN, "Open a done or dropped action item again."
)


def _curation_command(mark: Mark, summary: str, example: str) -> click.Command:
    @click.argument("incident_id", shell_complete=complete_incident)
    @click.argument(
        "entry_ids",
        nargs=-1,
        required=True,
        metavar="ENTRY_ID...",
        shell_complete=complete_entry,
    )
    @click.option("--undo", is_flag=True, help=f"Take the entries off the {mark} list.")
    @pass_lore
    def command(
        lore: LoreContext, incident_id: str, entry_ids: tuple[str, ...], undo: bool
    ) -> None:
        result = curate(workspace(lore), incident_id, entry_ids, mark, undo=undo)
        state = f"not {mark}" if undo else str(mark)
        for entry_id in result.changed:
            click.echo(f"{incident_id}: {entry_id} is now {state}")
        for entry_id in result.unchanged:
            click.echo(f"{incident_id}: {entry_id} was already {state}")
        report(result.edit)

    command.__doc__ = f"{summary}\n\n\b\nExample:\n  {example}\n"
    return click.command(mark.command)(command)


hide_command = _curation_command(
    Mark.HIDDEN,
    "Leave entries out of the rendered timeline.\n\nHidden signals and notes stay "
    "in the JSON export and the index, marked hidden.",
    "lore hide INC-2026-0003 alert-disk-usage-4f2a alert-disk-usage-9c1e",
)
star_command = _curation_command(
    Mark.STARRED,
    "Highlight entries in the rendered timeline.\n\nStarred signals and notes are "
    "shown in bold with a star, and in the chart's highlight colour.",
    "lore star INC-2026-0003 deploy-4.2.1 N2",
)
