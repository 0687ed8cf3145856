"""Real git repositories for tests: pinned authors, committers and dates, no mocks."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from support import FIXTURES

HISTORY_FIXTURES = FIXTURES / "history"
FOLDER = "incidents/2018/INC-2018-0001-github-mysql-split-brain"
ADA = ("Ada Example", "ada@example.org")
GRACE = ("Grace Example", "grace@example.org")


def fixture(name: str) -> str:
    return (HISTORY_FIXTURES / name).read_text("utf-8")


class GitRepo:
    """A git repository in tmp_path, driven through the git command line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def init(cls, path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
        # The user's own git configuration must not change what the tests see.
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
        monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        path.mkdir(parents=True, exist_ok=True)
        repo = cls(path)
        repo.git("init", "--quiet", "--initial-branch=main")
        repo.git("config", "core.autocrlf", "false")
        return repo

    def git(
        self, *args: str, when: str = "2018-11-01T09:00:00+00:00", who: tuple[str, str] = ADA
    ) -> str:
        environment = dict(os.environ)
        environment.update(
            GIT_AUTHOR_NAME=who[0],
            GIT_AUTHOR_EMAIL=who[1],
            GIT_AUTHOR_DATE=when,
            GIT_COMMITTER_NAME=who[0],
            GIT_COMMITTER_EMAIL=who[1],
            GIT_COMMITTER_DATE=when,
            LC_ALL="C",
        )
        done = subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args],
            cwd=self.path,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def write(self, relative: str, text: str, *, crlf: bool = False) -> None:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.replace("\n", "\r\n") if crlf else text
        path.write_bytes(data.encode("utf-8"))

    def read(self, relative: str) -> str:
        return (self.path / relative).read_text("utf-8")

    def edit(self, relative: str, old: str, new: str) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, 1))

    def commit(
        self, message: str, when: str, who: tuple[str, str] = ADA
    ) -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty-message", "-m", message, when=when, who=who)
        return self.git("rev-parse", "HEAD")
