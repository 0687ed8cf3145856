"""The repository as commands that edit it see it: settings, incident ids, folders.

Commands avoid reading every incident: ids come from folder names, which `lore
validate` keeps in step with the ids inside (a folder is named <ID>-<slug>).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from incidentlore.errors import LoreError, UsageError, relative
from incidentlore.load.discover import CATALOG_FILE, INCIDENTS_DIR
from incidentlore.model.base import has_line_break
from incidentlore.model.catalog import Catalog, id_regex
from incidentlore.validate.repository import load_catalog
from incidentlore.validate.rules import unknown

SCHEMA_FOLDER = ".lore/schemas"
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


@dataclass(frozen=True, slots=True)
class Workspace:
    root: Path
    catalog: Catalog

    @classmethod
    def open(cls, root: Path) -> Workspace:
        return cls(root, load_catalog(root))

    def incident_folders(self) -> dict[str, list[Path]]:
        """Every incident folder by the id its name starts with."""
        return incident_folders(self.root, self.catalog.id_pattern)

    def folder(self, incident_id: str) -> Path:
        """The one folder of `incident_id`; an error that suggests ids otherwise."""
        folders = self.incident_folders()
        found = folders.get(incident_id, [])
        if not found:
            raise LoreError(unknown("incident", incident_id, folders, None))
        if len(found) > 1:
            names = ", ".join(relative(path, self.root) for path in found)
            raise LoreError(
                f"incident id {incident_id!r} is used by {len(found)} folders "
                f"({names}); give one of them the next free id first "
                "(see 'lore validate')"
            )
        return found[0]

    def name(self, path: Path) -> str:
        return relative(path, self.root)

    def modeline(self, folder: Path, schema_file: str) -> str | None:
        """The editor's schema line for a new file in `folder`, or None.

        It points where lore.yaml's own schema line points, so that a repository
        that keeps its schemas elsewhere gets lines that work there too.
        """
        folder_of_schemas = self._schema_folder()
        if folder_of_schemas is None:
            return None
        if "://" in folder_of_schemas:
            reference = f"{folder_of_schemas}/{schema_file}"
        else:
            target = os.path.normpath(self.root / folder_of_schemas)
            reference = Path(os.path.relpath(target, folder)).as_posix()
            reference = f"{reference}/{schema_file}"
        return f"# yaml-language-server: $schema={reference}"

    def _schema_folder(self) -> str | None:
        try:
            head = (self.root / CATALOG_FILE).read_text("utf-8")[:2_000]
        except (OSError, UnicodeDecodeError):
            head = ""
        match = _MODELINE.search(head)
        if match:
            return match.group(1).rpartition("/")[0] or "."
        if (self.root / SCHEMA_FOLDER).is_dir():
            return SCHEMA_FOLDER
        return None


def incident_folders(root: Path, id_pattern: str) -> dict[str, list[Path]]:
    pattern = id_regex(id_pattern)
    found: dict[str, list[Path]] = {}
    incidents = root / INCIDENTS_DIR
    years = sorted(incidents.iterdir()) if incidents.is_dir() else []
    for year in years:
        if not year.is_dir() or year.name.startswith("."):
            continue
        for folder in sorted(year.iterdir()):
            match = pattern.match(folder.name)
            if match is None or not folder.is_dir():
                continue
            rest = folder.name[match.end() :]
            if rest == "" or rest.startswith("-"):
                found.setdefault(match.group(0), []).append(folder)
    return found


def require_known(
    kind: str,
    value: str,
    known: Iterable[str],
    *,
    option: str | None = None,
    catalog: bool = False,
) -> None:
    """Refuse a name that is not among `known`, suggesting the closest one;
    `catalog` names lore.yaml as the place to add new ones."""
    names = list(known)
    if value in names:
        return
    message = unknown(kind, value, names, CATALOG_FILE if catalog else None)
    raise LoreError(f"{option}: {message}" if option else message)


def typed_title(text: str, what: str) -> str:
    """A title as typed, without the spaces around it; refused if empty or if it
    is more than one line (it heads a page, or fills a table cell)."""
    title = text.strip()
    if not title:
        raise UsageError(f"{what} must not be empty")
    if has_line_break(title):
        raise UsageError(f"{what} is one line; write the details elsewhere")
    return title
