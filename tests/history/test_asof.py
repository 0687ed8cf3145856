from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import OLD_FOLDER, GitRepo, Scripted, fixture
from incidentlore.errors import LoreError, ProblemsFound
from incidentlore.history.asof import build_as_of, index_as_of
from incidentlore.query import Filters, incidents, sql


def test_build_as_of_a_commit_leaves_the_working_tree_alone(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    head = repo.git("rev-parse", "HEAD")

    result = build_as_of(repo.path, scripted.commits["moved"])

    short = scripted.commits["moved"][:12]
    assert result.output == repo.path / "build" / f"as-of-{short}"
    assert sorted(p.name for p in (result.output / "incidents").iterdir()) == [
        "INC-2018-0001.json",
        "INC-2018-0001.md",
    ]
    page = (result.output / "incidents" / "INC-2018-0001.md").read_text("utf-8")
    assert "| Severity | SEV1 |" in page.splitlines()
    assert "| Detected | 2018-10-21 22:54 +00:00 |" in page.splitlines()
    assert result.notes == ()
    assert repo.git("status", "--porcelain", "--ignored") == "!! build/"
    assert repo.git("rev-parse", "HEAD") == head


def test_a_past_commit_that_did_not_validate_reports_its_problems(
    scripted: Scripted,
) -> None:
    with pytest.raises(ProblemsFound) as raised:
        build_as_of(scripted.path, scripted.commits["corrected"])

    assert [str(d) for d in raised.value.diagnostics] == [
        f"{scripted.short('corrected')}:{OLD_FOLDER}/incident.yaml:9:12: error: "
        "started in 2018 but kept under "
        "incidents/2019/; move the folder to incidents/2018/"
    ]


def test_the_index_as_of_a_date(scripted: Scripted) -> None:
    with index_as_of(scripted.path, "2018-11-02") as past:
        assert past.commit == scripted.commits["moved"]
        listed = incidents(past.index, past.catalog, Filters())
        revisions = sql(past.index, "SELECT DISTINCT commit FROM revisions ORDER BY 1")

    assert [(row[0], row[3]) for row in listed.rows] == [("INC-2018-0001", "closed")]
    assert revisions.rows == sorted(
        (scripted.commits[name],)
        for name in ("created", "corrected", "post-mortem", "moved")
    )


def test_the_index_as_of_a_tag_without_history(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    repo.git("tag", "reviewed", scripted.commits["published"])

    with index_as_of(repo.path, "reviewed", history=False) as past:
        found = sql(past.index, "SELECT count(*) FROM revisions")
        state = sql(past.index, "SELECT id, title FROM incidents")

    assert found.rows == [(0,)]
    assert state.rows == [
        (
            "INC-2018-0001",
            "MySQL split-brain after a 43-second network partition degrades GitHub "
            "for a day",
        )
    ]


def test_a_date_before_the_first_commit(scripted: Scripted) -> None:
    with pytest.raises(LoreError) as raised:
        build_as_of(scripted.path, "2018-10-29")

    assert str(raised.value) == (
        "no commit on HEAD's first-parent line was made by 2018-10-29; the history "
        "starts later (see 'git log --reverse')"
    )


def test_neither_a_revision_nor_a_date(scripted: Scripted) -> None:
    with pytest.raises(LoreError) as raised:
        build_as_of(scripted.path, "last-tuesday")

    assert str(raised.value) == (
        "--as-of 'last-tuesday' is neither a commit, branch or tag nor a date; give "
        "one such as v1.2, 1a2b3c4, 2025-03-01 or '2025-03-01 12:00 UTC'"
    )


def test_a_commit_before_the_repository_had_lore_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.init(tmp_path / "top", monkeypatch)
    repo.write("README.md", "An engineering handbook\n")
    first = repo.commit("Start", "2018-10-01T10:00:00+00:00")
    repo.write("lore/lore.yaml", fixture("lore.yaml"))
    repo.write(f"lore/{OLD_FOLDER}/incident.yaml", fixture("incident.yaml"))
    repo.commit("Keep incidents in lore/", "2018-10-02T10:00:00+00:00")

    with pytest.raises(LoreError) as raised:
        build_as_of(repo.path / "lore", first)

    assert str(raised.value) == (
        f"commit {first[:12]} has no lore.yaml in lore/; give a later commit"
    )
