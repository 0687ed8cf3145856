"""Naming a moment in the history: a commit, branch or tag, or a date."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from incidentlore.errors import LoreError, ProblemsFound, UsageError
from incidentlore.history.git import Git
from incidentlore.model.times import TimeError, parse_instant
from incidentlore.validate.repository import load_catalog


def as_of_commit(git: Git, revision: str, zone: str) -> str:
    """The commit `revision` names; a date means the last commit on the first-parent
    line of HEAD committed by the end of that date (or at that time)."""
    commit = git.resolve(revision)
    if commit is not None:
        return commit
    try:
        moment = parse_instant(revision, zone)
    except TimeError:
        raise UsageError(
            f"--as-of {revision!r} is neither a commit, branch or tag nor a date; "
            "give one such as v1.2, 1a2b3c4, 2025-03-01 or '2025-03-01 12:00 UTC'"
        ) from None
    last_second = int((moment.end - timedelta(seconds=1)).timestamp())
    found = git.run(
        ["rev-list", "-1", "--first-parent", f"--before=@{last_second}", git.head()]
    )
    if not found.strip():
        raise LoreError(
            f"no commit on HEAD's first-parent line was made by {revision}; "
            "the history starts later (see 'git log --reverse')"
        )
    return found.decode("ascii").strip()


def reading_zone(root: Path) -> str:
    """The zone a date without one is read in: the repository's display zone."""
    try:
        return load_catalog(root).display_timezone
    except ProblemsFound:
        return "UTC"
