"""Shell completion: the script for each shell, and completers that read the repository.

Completers run on every press of Tab, so they read only what they need (lore.yaml,
folder names, one incident's files and its last built export) and never build
anything. A repository that
cannot be read completes nothing rather than printing an error into the shell.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem, get_completion_class

from incidentlore.author.incidents import SETTABLE
from incidentlore.author.workspace import incident_folders
from incidentlore.build import output_dir
from incidentlore.build.steps import INCIDENT_PAGES
from incidentlore.errors import LoreError
from incidentlore.load.discover import find_root
from incidentlore.load.yamlfile import read_yaml
from incidentlore.model.catalog import Catalog
from incidentlore.normalise.registry import Registry
from incidentlore.validate.repository import load_catalog

SHELLS = ("bash", "zsh", "fish")
PROGRAM = "lore"
COMPLETE_VARIABLE = "_LORE_COMPLETE"

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion_command(context: click.Context, shell: str) -> None:
    """Print the shell completion script.

    Completes commands, options, incident ids, services, severities, statuses,
    teams, and the signal, note and action item ids of an incident.

    \b
    Example:
      eval "$(lore completion bash)"    # in ~/.bashrc
      eval "$(lore completion zsh)"     # in ~/.zshrc
      lore completion fish > ~/.config/fish/completions/lore.fish
    """
    completion_class = get_completion_class(shell)
    assert completion_class is not None, "click supports every shell in SHELLS"
    script = completion_class(
        context.find_root().command, {}, PROGRAM, COMPLETE_VARIABLE
    )
    click.echo(script.source())


def _root(context: click.Context) -> Path:
    directory = context.find_root().params.get("directory")
    return find_root(Path(directory) if directory else Path.cwd())


def _matching(values: Iterable[str], incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(v) for v in sorted(set(values)) if v.startswith(incomplete)]


def _quietly(read: Callable[[click.Context], Iterable[str]]) -> Completer:
    def complete(
        context: click.Context, parameter: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        try:
            return _matching(read(context), incomplete)
        except (LoreError, OSError):
            return []

    return complete


def _catalog(pick: Callable[[Catalog], Iterable[str]]) -> Completer:
    return _quietly(lambda context: pick(load_catalog(_root(context))))


def _incident_ids(context: click.Context) -> Iterable[str]:
    root = _root(context)
    return incident_folders(root, load_catalog(root).id_pattern)


def _incident_file(context: click.Context, name: str) -> Any:
    """The data of one file of the incident named earlier on the command line."""
    incident_id = _incident_argument(context)
    root = _root(context)
    folders = incident_folders(root, load_catalog(root).id_pattern).get(incident_id, [])
    if len(folders) != 1 or not (folders[0] / name).is_file():
        return None
    return read_yaml(folders[0] / name, name).data


def _incident_argument(context: click.Context) -> str:
    current: click.Context | None = context
    while current is not None:
        value = current.params.get("incident_id")
        if isinstance(value, str):
            return value
        if "incident_id" in current.params and current.args:
            # While an option waits for its value, click leaves the words before
            # it unparsed; the incident id is the first of them.
            return current.args[0]
        current = current.parent
    return ""


def _ids(data: Any, key: str) -> list[str]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [
        i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)
    ]


def _entry_ids(context: click.Context) -> Iterable[str]:
    signals = _signal_ids(context)
    return signals + _ids(_incident_file(context, "notes.yaml"), "notes")


def _signal_ids(context: click.Context) -> list[str]:
    return _ids(_incident_file(context, "signals.yaml"), "signals") + _built_signals(
        context
    )


def _built_signals(context: click.Context) -> list[str]:
    """Ids of the incident's signals in its last built export, ingested ones too.

    Deriving ingested signals means reading every stored export, too slow for a Tab
    press; so they are offered once `lore build` has run, as of that build.
    """
    root = _root(context)
    catalog = load_catalog(root)
    incident_id = _incident_argument(context)
    if incident_id not in incident_folders(root, catalog.id_pattern):
        return []
    export = output_dir(root, catalog) / INCIDENT_PAGES / f"{incident_id}.json"
    try:
        data = json.loads(export.read_bytes())
    except (OSError, ValueError):
        return []
    entries = data.get("timeline") if isinstance(data, dict) else None
    return [
        entry["id"]
        for entry in (entries if isinstance(entries, list) else ())
        if isinstance(entry, dict)
        and entry.get("kind") == "signal"
        and isinstance(entry.get("id"), str)
    ]


def _action_ids(context: click.Context) -> Iterable[str]:
    return _ids(_incident_file(context, "postmortem.yaml"), "action_items")


complete_incident = _quietly(_incident_ids)
complete_signal = _quietly(_signal_ids)
complete_entry = _quietly(_entry_ids)
complete_action = _quietly(_action_ids)
complete_field = _quietly(lambda context: [f for f in SETTABLE if "<" not in f])
complete_service = _catalog(lambda catalog: catalog.services)
complete_team = _catalog(lambda catalog: catalog.teams)
complete_severity = _catalog(lambda catalog: [s.id for s in catalog.severities])
complete_status = _catalog(lambda catalog: [s.id for s in catalog.statuses])
complete_outcome = _catalog(lambda catalog: [o.id for o in catalog.outcomes])


def complete_source(
    context: click.Context, parameter: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The first word of `lore ingest` names an adapter; the rest are files."""
    if context.params.get(parameter.name or "") or context.args:
        return [CompletionItem(incomplete, type="file")]
    try:
        names = Registry(load_catalog(_root(context)).ingest).names()
    except (LoreError, OSError):
        names = Registry().names()
    return _matching(names, incomplete)
