"""Shell completion: the script for each shell, and completers that read the repository.

Completers run on every press of Tab, so they read only what they need (lore.yaml,
folder names, one incident's files and its last built export) and never build
anything. A repository that
cannot be read completes nothing rather than printing an error into the shell.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from click.shell_completion import (
    BashComplete,
    CompletionItem,
    add_completion_class,
    get_completion_class,
    split_arg_string,
)

from incidentlore.author.incidents import SETTABLE
from incidentlore.author.workspace import incident_folders
from incidentlore.build import output_dir
from incidentlore.build.steps import INCIDENT_PAGES
from incidentlore.errors import LoreError
from incidentlore.load.discover import find_root
from incidentlore.load.yamlfile import read_yaml
from incidentlore.model.base import IDENTIFIER_PATTERN
from incidentlore.model.catalog import Catalog
from incidentlore.normalise.registry import Registry
from incidentlore.validate.repository import load_catalog

SHELLS = ("bash", "zsh", "fish")
PROGRAM = "lore"
COMPLETE_VARIABLE = "_LORE_COMPLETE"
_ID = re.compile(IDENTIFIER_PATTERN)

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]

# Like click's script, but it sends the line up to the cursor and the word breaks
# rather than COMP_WORDS, and keeps each reply whole (no globbing, no splitting).
_BASH_SCRIPT = """\
%(complete_func)s() {
    local reply
    COMPREPLY=()
    while IFS= read -r reply; do
        case ${reply%%%%,*} in
            dir) COMPREPLY=(); compopt -o dirnames ;;
            file) COMPREPLY=(); compopt -o default ;;
            plain) COMPREPLY+=("${reply#*,}") ;;
        esac
    done < <(env COMP_LINE="${COMP_LINE:0:COMP_POINT}" \\
        COMP_WORDBREAKS="$COMP_WORDBREAKS" %(complete_var)s=bashline_complete "$1")
}

complete -o nosort -F %(complete_func)s %(prog_name)s
"""


class BashLineComplete(BashComplete):
    """Bash completion that splits the command line itself.

    Bash cuts COMP_WORDS at each character of COMP_WORDBREAKS, ':' among them, so
    `alertmanager:3b1b...` would reach lore as three words; and bash replaces only
    the text after the last such character, so each reply leaves out what comes
    before it. A name of its own keeps scripts already loaded by older versions,
    which send `bash_complete`, on click's class.
    """

    name = "bashline"
    source_template = _BASH_SCRIPT
    _before = ""  # what the completions of an option's value go after
    _kept = 0  # how much of the word bash keeps in front of a reply

    def get_completion_args(self) -> tuple[list[str], str]:
        line = os.environ["COMP_LINE"]
        # A character after the cursor makes the word being typed the last one,
        # even an empty word after a space, or one inside an open quote.
        *words, last = split_arg_string(line + "_")
        word = incomplete = last[:-1]
        if word.startswith("-") and "=" in word:
            # click would split `--option=value` itself; doing it here keeps
            # the option in front of the value's completions.
            name, equals, incomplete = word.partition("=")
            words.append(name)
            self._before = name + equals
        breaks = os.environ.get("COMP_WORDBREAKS", "")
        self._kept = max((word.rfind(c) for c in breaks), default=-1) + 1
        return words[1:], incomplete

    def format_completion(self, item: CompletionItem) -> str:
        return f"{item.type},{(self._before + item.value)[self._kept :]}"


add_completion_class(BashLineComplete)


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
    completion_class = (
        BashLineComplete if shell == "bash" else get_completion_class(shell)
    )
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


@dataclass(frozen=True, slots=True)
class _Named:
    """The incident named earlier on the command line, read once per Tab press."""

    root: Path
    catalog: Catalog
    id: str
    folder: Path | None  # None unless exactly one folder holds the incident


def _named(context: click.Context) -> _Named:
    root = _root(context)
    catalog = load_catalog(root)
    incident_id = _incident_argument(context)
    folders = incident_folders(root, catalog.id_pattern).get(incident_id, [])
    return _Named(root, catalog, incident_id, folders[0] if len(folders) == 1 else None)


def _incident_file(named: _Named, name: str) -> Any:
    """The data of one file of the named incident; None if it has no such file."""
    if named.folder is None or not (named.folder / name).is_file():
        return None
    return read_yaml(named.folder / name, name).data


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
    named = _named(context)
    return _signals(named) + _ids(_incident_file(named, "notes.yaml"), "notes")


def _signal_ids(context: click.Context) -> list[str]:
    return _signals(_named(context))


def _signals(named: _Named) -> list[str]:
    hand_entered = _ids(_incident_file(named, "signals.yaml"), "signals")
    return hand_entered + _built_signals(named)


def _built_signals(named: _Named) -> list[str]:
    """Ids of the incident's signals in its last built export, ingested ones too.

    Deriving ingested signals means reading every stored export, too slow for a Tab
    press; so they are offered once `lore build` has run, as of that build.
    """
    if named.folder is None:
        return []
    pages = output_dir(named.root, named.catalog) / INCIDENT_PAGES
    export = pages / f"{named.id}.json"
    try:
        data = json.loads(export.read_bytes())
    except (OSError, ValueError, RecursionError):  # missing, damaged, nested deeply
        return []
    entries = data.get("timeline") if isinstance(data, dict) else None
    return [
        entry["id"]
        for entry in (entries if isinstance(entries, list) else ())
        if isinstance(entry, dict)
        and entry.get("kind") == "signal"
        # Only what could be an id: a damaged file must not put lines of its own
        # into the answer the shell reads.
        and isinstance(entry.get("id"), str)
        and _ID.fullmatch(entry["id"]) is not None
    ]


def _action_ids(context: click.Context) -> Iterable[str]:
    return _ids(_incident_file(_named(context), "postmortem.yaml"), "action_items")


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
