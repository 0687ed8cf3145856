"""A build cache by content: an incident whose inputs did not change is not read again.

Each incident gets a key: a digest of its files (raw exports included), its folder's
name, and everything every incident shares: lore.yaml, the templates, lore's own code
and the adapters installed. What loading it found and what rendering it wrote are kept
under that key (rendering also under the links other incidents make to it), so a
repository where one incident changed rebuilds in about the time of that incident.

Entries are JSON and raw text, not pickles: a build folder may be committed, and reading a cache
must never run code from it. A third-party adapter whose code changes without a new
version number is not noticed; delete the cache folder after changing one in place.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from incidentlore.emit.write import write_atomic
from incidentlore.load.discover import CATALOG_FILE, IncidentFolder
from incidentlore.resources import shipped

CACHE_DIR = ".cache"
# One file per entry: a line of JSON naming the parts and their sizes, then the parts.
SUFFIX = ".entry"
# Changes whenever what is kept in the cache changes shape.
FORMAT = "incidentlore-cache-1"
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Entry:
    """What is kept under one key: small JSON data, and large texts kept as they are
    (a page or an export can run to megabytes; escaping them into JSON is wasted)."""

    meta: Any
    parts: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Cache:
    """Where entries live (None: no cache) and the digest of what all incidents share."""

    folder: Path | None = None
    context: str = ""
    writable: bool = True

    @classmethod
    def at(cls, folder: Path, root: Path, *, writable: bool = True) -> Cache:
        """The cache in `folder`; `writable=False` only reads (lore validate)."""
        return cls(folder, _context(root), writable)

    def key(self, incident: IncidentFolder) -> str | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256(self.context.encode())
        digest.update(incident.name.encode() + b"\0")
        for path in sorted([*incident.files.values(), *incident.raw]):
            data = path.read_bytes()
            name = path.relative_to(incident.path).as_posix()
            digest.update(f"{name}\0{len(data)}\0".encode() + data)
        return digest.hexdigest()

    def read(self, kind: str, key: str | None) -> Entry | None:
        if self.folder is None or key is None:
            return None
        try:
            data = (self.folder / kind / f"{key}{SUFFIX}").read_bytes()
            header, _, body = data.partition(b"\n")
            head = json.loads(header)
            parts, position = {}, 0
            for name, size in head["parts"]:
                parts[name] = body[position : position + size]
                position += size
            if position != len(body):
                return None
            return Entry(head["meta"], parts)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: the incident is simply built again

    def write(self, kind: str, key: str | None, entry: Entry) -> None:
        if self.folder is None or key is None or not self.writable:
            return
        head = {
            "meta": entry.meta,
            "parts": [[name, len(data)] for name, data in entry.parts.items()],
        }
        header = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()
        body = b"".join(entry.parts.values())
        write_atomic(
            self.folder / kind / f"{key}{SUFFIX}", header + b"\n" + body, durable=False
        )

    def prune(self, used: dict[str, set[str]]) -> None:
        """Drop entries this build did not use: they can never be hit again."""
        if self.folder is None or not self.writable:
            return
        for kind, keys in used.items():
            folder = self.folder / kind
            for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else ():
                if path.stem not in keys:
                    path.unlink(missing_ok=True)


NO_CACHE = Cache()


def derived_key(key: str | None, extra: Any) -> str | None:
    """A key for something that also depends on `extra` (plain JSON data)."""
    if key is None:
        return None
    payload = json.dumps(extra, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{key}\0{payload}".encode()).hexdigest()


def _context(root: Path) -> str:
    digest = hashlib.sha256(FORMAT.encode())
    digest.update((root / CATALOG_FILE).read_bytes())
    for folder in (root / "templates", shipped("templates")):
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(f"{path.name}\0".encode() + path.read_bytes())
    digest.update(_code().encode())
    for point in sorted(
        entry_points(group="incidentlore.adapters"), key=lambda point: point.name
    ):
        version = point.dist.version if point.dist else ""
        digest.update(f"{point.name}={point.value}@{version}\0".encode())
    return digest.hexdigest()


@cache
def _code() -> str:
    """A digest of lore's own code, so that a changed lore never reuses old output."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
