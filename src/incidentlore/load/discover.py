"""Finding the repository root and the files of each incident."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from incidentlore.errors import Diagnostic, Location, LoreError, UsageError, relative

CATALOG_FILE = "lore.yaml"
INCIDENTS_DIR = "incidents"
INCIDENT_FILES = ("incident.yaml", "postmortem.yaml", "notes.yaml", "signals.yaml")
RAW_DIR = "raw"
# Things a person may keep beside the YAML without the build reading them.
ALLOWED_EXTRAS = ("README.md", "attachments")


@dataclass(frozen=True, slots=True)
class IncidentFolder:
    path: Path
    name: str
    year_folder: str
    files: dict[str, Path]
    raw: tuple[Path, ...]


@dataclass(slots=True)
class Layout:
    root: Path
    catalog: Path
    incidents: list[IncidentFolder] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds lore.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CATALOG_FILE).is_file():
            return folder
    raise UsageError(
        f"no {CATALOG_FILE} in {start} or any folder above it; run inside an "
        "incident repository, pass -C PATH, or create one with 'lore init'"
    )


def discover(root: Path) -> Layout:
    layout = Layout(root, root / CATALOG_FILE)
    incidents = root / INCIDENTS_DIR
    if not incidents.is_dir():
        return layout
    for year in sorted(incidents.iterdir()):
        if year.name.startswith("."):
            continue
        if not year.is_dir():
            layout.problems.append(
                _unexpected(year, root, "a year folder such as 2026/")
            )
            continue
        for folder in sorted(year.iterdir()):
            if folder.name.startswith("."):
                continue
            if not folder.is_dir():
                layout.problems.append(
                    _unexpected(folder, root, "one folder per incident, <ID>-<slug>/")
                )
                continue
            layout.incidents.append(incident_folder(folder, root, layout.problems))
    return layout


def incident_folder(
    folder: Path, root: Path, problems: list[Diagnostic]
) -> IncidentFolder:
    files: dict[str, Path] = {}
    raw: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name in INCIDENT_FILES and entry.is_file():
            files[entry.name] = entry
        elif entry.name in INCIDENT_FILES:
            problems.append(
                Diagnostic(
                    Location(relative(entry, root)),
                    f"{entry.name} is not a regular file (a folder, a broken link or "
                    "a device); make it a YAML file",
                )
            )
        elif entry.name == RAW_DIR and entry.is_dir():
            raw.extend(sorted(p for p in entry.rglob("*") if p.is_file()))
        elif entry.name not in ALLOWED_EXTRAS and not entry.name.startswith("."):
            expected = ", ".join((*INCIDENT_FILES, f"{RAW_DIR}/", *ALLOWED_EXTRAS))
            problems.append(_unexpected(entry, root, expected))
    if "incident.yaml" not in files:
        problems.append(
            Diagnostic(
                Location(relative(folder, root)),
                "incident folder without incident.yaml; add one (lore new writes it)",
            )
        )
    return IncidentFolder(
        folder, relative(folder, root), folder.parent.name, files, tuple(raw)
    )


def _unexpected(path: Path, root: Path, expected: str) -> Diagnostic:
    return Diagnostic(
        Location(relative(path, root)),
        f"unexpected {'folder' if path.is_dir() else 'file'} {path.name!r}; "
        f"expected {expected}",
    )


def find_incident(root: Path, incident_id: str) -> IncidentFolder:
    """The folder of one incident, found by the id its name starts with."""
    found = [
        folder
        for folder in discover(root).incidents
        if folder.path.name == incident_id
        or folder.path.name.startswith(incident_id + "-")
    ]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(folder.name for folder in found)
        raise LoreError(f"{incident_id!r} names several incident folders: {names}")
    raise LoreError(
        f"no incident {incident_id!r} under incidents/; 'lore new' creates one"
    )
