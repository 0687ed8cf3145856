"""Where exports are kept: `raw/<source>/` of an incident, or `signals/<source>/`.

A stored export is named by the SHA-256 of its content (16 hex digits), so the same
export ingested twice is stored once: `raw/alertmanager/3f9c0a1b2c3d4e5f.json` for a
file, `raw/slack/0a1b2c3d4e5f6a7b/` for a folder export. A `--year` given at ingest is
part of the name (`....year-2016.log`), because every build reads the file again and
must read it the same way. Files placed there by hand, under any name, are read too.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from incidentlore.emit.write import folder_beside, write_atomic
from incidentlore.errors import Diagnostic, Location, relative
from incidentlore.normalise.adapter import Export, RawFile

RAW_DIR = "raw"
SIGNALS_DIR = "signals"
DIGEST_LENGTH = 16
_YEAR = re.compile(r"\.year-(?P<year>\d{4})(?:\.|$)")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}")
_CONTENT_NAME = re.compile(
    r"(?P<digest>[0-9a-f]{16})(?:\.year-\d{4})?(?:\.[A-Za-z0-9]{1,10})?"
)


@dataclass(frozen=True, slots=True)
class StoredExport:
    source: str
    path: Path
    name: str  # as messages show it: relative to the repository root
    year: int | None


def stored_exports(
    base: Path, root: Path
) -> tuple[list[StoredExport], list[Diagnostic]]:
    """Every export under `base` (a raw/ or signals/ folder), in name order."""
    exports: list[StoredExport] = []
    problems: list[Diagnostic] = []
    if not base.is_dir():
        return exports, problems
    for folder in sorted(base.iterdir()):
        if folder.name.startswith("."):
            continue
        if not folder.is_dir():
            problems.append(
                Diagnostic(
                    Location(relative(folder, root)),
                    f"keep exports in {base.name}/<source>/, e.g. "
                    f"{base.name}/alertmanager/; lore ingest puts them there",
                )
            )
            continue
        for entry in sorted(folder.iterdir()):
            if not entry.name.startswith("."):
                year = _YEAR.search(entry.name)
                exports.append(
                    StoredExport(
                        folder.name,
                        entry,
                        relative(entry, root),
                        int(year.group("year")) if year else None,
                    )
                )
    return exports, problems


def read_export(stored: StoredExport) -> Export:
    files: tuple[RawFile, ...]
    if stored.path.is_file():
        files = (RawFile(stored.name, "", stored.path.read_bytes()),)
    else:
        files = tuple(
            RawFile(
                f"{stored.name}/{member}",
                member,
                (stored.path / member).read_bytes(),
            )
            for member in _members(stored.path)
        )
    return Export(stored.source, stored.name, files)


def _members(folder: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and not any(p.startswith(".") for p in path.relative_to(folder).parts)
    )


def stored_name(members: Mapping[str, bytes], suffix: str, year: int | None) -> str:
    """The content-addressed name of an export: a file name, or a folder name."""
    hasher = hashlib.sha256()
    if list(members) == [""]:
        hasher.update(members[""])
    else:
        for member in sorted(members):
            hasher.update(
                f"{member}\0{hashlib.sha256(members[member]).hexdigest()}\n".encode()
            )
    name = hasher.hexdigest()[:DIGEST_LENGTH]
    if year is not None:
        name += f".year-{year:04d}"
    if list(members) == [""]:
        name += suffix if _SUFFIX.fullmatch(suffix) else ".raw"
    return name


def same_content(exports: list[StoredExport], name: str) -> list[StoredExport]:
    """The exports stored under the content digest that `name` starts with, whatever
    year their names give: one export ingested with several --year values."""
    digest = name[:DIGEST_LENGTH]
    return [
        stored
        for stored in exports
        if (found := _CONTENT_NAME.fullmatch(stored.path.name))
        and found.group("digest") == digest
    ]


def remove_export(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def export_files(name: str, members: Mapping[str, bytes]) -> tuple[RawFile, ...]:
    """The files an export will have once stored under `name`."""
    if list(members) == [""]:
        return (RawFile(name, "", members[""]),)
    return tuple(
        RawFile(f"{name}/{member}", member, members[member])
        for member in sorted(members)
    )


def write_export(target: Path, members: Mapping[str, bytes]) -> None:
    """Store an export at `target`: all of it appears at once, or none of it."""
    if list(members) == [""]:
        write_atomic(target, members[""])
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = folder_beside(target)
    try:
        for member, data in members.items():
            path = staging / member
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        staging.replace(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
