"""`lore build`: the repository compiled into Markdown, JSON and the DuckDB index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from incidentlore.assemble.resolve import ResolvedIncident, resolve
from incidentlore.emit.export import export_json
from incidentlore.emit.index import INDEX_FILE, write_index
from incidentlore.emit.markdown import Renderer
from incidentlore.emit.write import write_atomic
from incidentlore.errors import Diagnostic
from incidentlore.history.revisions import CACHE_FILE, RevisionRows, index_revisions
from incidentlore.model.times import zone_named
from incidentlore.records import Repository
from incidentlore.validate.repository import load_repository

INCIDENT_PAGES = "incidents"
INDEX_PAGE = "README.md"


@dataclass(frozen=True, slots=True)
class BuildResult:
    output: Path
    incidents: int
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    index: Path
    warnings: tuple[Diagnostic, ...]
    notes: tuple[str, ...] = ()  # for people, e.g. why the revisions table is empty


def output_dir(repository: Repository, override: Path | None = None) -> Path:
    if override is not None:
        return override
    return repository.root / repository.catalog.build_dir


def render(repository: Repository, resolved: list[ResolvedIncident]) -> dict[str, str]:
    """Every Markdown and JSON output, by path inside the build folder."""
    catalog = repository.catalog
    zone = zone_named(catalog.display_timezone)
    renderer = Renderer(repository.root, catalog, zone, catalog.display_timezone)
    outputs: dict[str, str] = {}
    pages: dict[str, str] = {}
    for incident in resolved:
        page = f"{INCIDENT_PAGES}/{incident.id}.md"
        pages[incident.id] = page
        outputs[page] = renderer.incident(incident)
        outputs[f"{INCIDENT_PAGES}/{incident.id}.json"] = export_json(
            incident, catalog, zone
        )
    outputs[INDEX_PAGE] = renderer.index(resolved, pages)
    return outputs


def build(
    root: Path, output: Path | None = None, *, history: RevisionRows | None = None
) -> BuildResult:
    """Build `root`; `history` gives the revisions rows when git is read elsewhere."""
    repository = load_repository(root)
    resolved = resolve(repository)
    outputs = render(
        repository, resolved
    )  # everything renders before anything is written
    target = output_dir(repository, output)
    changed = tuple(
        name
        for name, text in sorted(outputs.items())
        if write_atomic(target / name, text)
    )
    removed = _remove_stale(target, set(outputs))
    index = target / INDEX_FILE
    history = history or index_revisions(root, cache=target / CACHE_FILE)
    write_index(index, repository.catalog, resolved, history.rows, history.commit or "")
    notes = (history.note,) if history.note else ()
    return BuildResult(
        target, len(resolved), changed, removed, index, repository.warnings, notes
    )


def _remove_stale(target: Path, produced: set[str]) -> tuple[str, ...]:
    """Pages of incidents that no longer exist; nothing else there is touched."""
    pages = target / INCIDENT_PAGES
    if not pages.is_dir():
        return ()
    removed = []
    for path in sorted(pages.iterdir()):
        name = f"{INCIDENT_PAGES}/{path.name}"
        if path.suffix in (".md", ".json") and name not in produced:
            path.unlink()
            removed.append(name)
    return tuple(removed)
