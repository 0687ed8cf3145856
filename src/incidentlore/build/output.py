"""The output folder: lore writes only where it may, and removes only what it wrote.

A manifest in the folder lists every file the last build wrote. A build refuses a
folder that holds files it did not write, removes only files from the previous
manifest, and marks the manifest "writing" until it is done, so that a build that was
killed half-way is known as such (queries warn about it).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from incidentlore.emit.write import write_atomic
from incidentlore.errors import LoreError, UsageError

MANIFEST = ".lore-build.json"
WRITING, COMPLETE = "writing", "complete"
# Staging folders that a killed build may leave behind; only lore makes these names.
LEFTOVER_PREFIXES = (".index-", ".parquet-")
# Folders of the repository that a build must never write into.
SOURCE_FOLDERS = ("incidents", "templates", "signals", ".git")


@dataclass(frozen=True, slots=True)
class OutputFolder:
    path: Path
    previous: frozenset[str]
    ours: frozenset[str] = frozenset()  # kept there by other parts of lore

    def begin(self, files: Iterable[str]) -> None:
        """Check where each file would go, then record them, before writing any."""
        names = set(files)
        for name in sorted(names):
            self._check(name)
            known = name in self.previous or name in self.ours
            if not known and (self.path / name).exists():
                raise LoreError(
                    f"{self.path / name} was not written by 'lore build' and would be "
                    "replaced; move it out of the build folder"
                )
        _write_manifest(self.path, WRITING, self.previous | names)

    def finish(self, files: Iterable[str]) -> tuple[str, ...]:
        """Remove what the previous build wrote and this one did not; then done."""
        kept = set(files)
        removed = sorted(self.previous - kept)
        for name in removed:
            self._check(name)
            (self.path / name).unlink(missing_ok=True)
        for name in removed:
            _remove_empty_parents(self.path, self.path / name)
        _write_manifest(self.path, COMPLETE, kept)
        return tuple(removed)

    def _check(self, name: str) -> None:
        """A file of the build must lie in the build folder, links followed."""
        home = self.path.resolve()
        place = (self.path / name).parent.resolve()
        if place != home and home not in place.parents:
            raise LoreError(
                f"{self.path / name} leads out of the build folder (through a link?); "
                f"remove the link, or build into another folder"
            )


def claim(root: Path, target: Path, ours: Iterable[str] = ()) -> OutputFolder:
    """The output folder, if lore may write there; a clear error otherwise.

    `ours` names files other parts of lore keep there before a build (a cache).
    """
    _check_place(root, target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder; build into a folder")
    previous = read_manifest(target)
    if previous is None and _foreign(target, set(ours)):
        raise LoreError(
            f"{target} holds files that 'lore build' did not write; build into an "
            "empty folder, or remove them first"
        )
    for leftover in _leftovers(target):
        shutil.rmtree(leftover, ignore_errors=True)
    return OutputFolder(
        target, frozenset(previous[1]) if previous else frozenset(), frozenset(ours)
    )


def read_manifest(target: Path) -> tuple[str, list[str]] | None:
    """The state and files of the folder's last build, or None when it has none."""
    try:
        data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        state, names = str(data["state"]), [str(name) for name in data["files"]]
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        raise LoreError(
            f"{target / MANIFEST} is damaged; remove the folder {target} and build again"
        ) from None
    for name in names:
        if not _inside(name):
            raise LoreError(
                f"{target / MANIFEST} names {name!r}, which is not a file of the build "
                f"folder; it was not written by lore: remove the folder {target} and "
                "build again"
            )
    return state, names


def _inside(name: str) -> bool:
    """Whether a manifest's name is a plain path within the folder."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\\" not in name
        and not path.is_absolute()
        and all(part not in ("", ".", "..") for part in path.parts)
    )


def unfinished(target: Path) -> bool:
    """Whether the last build into `target` was stopped before it finished."""
    found = read_manifest(target) if (target / MANIFEST).is_file() else None
    return found is not None and found[0] != COMPLETE


def _check_place(root: Path, target: Path) -> None:
    place, home = target.resolve(), root.resolve()
    if place == home or place in home.parents:
        raise UsageError(
            f"{target} holds the repository itself; build into a folder of its own "
            "(build_dir in lore.yaml, or --output)"
        )
    for name in SOURCE_FOLDERS:
        source = home / name
        if place == source or source in place.parents:
            raise UsageError(
                f"{target} is inside the repository's {name}/ folder; build "
                "somewhere else (build_dir in lore.yaml, or --output)"
            )


def _foreign(target: Path, ours: set[str]) -> bool:
    """Whether `target` holds anything but lore's (other builds carry a manifest)."""
    if not target.is_dir():
        return target.exists()
    return any(not _ours(entry, ours) for entry in target.iterdir())


def _ours(entry: Path, ours: set[str]) -> bool:
    """Another build (it has a manifest), lore's own files, or a folder of only those
    (a build of a past commit that stopped early leaves its caches)."""
    if entry.name in ours or entry.name.startswith(LEFTOVER_PREFIXES):
        return True
    if not entry.is_dir() or entry.is_symlink():
        return False
    return (entry / MANIFEST).is_file() or not _foreign(entry, ours)


def _leftovers(target: Path) -> list[Path]:
    if not target.is_dir():
        return []
    return [
        entry
        for entry in sorted(target.iterdir())
        if entry.is_dir() and entry.name.startswith(LEFTOVER_PREFIXES)
    ]


def _write_manifest(target: Path, state: str, files: Iterable[str]) -> None:
    text = json.dumps({"state": state, "files": sorted(files)}, indent=2) + "\n"
    write_atomic(target / MANIFEST, text, durable=False)


def _remove_empty_parents(top: Path, path: Path) -> None:
    for folder in path.parents:
        if folder == top or top not in folder.parents:
            return
        try:
            folder.rmdir()
        except OSError:
            return  # not empty: something else still lives there
