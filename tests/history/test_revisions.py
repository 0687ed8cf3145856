from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from gitrepo import FOLDER, GitRepo, Scripted, fixture, outside_git
from incidentlore.build import build
from incidentlore.history.revisions import index_revisions
from support import SAMPLE_REPO

SAMPLE_FOLDER = "incidents/2018/INC-2018-0001-github-mysql-split-brain"


def rows(index: Path, statement: str) -> list[tuple[object, ...]]:
    connection = duckdb.connect(str(index), read_only=True)
    try:
        connection.execute("SET TimeZone = 'UTC'")
        return connection.execute(statement).fetchall()
    finally:
        connection.close()


def test_the_revisions_table_holds_every_field_change(
    scripted: Scripted, tmp_path: Path
) -> None:
    result = build(scripted.path, tmp_path / "out")

    found = rows(
        result.index,
        "SELECT commit, author, strftime(authored_at, '%Y-%m-%d %H:%M'), kind, field, "
        "change, old, new, strftime(old_at, '%H:%M'), strftime(new_at, '%H:%M') "
        "FROM revisions WHERE field IN ('times.detected', 'severity', 'folder', "
        "'postmortem.review.state') ORDER BY authored_at, field",
    )

    c = scripted.commits
    assert found == [
        (c["created"], "Ada Example", "2018-10-30 10:00", "created", "severity",
         "added", None, "SEV2", None, None),
        (c["created"], "Ada Example", "2018-10-30 10:00", "created", "times.detected",
         "added", None, "2018-10-21 23:08 UTC", None, "23:08"),
        (c["corrected"], "Grace Example", "2018-10-31 10:00", "changed", "severity",
         "changed", "SEV2", "SEV1", None, None),
        (c["corrected"], "Grace Example", "2018-10-31 10:00", "changed",
         "times.detected", "changed", "2018-10-21 23:08 UTC", "2018-10-21 22:54 UTC",
         "23:08", "22:54"),
        (c["post-mortem"], "Ada Example", "2018-11-01 10:00", "changed",
         "postmortem.review.state", "added", None, "in-review", None, None),
        (c["moved"], "Ada Example", "2018-11-02 10:00", "changed", "folder", "changed",
         "incidents/2019/INC-2018-0001-mysql", "incidents/2018/INC-2018-0001-mysql",
         None, None),
        (c["renamed"], "Grace Example", "2018-11-03 10:00", "changed", "folder",
         "changed", "incidents/2018/INC-2018-0001-mysql", FOLDER, None, None),
        (c["published"], "Grace Example", "2018-11-05 10:00", "changed",
         "postmortem.review.state", "changed", "in-review", "published", None, None),
    ]  # fmt: skip
    assert rows(
        result.index,
        "SELECT field, change FROM revisions WHERE commit = ?".replace(
            "?", f"'{c['crlf']}'"
        ),
    ) == [(None, "none")]
    assert result.notes == ()


def test_learning_latency_and_detection_revisions(
    scripted: Scripted, tmp_path: Path
) -> None:
    index = build(scripted.path, tmp_path / "out").index

    assert rows(
        index,
        "SELECT incident_id, strftime(recorded_resolved_at, '%Y-%m-%d'), "
        "strftime(reviewed_at, '%Y-%m-%d %H:%M'), learning_latency_days, "
        "since_resolution FROM learning_latency",
    ) == [("INC-2018-0001", "2018-10-30", "2018-11-05 10:00", 6.0, _days(13, 10, 57))]
    assert rows(
        index,
        "SELECT incident_id, author, shift_minutes, after_review FROM "
        "detection_revisions",
    ) == [("INC-2018-0001", "Grace Example", -14.0, False)]


def _days(days: int, hours: int, minutes: int) -> object:
    import datetime

    return datetime.timedelta(days=days, hours=hours, minutes=minutes)


def test_a_detection_time_revised_after_review_counts(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    repo.edit(
        f"{FOLDER}/incident.yaml",
        "detected: 2018-10-21 22:54",
        "detected: 2018-10-21 22:53",
    )
    repo.commit("The monitoring log says 22:53", "2018-12-01T10:00:00+00:00")

    index = build(repo.path, tmp_path / "out").index

    assert rows(
        index,
        "SELECT count(*) FILTER (WHERE after_review), count(*) FROM "
        "detection_revisions",
    ) == [(1, 2)]


def test_index_revisions_is_deterministic(scripted: Scripted) -> None:
    first = index_revisions(scripted.path)
    second = index_revisions(scripted.path)

    assert first == second
    assert first.commit == scripted.commits["crlf"]
    assert len(first.rows) == 167
    commits = list(dict.fromkeys(row["commit"] for row in first.rows))
    assert commits[0] == scripted.commits["created"]
    assert commits[-1] == scripted.commits["crlf"]


def test_outside_git_the_table_is_empty_and_the_build_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = outside_git(tmp_path / "repo", monkeypatch)

    result = build(root)

    assert result.incidents == 1
    assert result.notes == (
        f"the revisions table is left empty: {root} is not inside a git repository, "
        "so it has no history; run 'git init' and commit the incident files (build "
        "and validate work without git)",
    )
    assert rows(result.index, "SELECT count(*) FROM revisions") == [(0,)]
    assert rows(
        result.index, "SELECT value FROM metadata WHERE key = 'revisions_from'"
    ) == [("",)]


def test_without_commits_the_table_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.init(tmp_path / "repo", monkeypatch)
    repo.write("lore.yaml", fixture("lore.yaml"))

    assert index_revisions(repo.path).note == (
        f"the revisions table is left empty: the git repository at {repo.path} has no "
        "commits yet; commit the incident files to start their history"
    )


def test_the_sample_repository_history_is_indexed(tmp_path: Path) -> None:
    added = subprocess.run(
        [
            "git",
            "log",
            "--format=%H",
            "--diff-filter=A",
            "--",
            f"{SAMPLE_FOLDER}/incident.yaml",
        ],
        cwd=SAMPLE_REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    index = build(SAMPLE_REPO, tmp_path / "out").index

    assert rows(
        index,
        "SELECT commit, new FROM revisions WHERE incident_id = 'INC-2018-0001' "
        "AND field = 'times.detected' AND change = 'added'",
    ) == [(added[-1], "2018-10-21 22:54 UTC")]


def test_the_cache_keeps_rows_until_an_incident_has_new_commits(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    cache = tmp_path / "cache.json"
    first = index_revisions(repo.path, cache=cache)
    stored = json.loads(cache.read_text("utf-8"))
    (entry,) = stored["lineages"].values()
    entry["rows"][0][5] = "read from the cache"  # the subject
    cache.write_text(json.dumps(stored), "utf-8")

    cached = index_revisions(repo.path, cache=cache)
    repo.edit(f"{FOLDER}/incident.yaml", "status: closed", "status: resolved")
    repo.commit("Reopen", "2018-12-01T10:00:00+00:00")
    fresh = index_revisions(repo.path, cache=cache)

    assert stored["version"] == "0.1.0/1"
    assert cached.rows[0]["subject"] == "read from the cache"
    assert cached.rows[1:] == first.rows[1:]
    assert fresh.rows[0] == first.rows[0]
    assert fresh.rows[-1]["subject"] == "Reopen"


@pytest.mark.parametrize(
    "text", ["not json", '{"version": "0.0.1/1", "lineages": {}}', '["a list"]']
)
def test_a_cache_that_does_not_fit_is_ignored(
    scripted: Scripted, tmp_path: Path, text: str
) -> None:
    cache = tmp_path / "cache.json"
    cache.write_text(text, "utf-8")

    assert index_revisions(scripted.path, cache=cache) == index_revisions(scripted.path)
    assert json.loads(cache.read_text("utf-8"))["version"] == "0.1.0/1"


def test_rows_for_invalid_revisions_and_shallow_clones(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    repo.edit(f"{FOLDER}/incident.yaml", "severity: SEV1", "severity: [SEV1]")
    broken = repo.commit("Break the severity", "2018-12-01T10:00:00+00:00")
    shallow = GitRepo(tmp_path / "shallow")
    repo.git("clone", "--quiet", "--depth=1", f"file://{repo.path}", str(shallow.path))

    full = index_revisions(repo.path)
    cut = index_revisions(shallow.path)

    assert [
        (row["field"], row["change"], row["new"])
        for row in full.rows
        if row["commit"] == broken
    ] == [
        (
            None,
            "invalid",
            f"{FOLDER}/incident.yaml:3:11: error: severity: expected text, got a list",
        )
    ]
    assert {row["kind"] for row in cut.rows} == {"shallow-boundary"}
    # incident.yaml does not validate, so no id is known: the folder names it.
    assert {row["incident_id"] for row in cut.rows} == {FOLDER.rsplit("/", 1)[1]}
    assert {row["change"] for row in cut.rows} == {"added", "invalid"}
    assert cut.note == (
        "this clone is shallow, so the revisions table starts at the shallow "
        "boundary; 'git fetch --unshallow' gives the full history"
    )
