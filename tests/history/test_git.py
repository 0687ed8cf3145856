from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import FOLDER, GitRepo, Scripted, fixture
from incidentlore.errors import LoreError, UsageError
from incidentlore.history.git import Git, NoCommits, NotAGitRepository, require_revision


def test_open_finds_the_top_and_the_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.init(tmp_path / "top", monkeypatch)
    (repo.path / "handbook" / "incidents").mkdir(parents=True)

    git = Git.open(repo.path / "handbook")

    assert (git.toplevel, git.prefix) == (repo.path, "handbook/")
    assert git.path("lore.yaml") == "handbook/lore.yaml"


def test_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))

    with pytest.raises(NotAGitRepository):
        Git.open(tmp_path)


def test_head_without_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git = Git.open(GitRepo.init(tmp_path, monkeypatch).path)

    with pytest.raises(NoCommits):
        git.head()


def test_resolve_names_commits_and_refuses_options(scripted: Scripted) -> None:
    git = Git.open(scripted.path)

    assert git.resolve("main") == scripted.commits["crlf"]
    assert git.resolve("HEAD~1") == scripted.commits["resolved"]
    assert git.resolve("no-such-branch") is None
    assert git.resolve("--all") is None
    with pytest.raises(UsageError):
        require_revision(git, "no-such-branch")


def test_object_ids_and_blobs(scripted: Scripted) -> None:
    git = Git.open(scripted.path)
    created = scripted.commits["created"]
    names = [
        f"{created}:lore.yaml",
        f"{created}:incidents",  # a tree, not a blob
        f"{created}:{FOLDER}/incident.yaml",  # not there yet
    ]

    ids = git.object_ids(names)

    assert list(ids) == [f"{created}:lore.yaml"]
    assert git.blobs(ids.values()) == {
        ids[f"{created}:lore.yaml"]: fixture("lore.yaml").encode("utf-8")
    }
    assert git.object_ids([]) == {} and git.blobs([]) == {}


def test_extract_writes_only_the_lore_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.init(tmp_path / "top", monkeypatch)
    repo.write("README.md", "handbook\n")
    repo.write("lore/lore.yaml", fixture("lore.yaml"))
    commit = repo.commit("Start", "2018-10-01T10:00:00+00:00")
    target = tmp_path / "out"

    root = Git.open(repo.path / "lore").extract(commit, target)

    assert root == target / "lore/"
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == [
        "lore",
        "lore/lore.yaml",
    ]


def test_shallow_boundary(scripted: Scripted, tmp_path: Path) -> None:
    clone = scripted.clone(tmp_path / "clone", depth=1).path

    assert Git.open(clone).shallow_boundary() == frozenset({scripted.commits["crlf"]})
    assert Git.open(scripted.path).shallow_boundary() == frozenset()


def test_git_failures_name_the_command(scripted: Scripted) -> None:
    with pytest.raises(LoreError) as raised:
        Git.open(scripted.path).run(["log", "no-such-branch"])

    assert str(raised.value).startswith("git log failed: ")


def test_without_git_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(LoreError) as raised:
        Git.open(tmp_path)

    assert str(raised.value) == (
        "git is not installed or not on PATH; history commands need it "
        "(build and validate work without it)"
    )


def test_a_folder_git_refuses_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.init(tmp_path / "repo", monkeypatch)
    (repo.path / ".git" / "config").write_text("[core\n", "utf-8")

    with pytest.raises(LoreError) as raised:
        Git.open(repo.path)

    assert not isinstance(raised.value, NotAGitRepository)
    assert str(raised.value) == (
        "git rev-parse failed: fatal: bad config line 1 in file .git/config"
    )
