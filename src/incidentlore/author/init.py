"""`lore init`: a new incident repository with an example catalog to edit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from incidentlore.author.workspace import SCHEMA_FOLDER
from incidentlore.emit.write import write_atomic
from incidentlore.errors import LoreError
from incidentlore.load.discover import CATALOG_FILE
from incidentlore.lock import repository_lock
from incidentlore.resources import shipped
from incidentlore.schemas import generate
from incidentlore.validate.repository import load_catalog

STARTER = Path(__file__).resolve().parent / "starter"
IGNORED_BUILD = "/build/"

# Starter file -> where it goes in the new repository.
_FILES = {
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


@dataclass(frozen=True, slots=True)
class Initialised:
    root: Path
    created: tuple[str, ...]
    # Files that were there already and were left as they were (or, for .gitignore,
    # given the build folder's line).
    kept: tuple[str, ...]


def init_repository(root: Path) -> Initialised:
    """Write the starter files into `root`; an existing lore.yaml is never replaced."""
    if root.exists() and not root.is_dir():
        raise LoreError(f"{root} is a file, not a folder")
    root.mkdir(parents=True, exist_ok=True)
    with repository_lock(root):
        if (root / CATALOG_FILE).exists():
            raise LoreError(
                f"{root / CATALOG_FILE} already exists; lore init does not overwrite "
                "an incident repository"
            )
        created: list[str] = []
        kept: list[str] = []
        for name, text in _starter_files().items():
            path = root / name
            if not path.exists():
                write_atomic(path, text)
                created.append(name)
            elif name == ".gitignore":
                kept.append(name)
                _ignore_build(path)
            else:
                kept.append(name)
        # Last, so that an init cut short can simply be run again.
        write_atomic(root / CATALOG_FILE, (STARTER / CATALOG_FILE).read_text("utf-8"))
    load_catalog(root)  # the starter catalog must itself be valid
    return Initialised(root, (CATALOG_FILE, *created), tuple(kept))


def _starter_files() -> dict[str, str]:
    """Every file of a new repository but lore.yaml, by where it goes."""
    files: dict[str, str] = {
        name: (STARTER / starter).read_text("utf-8") for starter, name in _FILES.items()
    }
    for template in sorted(shipped("templates").glob("*.j2")):
        files[f"templates/{template.name}"] = template.read_text("utf-8")
    for name, text in generate().items():
        files[f"{SCHEMA_FOLDER}/{name}"] = text
    return files


def _ignore_build(path: Path) -> None:
    text = path.read_text("utf-8")
    lines = {line.strip() for line in text.splitlines()}
    if not lines & {"build", "build/", "/build", IGNORED_BUILD}:
        separator = "" if not text or text.endswith("\n") else "\n"
        write_atomic(path, f"{text}{separator}{IGNORED_BUILD}\n")
