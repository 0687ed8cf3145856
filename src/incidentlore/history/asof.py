"""`--as-of REV`: build or query the repository as it was at a commit, tag or date."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from incidentlore.build import BuildResult, build, compile_repository
from incidentlore.emit.index import INDEX_FILE, write_index
from incidentlore.errors import LoreError, ProblemsFound
from incidentlore.history.git import Git
from incidentlore.history.revisions import CACHE_FILE, index_revisions
from incidentlore.history.snapshot import tree_at
from incidentlore.history.when import as_of_commit, reading_zone
from incidentlore.load.discover import CATALOG_FILE
from incidentlore.lock import writes_repository
from incidentlore.model.catalog import Catalog
from incidentlore.validate.repository import load_catalog


@dataclass(frozen=True, slots=True)
class AsOfIndex:
    commit: str
    index: Path
    catalog: Catalog


@writes_repository
def build_as_of(
    root: Path,
    revision: str,
    output: Path | None = None,
    jobs: int | None = None,
    *,
    parquet: bool = False,
) -> BuildResult:
    """Build `revision`'s tree into `output` (default <build_dir>/as-of-<commit>)."""
    git = Git.open(root)
    commit = as_of_commit(git, revision, reading_zone(root))
    with _tree(git, commit) as tree:
        target = output or root / load_catalog(tree).build_dir / f"as-of-{commit[:12]}"
        history = index_revisions(root, commit, target / CACHE_FILE)
        return build(tree, target, jobs, parquet=parquet, history=history)


@contextlib.contextmanager
def index_as_of(
    root: Path, revision: str, *, history: bool = True
) -> Iterator[AsOfIndex]:
    """A temporary index of the repository as it was at `revision`."""
    git = Git.open(root)
    commit = as_of_commit(git, revision, reading_zone(root))
    with _tree(git, commit) as tree:
        compiled = compile_repository(tree)
        rows = index_revisions(root, commit) if history else None
        index = tree / INDEX_FILE
        write_index(
            index,
            compiled.catalog,
            compiled.tables,
            rows.rows if rows else None,
            rows.commit or "" if rows else "",
        )
        yield AsOfIndex(commit, index, compiled.catalog)


@contextlib.contextmanager
def _tree(git: Git, commit: str) -> Iterator[Path]:
    """The tree at `commit`; its problems are named `<commit>:<path>`, as git does."""
    name = f"{commit}:{git.path(CATALOG_FILE)}"
    if not git.object_ids([name]):
        where = f"{git.prefix}" if git.prefix else "the top folder"
        raise LoreError(
            f"commit {commit[:12]} has no {CATALOG_FILE} in {where}; "
            "give a later commit"
        )
    with tree_at(git, commit) as tree:
        try:
            yield tree
        except ProblemsFound as found:
            raise ProblemsFound(
                dataclasses.replace(
                    problem,
                    location=problem.location._replace(
                        path=f"{commit[:10]}:{problem.location.path}"
                    ),
                )
                for problem in found.diagnostics
            ) from None
