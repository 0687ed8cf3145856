"""`lore diff`: what a change does to the incidents, their problems and the metrics."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from incidentlore.errors import Diagnostic, LoreError, ProblemsFound, UsageError
from incidentlore.history.fields import FieldChange, Fields, compare
from incidentlore.history.git import Git, require_revision
from incidentlore.history.metrics import MetricEffect, effects
from incidentlore.history.snapshot import tree_at
from incidentlore.history.state import IncidentState, read_catalog, read_folder
from incidentlore.history.walk import moves
from incidentlore.load.discover import CATALOG_FILE, discover
from incidentlore.model.catalog import Catalog, id_regex
from incidentlore.validate.repository import load_repository

WORKING_TREE = "working tree"
# Where a pull request's base is looked for, in order.
DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")


@dataclass(frozen=True, slots=True)
class Side:
    """One end of a diff: its incidents by id and its validation problems."""

    incidents: dict[str, IncidentState]
    problems: tuple[Diagnostic, ...]
    display_timezone: str


@dataclass(frozen=True, slots=True)
class IncidentChange:
    incident_id: str
    kind: str  # added | changed | removed
    folder: str
    previous_folder: str | None
    changes: tuple[FieldChange, ...]
    old: Fields
    new: Fields
    problems: tuple[tuple[Diagnostic, int], ...]


@dataclass(frozen=True, slots=True)
class RepositoryDiff:
    base: str
    head: str | None  # None for the working tree
    display_timezone: str
    incidents: tuple[IncidentChange, ...]
    new_problems: tuple[Diagnostic, ...]
    fixed_problems: int
    effects: tuple[MetricEffect, ...]

    @property
    def head_label(self) -> str:
        return self.head[:10] if self.head else WORKING_TREE


def repository_diff(
    root: Path, base: str | None = None, head: str | None = None
) -> RepositoryDiff:
    """Compare `base` (default: the merge base with the default branch) with `head`
    (default: the working tree)."""
    git = Git.open(root)
    git.head()
    base_commit = require_revision(git, base) if base else default_base(git)
    head_commit = require_revision(git, head) if head else None
    with _tree(git, base_commit) as old_tree, _tree(git, head_commit) as new_tree:
        before, after = read_side(old_tree), read_side(new_tree)
    pairs = _pairs(before, after, _moves(git, base_commit, head_commit))
    old_problems = {_problem_key(p) for p in before.problems}
    new_keys = {_problem_key(p) for p in after.problems}
    return RepositoryDiff(
        base=base_commit,
        head=head_commit,
        display_timezone=after.display_timezone,
        incidents=tuple(
            change
            for old, new in pairs
            if (change := _incident_change(before, after, old, new)) is not None
        ),
        new_problems=tuple(
            p for p in after.problems if _problem_key(p) not in old_problems
        ),
        fixed_problems=len(old_problems - new_keys),
        effects=tuple(effects(*_metric_inputs(before, after, pairs))),
    )


def default_base(git: Git) -> str:
    """The merge base of HEAD with the repository's default branch."""
    for branch in DEFAULT_BRANCHES:
        commit = git.resolve(branch)
        if commit is None:
            continue
        try:
            return git.run(["merge-base", commit, git.head()]).decode("ascii").strip()
        except LoreError:
            raise LoreError(
                f"HEAD and {branch} have no commit in common here; in a shallow "
                "clone, fetch the history first (git fetch --unshallow), or give BASE"
            ) from None
    raise UsageError(
        "no default branch to compare with (looked for "
        f"{', '.join(DEFAULT_BRANCHES)}); give BASE, e.g. 'lore diff main'"
    )


def read_side(tree: Path) -> Side:
    try:
        problems = load_repository(tree).warnings
    except ProblemsFound as found:
        problems = tuple(found.diagnostics)
    catalog = read_catalog(tree / CATALOG_FILE)
    zone = catalog.default_timezone if catalog else None
    incidents: dict[str, IncidentState] = {}
    for folder in discover(tree).incidents:
        state = read_folder(folder.path, folder.name, zone)
        # A second folder with the same id is reported as a problem; keep both.
        # When incident.yaml does not read (a merge conflict, say), the folder's
        # name still says which incident it is.
        key = state.incident_id or _id_of_folder(folder.path.name, catalog)
        incidents[key if key not in incidents else folder.name] = state
    display = catalog.display_timezone if catalog else "UTC"
    return Side(incidents, problems, display)


def _id_of_folder(name: str, catalog: Catalog | None) -> str:
    found = id_regex(catalog.id_pattern).match(name) if catalog else None
    if found and (found.end() == len(name) or name[found.end()] == "-"):
        return found.group(0)
    return name


def _problem_key(problem: Diagnostic) -> tuple[str, str]:
    # Lines move when a file is edited; the same message in the same file is old.
    return (problem.location.path, problem.message)


@contextlib.contextmanager
def _tree(git: Git, commit: str | None) -> Iterator[Path]:
    if commit is None:
        yield git.root
        return
    with tree_at(git, commit) as tree:
        yield tree


def _moves(git: Git, base: str, head: str | None) -> dict[str, str]:
    """Incident folders git sees renamed between the two ends: new -> old."""
    catalog = read_catalog(git.root / CATALOG_FILE)
    pattern = id_regex(catalog.id_pattern) if catalog else None
    return {
        folder: touch.before
        for folder, touch in moves(git, base, head, pattern).items()
    }


Pair = tuple[str | None, str | None]


def _pairs(before: Side, after: Side, moves: dict[str, str]) -> list[Pair]:
    """Incidents matched across the ends: by a folder rename, else by id."""
    by_folder = {state.folder: key for key, state in before.incidents.items()}
    pairs: list[Pair] = []
    for key, state in sorted(after.incidents.items()):
        old = by_folder.get(moves.get(state.folder, ""))
        if old is None and key in before.incidents:
            old = key
        pairs.append((old, key))
    matched = {old for old, _ in pairs}
    pairs += [(key, None) for key in sorted(before.incidents) if key not in matched]
    return pairs


def _incident_change(
    before: Side, after: Side, old: str | None, new: str | None
) -> IncidentChange | None:
    then = before.incidents[old] if old else None
    now = after.incidents[new] if new else None
    state = now or then
    assert state is not None
    # A file that does not validate at either end is left out of the comparison.
    broken = {
        name
        for side in (then, now)
        if side is not None
        for name, file in side.files.items()
        if file.fields is None
    }
    old_fields = _valid(then, broken)
    new_fields = _valid(now, broken)
    changes = tuple(compare(old_fields, new_fields))
    moved = then is not None and now is not None and then.folder != now.folder
    problems = now.problems if now else ()
    if now is not None and then is not None and not (changes or moved or problems):
        return None
    kind = "added" if then is None else "removed" if now is None else "changed"
    return IncidentChange(
        incident_id=(new or old or ""),
        kind=kind,
        folder=state.folder,
        previous_folder=then.folder if moved and then else None,
        changes=changes,
        old=old_fields,
        new=new_fields,
        problems=problems,
    )


def _valid(state: IncidentState | None, broken: set[str]) -> Fields:
    fields: Fields = {}
    if state is not None:
        for name, file in state.files.items():
            if name not in broken:
                fields.update(file.fields or {})
    return fields


def _metric_inputs(
    before: Side, after: Side, pairs: list[Pair]
) -> tuple[dict[str, Fields], dict[str, Fields]]:
    """Fields at both ends under one id per incident, so a renamed one is the same."""
    old: dict[str, Fields] = {}
    new: dict[str, Fields] = {}
    for old_key, new_key in pairs:
        key = new_key or old_key or ""
        if old_key is not None:
            old[key] = before.incidents[old_key].fields
        if new_key is not None:
            new[key] = after.incidents[new_key].fields
    return old, new
