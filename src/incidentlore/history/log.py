"""`git log` read into commits and the files each one changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incidentlore.history.git import Git

_FIELDS = ("%H", "%P", "%an", "%ae", "%aI", "%cI", "%B")
_FORMAT = "%x1e" + "%x1f".join(_FIELDS)


@dataclass(frozen=True, slots=True)
class Commit:
    id: str
    parents: tuple[str, ...]
    author: str
    email: str
    authored_at: datetime
    committed_at: datetime
    message: str

    @property
    def short(self) -> str:
        return self.id[:10]

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file's change in a commit; a merge's change differs from every parent."""

    status: str
    old_path: str | None
    new_path: str | None


@dataclass(frozen=True, slots=True)
class LoggedCommit:
    commit: Commit
    changes: tuple[FileChange, ...]


def read_log(git: Git, tip: str, paths: list[str]) -> list[LoggedCommit]:
    """Commits reachable from `tip` that changed `paths`, children before parents.

    Renames are detected (-M); a merge lists only the files that differ from all of
    its parents (-c), which is what the merge itself decided.
    """
    output = git.run(
        [
            "log",
            "--date-order",
            "-M",
            "-c",
            "--raw",
            "-z",
            "--no-abbrev",
            "--encoding=UTF-8",
            f"--format={_FORMAT}",
            tip,
            "--",
            *paths,
        ]
    )
    return [_record(chunk) for chunk in output.split(b"\x1e")[1:]]


def _record(chunk: bytes) -> LoggedCommit:
    header, _, raw = chunk.partition(b"\0")
    fields = header.decode("utf-8", "replace").split("\x1f", len(_FIELDS) - 1)
    commit_id, parents, author, email, authored, committed, message = fields
    commit = Commit(
        id=commit_id,
        parents=tuple(parents.split()),
        author=author,
        email=email,
        authored_at=datetime.fromisoformat(authored),
        committed_at=datetime.fromisoformat(committed),
        message=message.strip(),
    )
    return LoggedCommit(commit, tuple(parse_changes(raw.lstrip(b"\n\0"))))


def parse_changes(raw: bytes) -> list[FileChange]:
    parts = [part.decode("utf-8", "surrogateescape") for part in raw.split(b"\0")]
    changes: list[FileChange] = []
    position = 0
    while position < len(parts) and parts[position].startswith(":"):
        meta = parts[position]
        status = meta.split()[-1]
        parent_count = len(meta) - len(meta.lstrip(":"))
        if parent_count == 1 and status[0] in "RC":
            old, new = parts[position + 1], parts[position + 2]
            # A copy leaves the original in place: the new path starts afresh.
            moved = status[0] == "R"
            changes.append(
                FileChange("R" if moved else "A", old if moved else None, new)
            )
            position += 3
            continue
        path = parts[position + 1]
        changes.append(
            FileChange(
                status if parent_count > 1 else status[0],
                None if set(status) == {"A"} else path,
                None if set(status) == {"D"} else path,
            )
        )
        position += 2
    return changes
