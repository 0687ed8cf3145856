"""Incident repositories for tests: a copy of the sample repository under git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from support import SAMPLE_REPO

INCIDENT = "INC-2018-0001"
FOLDER = "incidents/2018/INC-2018-0001-github-mysql-split-brain"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.com",
    "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(root.parent)}
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def sample_repository(tmp_path: Path, zone: str | None = "UTC") -> Path:
    """The sample catalog with its GitHub 2018 incident alone, in git; the incident
    gets `timezone` if `zone` is set."""
    root = tmp_path / "repo"
    root.mkdir(parents=True)
    shutil.copyfile(SAMPLE_REPO / "lore.yaml", root / "lore.yaml")
    shutil.copytree(SAMPLE_REPO / FOLDER, root / FOLDER)
    if zone:
        incident = root / FOLDER / "incident.yaml"
        incident.write_text(
            incident.read_text(encoding="utf-8") + f"timezone: {zone}\n",
            encoding="utf-8",
        )
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "sample")
    return root


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)


def status(root: Path) -> str:
    return git(root, "status", "--porcelain", "--untracked-files=all")
