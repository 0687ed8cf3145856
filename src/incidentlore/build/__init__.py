"""`lore build`: the repository compiled into Markdown, JSON and the DuckDB index."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from incidentlore.assemble.resolve import incoming_links
from incidentlore.build import steps
from incidentlore.build.cache import CACHE_DIR, NO_CACHE, Cache
from incidentlore.build.output import claim
from incidentlore.build.shards import Shards, shard_count, split
from incidentlore.emit.index import INDEX_FILE, PARQUET_DIR, export_parquet, write_index
from incidentlore.emit.markdown import Renderer
from incidentlore.emit.write import write_atomic
from incidentlore.errors import Diagnostic, LoreError
from incidentlore.history.revisions import CACHE_FILE, RevisionRows, index_revisions
from incidentlore.load.discover import IncidentFolder, discover
from incidentlore.lock import writes_repository
from incidentlore.model.catalog import Catalog
from incidentlore.model.times import zone_named
from incidentlore.validate.repository import (
    load_catalog,
    load_unattached,
    read_catalog,
    settle,
)
from incidentlore.validate.rules import repository_rules

INDEX_PAGE = "README.md"
INCIDENT_PAGES = steps.INCIDENT_PAGES


@dataclass(frozen=True, slots=True)
class Compiled:
    """Everything a build writes, in memory: nothing is written until all of it exists."""

    catalog: Catalog
    outputs: dict[str, str]
    tables: dict[str, list[bytes]]
    incidents: int
    warnings: tuple[Diagnostic, ...]
    # Cache entries this compilation read or wrote, by kind.
    used: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BuildResult:
    output: Path
    incidents: int
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    index: Path
    warnings: tuple[Diagnostic, ...]
    parquet: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # for people, e.g. why the revisions table is empty


@dataclass(frozen=True, slots=True)
class Checked:
    incidents: int
    signals: int
    notes: int
    unattached: int
    warnings: tuple[Diagnostic, ...]


def _load(
    root: Path,
    workers: Shards,
    shards: list[list[IncidentFolder]],
    problems: list[Diagnostic],
    cache: Cache,
) -> tuple[Catalog, list[steps.Loaded], int, tuple[Diagnostic, ...]]:
    """Every incident loaded in its worker, and every problem found, or ProblemsFound.

    Also the number of repository-wide signals not yet tied to an incident, which are
    read and checked here though no output shows them yet.
    """
    catalog, found = read_catalog(root)
    problems += found
    if catalog is None:
        cache = NO_CACHE  # lore.yaml does not even read: nothing can be reused
    loaded = workers.run(
        steps.load, [(root, catalog, shard, cache) for shard in shards]
    )
    unattached, found = load_unattached(root, catalog)
    problems += found
    problems += [problem for part in loaded for problem in part.problems]
    if catalog is not None:
        summaries = [summary for part in loaded for summary in part.summaries]
        problems += repository_rules(catalog, summaries)
        problems += _renderer(root, catalog).check_templates()
    settled, warnings = settle(catalog, problems)
    return settled, loaded, len(unattached), warnings


def check(root: Path, jobs: int | None = None) -> Checked:
    """Validate the repository, as `lore validate` does, without rendering it."""
    layout = discover(root)
    shards = split(layout.incidents, shard_count(len(layout.incidents), jobs))
    with Shards(len(shards)) as workers:
        _, loaded, unattached, warnings = _load(
            root, workers, shards, list(layout.problems), _cache_to_read(root)
        )
    return Checked(
        sum(len(part.summaries) for part in loaded),
        sum(part.signals for part in loaded),
        sum(part.notes for part in loaded),
        unattached,
        warnings,
    )


def _cache_to_read(root: Path) -> Cache:
    """The last build's cache, read but never written: validating writes nothing."""
    try:
        folder = root / load_catalog(root).build_dir / CACHE_DIR
    except LoreError:
        return NO_CACHE  # lore.yaml has problems; they are reported by the load
    return Cache.at(folder, root, writable=False) if folder.is_dir() else NO_CACHE


def compile_repository(
    root: Path, jobs: int | None = None, cache: Cache = NO_CACHE
) -> Compiled:
    """Validate and render the repository; ProblemsFound lists every error."""
    layout = discover(root)
    shards = split(layout.incidents, shard_count(len(layout.incidents), jobs))
    with Shards(len(shards)) as workers:
        catalog, loaded, _, warnings = _load(
            root, workers, shards, list(layout.problems), cache
        )
        incoming = incoming_links(
            summary for part in loaded for summary in part.summaries
        )
        rendered = workers.run(
            steps.render, [(root, catalog, incoming, cache)] * len(shards)
        )

    outputs = {name: text for part in rendered for name, text in part.outputs.items()}
    entries = sorted(
        (entry for part in rendered for entry in part.entries), key=lambda e: e.id
    )
    outputs[INDEX_PAGE] = _renderer(root, catalog).index(entries)
    tables: dict[str, list[bytes]] = {}
    for part in rendered:
        for table, chunk in part.tables.items():
            tables.setdefault(table, []).append(chunk)
    used = {
        steps.LOADED: {key for part in loaded for key in part.used},
        steps.RENDERED: {key for part in rendered for key in part.used},
    }
    return Compiled(catalog, outputs, tables, len(entries), warnings, used)


def _renderer(root: Path, catalog: Catalog) -> Renderer:
    zone = zone_named(catalog.display_timezone)
    return Renderer(root, catalog, zone, catalog.display_timezone)


def output_dir(root: Path, catalog: Catalog, override: Path | None = None) -> Path:
    return override if override is not None else root / catalog.build_dir


@writes_repository
def build(
    root: Path,
    output: Path | None = None,
    jobs: int | None = None,
    *,
    parquet: bool = False,
    history: RevisionRows | None = None,
) -> BuildResult:
    """Compile and write everything; with `parquet`, also the index as Parquet files.

    `history` gives the rows of the revisions table when git is read elsewhere (a
    build of a past commit); otherwise they are read from the repository's own git.
    """
    target = output_dir(root, load_catalog(root), output)
    folder = claim(root, target, ours=(CACHE_FILE, CACHE_DIR))
    cache = Cache.at(target / CACHE_DIR, root)
    compiled = compile_repository(root, jobs, cache)
    target.mkdir(parents=True, exist_ok=True)
    folder.begin([*compiled.outputs, INDEX_FILE, CACHE_FILE])
    # Outputs are derived and can be rebuilt, so each is replaced atomically but not
    # forced to disk one by one.
    changed = tuple(
        name
        for name, text in sorted(compiled.outputs.items())
        if write_atomic(target / name, text, durable=False)
    )
    index = target / INDEX_FILE
    history = history or index_revisions(root, cache=target / CACHE_FILE)
    write_index(
        index, compiled.catalog, compiled.tables, history.rows, history.commit or ""
    )
    tables = export_parquet(index, target / PARQUET_DIR) if parquet else ()
    written = [*compiled.outputs, INDEX_FILE, *(f"{PARQUET_DIR}/{t}" for t in tables)]
    if (target / CACHE_FILE).is_file():
        written.append(CACHE_FILE)
    removed = folder.finish(written)
    cache.prune(compiled.used)
    notes = (history.note,) if history.note else ()
    return BuildResult(
        target,
        compiled.incidents,
        changed,
        removed,
        index,
        compiled.warnings,
        tables,
        notes,
    )
