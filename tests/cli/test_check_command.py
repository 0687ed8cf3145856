from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import FOLDER, GitRepo, Scripted, fixture, outside_git
from support import SAMPLE_REPO, run_lore


def test_check_the_sample_repository() -> None:
    result = run_lore("-C", SAMPLE_REPO, "check")

    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "ok: validation, build\n",
        "",
    )


def test_check_github_annotates_the_line_and_exits_1(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    repo.edit(
        f"{FOLDER}/postmortem.yaml", "category: configuration", "category: config"
    )

    result = run_lore("-C", repo.path, "check", "--format", "github")

    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file={FOLDER}/postmortem.yaml,line=17,col=15,title=lore::unknown "
        "factor category 'config'; did you mean 'configuration'? Known: "
        "backup-recovery, capacity, change, configuration, dependency, "
        "hardware-network, "
        "human-process, monitoring-gap, software-bug (add new ones to lore.yaml)\n"
        "1 problem (checked: validation, build)\n"
    )
    assert result.stderr == "lore: check failed: 1 problem\n"
    line = (repo.path / FOLDER / "postmortem.yaml").read_text("utf-8").splitlines()[16]
    assert line == "  - category: config"


def test_build_check(scripted: Scripted, tmp_path: Path) -> None:
    repo = scripted.copy(tmp_path / "repo")
    built = run_lore("-C", repo.path, "build")
    assert built.exit_code == 0

    fresh = run_lore("-C", repo.path, "build", "--check")
    repo.edit(f"{FOLDER}/incident.yaml", "status: closed", "status: resolved")
    drifted = run_lore("-C", repo.path, "build", "--check")

    assert (fresh.exit_code, fresh.stdout) == (0, "generated files are up to date\n")
    assert drifted.exit_code == 1
    assert drifted.stdout.startswith(
        "--- build/README.md (checked in)\n+++ build/README.md (lore would write)\n"
    )
    assert "-| Status | closed |\n+| Status | resolved |\n" in drifted.stdout
    assert drifted.stderr == (
        "lore: out of date: build/README.md, build/incidents/INC-2018-0001.json, "
        "build/incidents/INC-2018-0001.md; run 'lore build' (and 'lore schemas' for "
        "schemas) and commit the result\n"
    )


def test_build_check_and_as_of_do_not_mix(scripted: Scripted) -> None:
    result = run_lore("-C", scripted.path, "build", "--check", "--as-of", "HEAD")

    assert (result.exit_code, result.stderr) == (
        2,
        "lore: --check compares the working tree; leave out --as-of\n",
    )


def test_build_as_of(scripted: Scripted, tmp_path: Path) -> None:
    output = tmp_path / "past"

    result = run_lore(
        "-C",
        scripted.path,
        "build",
        "--as-of",
        scripted.commits["moved"],
        "--output",
        output,
    )

    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"built 1 incident into {output} (3 files changed, 0 removed); "
        f"index: {output}/index.duckdb\n"
    )


def test_query_and_sql_as_of(scripted: Scripted) -> None:
    query = run_lore(
        "-C", scripted.path, "query", "--as-of", "2018-11-02", "--format", "csv"
    )
    sql = run_lore(
        "-C",
        scripted.path,
        "sql",
        "--as-of",
        scripted.commits["moved"],
        "SELECT field, old, new FROM revisions WHERE change = 'changed' ORDER BY 1",
    )

    assert (query.exit_code, query.stderr) == (0, "")
    assert query.stdout == (
        "id,title,severity,status,outcome,started_at,time_to_resolve,services,teams\n"
        "INC-2018-0001,MySQL split-brain after a 43-second network partition degrades "
        "GitHub for a day,SEV1,closed,partial-outage,2018-10-21T22:52:00Z,87060,"
        '"github-pages, github-webhooks, github.com",github-database\n'
    )
    assert (sql.exit_code, sql.stderr) == (0, "")
    assert sql.stdout == (
        "field           old                                 new\n"
        "--------------  ----------------------------------  "
        "----------------------------------\n"
        "folder          incidents/2019/INC-2018-0001-mysql  "
        "incidents/2018/INC-2018-0001-mysql\n"
        "severity        SEV2                                SEV1\n"
        "times.detected  2018-10-21 23:08 UTC                2018-10-21 22:54 UTC\n"
    )  # fmt: skip


def test_as_of_a_commit_that_did_not_validate(scripted: Scripted) -> None:
    result = run_lore("-C", scripted.path, "sql", "--as-of", "2018-10-31", "SELECT 1")

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{scripted.short('corrected')}:incidents/2019/INC-2018-0001-mysql/incident.yaml"
        ":9:12: error: started in 2018 but kept under incidents/2019/; move the folder "
        "to incidents/2018/\n1 error\n"
    )


def test_build_outside_git_says_the_revisions_table_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = outside_git(tmp_path / "repo", monkeypatch)

    result = run_lore("-C", root, "build")

    assert result.exit_code == 0
    assert result.stderr == (
        f"lore: the revisions table is left empty: {root} is not inside a git "
        "repository, so it has no history; run 'git init' and commit the incident "
        "files (build and validate work without git)\n"
    )


def test_build_in_a_repository_without_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.init(tmp_path / "repo", monkeypatch)
    repo.write("lore.yaml", fixture("lore.yaml"))
    repo.write(f"{FOLDER}/incident.yaml", fixture("incident.yaml"))

    result = run_lore("-C", repo.path, "build")

    assert result.exit_code == 0
    assert result.stderr == (
        "lore: the revisions table is left empty: the git repository at "
        f"{repo.path} has no commits yet; commit the incident files to start their "
        "history\n"
    )
