"""Real git repositories for tests: pinned authors, committers and dates, no mocks."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import FIXTURES

HISTORY_FIXTURES = FIXTURES / "history"
FOLDER = "incidents/2018/INC-2018-0001-github-mysql-split-brain"
ADA = ("Ada Example", "ada@example.org")
GRACE = ("Grace Example", "grace@example.org")


def fixture(name: str) -> str:
    return (HISTORY_FIXTURES / name).read_text("utf-8")


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's own git configuration from changing what the tests see."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


class GitRepo:
    """A git repository in tmp_path, driven through the git command line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def init(cls, path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
        isolate_git(monkeypatch)
        path.mkdir(parents=True, exist_ok=True)
        repo = cls(path)
        repo.git("init", "--quiet", "--initial-branch=main")
        repo.git("config", "core.autocrlf", "false")
        return repo

    def git(
        self,
        *args: str,
        when: str = "2018-11-01T09:00:00+00:00",
        who: tuple[str, str] = ADA,
        check: bool = True,
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
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
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

    def commit(self, message: str, when: str, who: tuple[str, str] = ADA) -> str:
        self.git("add", "--all")
        self.git(
            "commit",
            "--quiet",
            "--allow-empty-message",
            "-m",
            message,
            when=when,
            who=who,
        )
        return self.git("rev-parse", "HEAD")


OLD_FOLDER = "incidents/2019/INC-2018-0001-mysql"
MOVED_FOLDER = "incidents/2018/INC-2018-0001-mysql"
TITLE = (
    "MySQL split-brain after a 43-second network partition degrades GitHub for a day"
)


def first_version() -> dict[str, str]:
    """The incident as first committed: under the wrong year, detection late."""
    incident = (
        fixture("incident.yaml")
        .replace("severity: SEV1", "severity: SEV2")
        .replace("detected: 2018-10-21 22:54 UTC", "detected: 2018-10-21 23:08 UTC")
    )
    return {"incident.yaml": incident, "signals.yaml": fixture("signals.yaml")}


def post_mortem_draft() -> str:
    """The post-mortem under review: both action items open, one factor missing.

    Its decision does not name the note yet: notes.yaml is committed later.
    """
    text = fixture("postmortem.yaml").replace("status: done", "status: open")
    text = text.replace("    note: N1\n", "")
    start = text.index("  - category: configuration")
    end = text.index("  - category: backup-recovery")
    text = text[:start] + text[end:]
    return text.replace("review:\n  state: published", "review:\n  state: in-review")


def configuration_factor() -> str:
    text = fixture("postmortem.yaml")
    return text[
        text.index("  - category: configuration") : text.index(
            "  - category: backup-recovery"
        )
    ]


STATUS_PAGE_SIGNALS = """\
  - id: statuspage-investigating
    source: statuspage
    kind: status
    at: 2018-10-21 23:09 UTC
    summary: Status page entry opened as investigating
  - id: statuspage-resolved
    source: statuspage
    kind: status
    at: 2018-10-22 23:03 UTC
    summary: Status page entry resolved
"""


def scripted_repository(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A repository whose history has every case history must follow.

    A year-folder move, a rename with an edit in one commit, notes committed with
    CRLF line endings, a clean merge and a merge that resolves a conflict. Returns
    each commit by name.
    """
    repo = GitRepo.init(path, monkeypatch)
    commits: dict[str, str] = {}
    repo.write("lore.yaml", fixture("lore.yaml"))
    repo.write(".gitignore", "build/\n")
    for name, text in first_version().items():
        repo.write(f"{OLD_FOLDER}/{name}", text)
    commits["created"] = repo.commit(
        "Add the GitHub split-brain incident", "2018-10-30T10:00:00+00:00"
    )
    repo.edit(f"{OLD_FOLDER}/incident.yaml", "23:08 UTC", "22:54 UTC")
    repo.edit(f"{OLD_FOLDER}/incident.yaml", "severity: SEV2", "severity: SEV1")
    commits["corrected"] = repo.commit(
        "Correct the detection time after review\n\nThe first alert fired at 22:54.",
        "2018-10-31T10:00:00+00:00",
        GRACE,
    )
    repo.write(f"{OLD_FOLDER}/postmortem.yaml", post_mortem_draft())
    commits["post-mortem"] = repo.commit(
        "Add the post-mortem draft", "2018-11-01T10:00:00+00:00"
    )
    repo.git("mv", "incidents/2019", "incidents/2018")
    commits["moved"] = repo.commit(
        "Move to the year it started", "2018-11-02T10:00:00+00:00"
    )
    repo.git("mv", MOVED_FOLDER, FOLDER)
    repo.edit(f"{FOLDER}/postmortem.yaml", "    status: open", "    status: done")
    repo.edit(
        f"{FOLDER}/postmortem.yaml",
        "  - category: backup-recovery",
        configuration_factor() + "  - category: backup-recovery",
    )
    commits["renamed"] = repo.commit(
        "Rename the folder, close AI-1, add the configuration factor",
        "2018-11-03T10:00:00+00:00",
        GRACE,
    )
    repo.write(f"{FOLDER}/notes.yaml", fixture("notes.yaml"), crlf=True)
    commits["notes"] = repo.commit(
        "Add notes (written on Windows)", "2018-11-04T10:00:00+00:00"
    )
    repo.git("checkout", "--quiet", "-b", "review")
    repo.edit(f"{FOLDER}/postmortem.yaml", "state: in-review", "state: published")
    repo.edit(f"{FOLDER}/postmortem.yaml", "    status: open", "    status: done")
    commits["published"] = repo.commit(
        "Publish the post-mortem", "2018-11-05T10:00:00+00:00", GRACE
    )
    repo.git("checkout", "--quiet", "main")
    signals = repo.read(f"{FOLDER}/signals.yaml")
    repo.write(f"{FOLDER}/signals.yaml", signals + STATUS_PAGE_SIGNALS)
    commits["signals"] = repo.commit(
        "Add the status page entries", "2018-11-05T12:00:00+00:00"
    )
    repo.git(
        "merge", "--quiet", "--no-edit", "review", when="2018-11-06T10:00:00+00:00"
    )
    commits["merged"] = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "--quiet", "-b", "retitle")
    repo.edit(
        f"{FOLDER}/incident.yaml",
        f"title: {TITLE}",
        "title: MySQL split-brain degrades GitHub",
    )
    commits["retitled-branch"] = repo.commit(
        "Shorter title", "2018-11-07T10:00:00+00:00", GRACE
    )
    repo.git("checkout", "--quiet", "main")
    repo.edit(
        f"{FOLDER}/incident.yaml", f"title: {TITLE}", "title: GitHub degraded for a day"
    )
    commits["retitled-main"] = repo.commit("Plainer title", "2018-11-07T11:00:00+00:00")
    # The two titles conflict; the merge commit resolves it with a third.
    repo.git("merge", "--quiet", "retitle", check=False)
    incident = repo.read(f"{FOLDER}/incident.yaml")
    start, end = incident.index("<<<<<<<"), incident.index(">>>>>>> retitle\n")
    resolved = "title: GitHub degraded for a day by a MySQL split-brain\n"
    repo.write(
        f"{FOLDER}/incident.yaml", incident[:start] + resolved + incident[end + 16 :]
    )
    commits["resolved"] = repo.commit(
        "Merge branch 'retitle'", "2018-11-08T10:00:00+00:00"
    )
    incident = repo.read(f"{FOLDER}/incident.yaml")
    repo.write(f"{FOLDER}/incident.yaml", incident, crlf=True)
    commits["crlf"] = repo.commit(
        "Convert to CRLF line endings", "2018-11-09T10:00:00+00:00"
    )
    return commits


@dataclass(frozen=True)
class Scripted:
    """The scripted repository, made once per session; tests copy it to change it."""

    path: Path
    commits: dict[str, str]

    def short(self, name: str) -> str:
        return self.commits[name][:10]

    def copy(self, target: Path) -> GitRepo:
        shutil.copytree(self.path, target, symlinks=True)
        return GitRepo(target)

    def clone(self, target: Path, depth: int | None = None) -> GitRepo:
        """A clone; with `depth`, a shallow one (file:// makes git honour it)."""
        shallow = ["--depth", str(depth)] if depth else []
        GitRepo(target.parent).git(
            "clone", "--quiet", *shallow, f"file://{self.path}", str(target)
        )
        return GitRepo(target)


def outside_git(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The GitHub incident in a folder that no git repository holds."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(path.parent))
    (path / FOLDER).mkdir(parents=True)
    (path / "lore.yaml").write_text(fixture("lore.yaml"), "utf-8")
    for name in ("incident.yaml", "signals.yaml"):
        (path / FOLDER / name).write_text(fixture(name), "utf-8")
    return path


def make_scripted(factory: pytest.TempPathFactory) -> Scripted:
    with pytest.MonkeyPatch.context() as monkeypatch:
        path = factory.mktemp("scripted") / "repo"
        return Scripted(path, scripted_repository(path, monkeypatch))
