from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import (
    FOLDER,
    GRACE,
    MOVED_FOLDER,
    OLD_FOLDER,
    GitRepo,
    Scripted,
    fixture,
    outside_git,
)
from incidentlore.errors import LoreError
from incidentlore.history.git import NoCommits, NotAGitRepository
from incidentlore.history.history import incident_history
from incidentlore.history.report import history_text


def expected_history(s: Scripted) -> str:
    return f"""\
INC-2018-0001: 12 revisions, newest first; times in UTC

{s.short("crlf")}  2018-11-09 10:00 +00:00  Ada Example  Convert to CRLF line endings
    no field changes (formatting, comments or line endings only)

{s.short("resolved")}  2018-11-08 10:00 +00:00  Ada Example  Merge branch 'retitle'
    title "GitHub degraded for a day" → "GitHub degraded for a day by a MySQL \
split-brain"

{s.short("retitled-main")}  2018-11-07 11:00 +00:00  Ada Example  Plainer title
    title "MySQL split-brain after a 43-second network parti…" → "GitHub degraded for \
a day"

{s.short("retitled-branch")}  2018-11-07 10:00 +00:00  Grace Example  Shorter title
    title "MySQL split-brain after a 43-second network parti…" → "MySQL split-brain \
degrades GitHub"

{s.short("signals")}  2018-11-05 12:00 +00:00  Ada Example  Add the status page entries
    signals + 2 (statuspage 2)

{s.short("published")}  2018-11-05 10:00 +00:00  Grace Example  Publish the post-mortem
    action item AI-2 status open → done
    review state in-review → published

{s.short("notes")}  2018-11-04 10:00 +00:00  Ada Example  Add notes (written on Windows)
    notes + 3 (decision 2, note 1)

{s.short("renamed")}  2018-11-03 10:00 +00:00  Grace Example  Rename the folder, \
close AI-1, add the configuration factor
    moved from {MOVED_FOLDER}
    contributing_factors + configuration
    action item AI-1 status open → done

{s.short("moved")}  2018-11-02 10:00 +00:00  Ada Example  Move to the year it started
    moved from {OLD_FOLDER}

{s.short("post-mortem")}  2018-11-01 10:00 +00:00  Ada Example  Add the post-mortem \
draft
    post-mortem added: 2 contributing factors, 2 action items, review in-review

{s.short("corrected")}  2018-10-31 10:00 +00:00  Grace Example  Correct the detection \
time after review
    severity SEV2 → SEV1
    detected 23:08 → 22:54 (−14 min)

{s.short("created")}  2018-10-30 10:00 +00:00  Ada Example  Add the GitHub \
split-brain incident
    incident added: "MySQL split-brain after a 43-second network parti…" (SEV2, closed)
    signals + 17 (manual 17)
"""


def test_history_follows_moves_renames_crlf_and_merges(scripted: Scripted) -> None:
    history = incident_history(scripted.path, "INC-2018-0001")

    assert history_text(history) == expected_history(scripted)
    assert history.folder == FOLDER
    assert history.tip == scripted.commits["crlf"]
    assert not history.shallow


def test_a_clean_merge_has_no_revision_of_its_own(scripted: Scripted) -> None:
    history = incident_history(scripted.path, "INC-2018-0001")

    commits = [revision.touch.commit.id for revision in history.revisions]
    assert scripted.commits["merged"] not in commits
    assert scripted.commits["resolved"] in commits


def test_a_merge_keeps_only_the_changes_no_parent_had(scripted: Scripted) -> None:
    history = incident_history(scripted.path, "INC-2018-0001")

    (merge,) = [
        r for r in history.revisions if r.touch.commit.subject.startswith("Merge")
    ]
    assert [(c.field, c.change) for c in merge.changes] == [("title", "changed")]
    assert merge.touch.commit.parents == (
        scripted.commits["retitled-main"],
        scripted.commits["retitled-branch"],
    )


def test_history_as_of_a_commit_stops_there(scripted: Scripted) -> None:
    history = incident_history(
        scripted.path, "INC-2018-0001", scripted.commits["moved"]
    )

    assert [r.touch.commit.subject for r in history.revisions] == [
        "Move to the year it started",
        "Add the post-mortem draft",
        "Correct the detection time after review",
        "Add the GitHub split-brain incident",
    ]
    assert history.folder == MOVED_FOLDER


def test_history_as_of_a_date_uses_the_last_commit_of_that_day(
    scripted: Scripted,
) -> None:
    history = incident_history(scripted.path, "INC-2018-0001", "2018-10-31")

    assert history.tip == scripted.commits["corrected"]


def test_detached_head(scripted: Scripted, tmp_path: Path) -> None:
    repo = scripted.copy(tmp_path / "detached")
    repo.git("checkout", "--quiet", "--detach", scripted.commits["renamed"])

    history = incident_history(repo.path, "INC-2018-0001")

    assert history.tip == scripted.commits["renamed"]
    assert len(history.revisions) == 5
    assert history.revisions[0].touch.commit.id == scripted.commits["renamed"]


def test_shallow_clone_stops_at_the_graft_and_says_so(
    scripted: Scripted, tmp_path: Path
) -> None:
    shallow = scripted.clone(tmp_path / "shallow", depth=2)

    text = history_text(incident_history(shallow.path, "INC-2018-0001"))

    assert (
        text
        == f"""\
INC-2018-0001: 2 revisions, newest first; times in UTC

{scripted.short("crlf")}  2018-11-09 10:00 +00:00  Ada Example  Convert to CRLF line \
endings
    no field changes (formatting, comments or line endings only)

{scripted.short("resolved")}  2018-11-08 10:00 +00:00  Ada Example  Merge branch \
'retitle'
    shallow clone: the history before this commit is not here ('git fetch \
--unshallow' gets it)
"""
    )


MINIMAL = """\
id: INC-2018-0001
title: Split-brain
severity: SEV3
status: investigating
times:
  started: 2018-10-21 22:52 UTC
"""


def new_repository(path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo.init(path, monkeypatch)
    repo.write("lore.yaml", fixture("lore.yaml"))
    return repo


def test_a_rename_with_a_rewrite_git_cannot_pair_is_followed_by_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_repository(tmp_path, monkeypatch)
    repo.write(f"{OLD_FOLDER}/incident.yaml", fixture("incident.yaml"))
    repo.commit("Add", "2018-10-30T10:00:00+00:00")
    repo.git("rm", "--quiet", "-r", OLD_FOLDER)
    repo.write(f"{FOLDER}/incident.yaml", MINIMAL)
    last = repo.commit("Rewrite from scratch", "2018-10-31T10:00:00+00:00")

    history = incident_history(repo.path, "INC-2018-0001")

    assert [r.kind for r in history.revisions] == ["changed", "created"]
    assert history.revisions[0].touch.commit.id == last
    assert history.revisions[0].touch.before == OLD_FOLDER
    assert [(c.field, c.change) for c in history.revisions[0].changes][:3] == [
        ("title", "changed"),
        ("severity", "changed"),
        ("status", "changed"),
    ]


def test_an_id_change_keeps_the_history_under_both_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_repository(tmp_path, monkeypatch)
    repo.write(f"{FOLDER}/incident.yaml", fixture("incident.yaml"))
    repo.commit("Add", "2018-10-30T10:00:00+00:00")
    renamed = "incidents/2018/INC-2018-0002-github-mysql-split-brain"
    repo.git("mv", FOLDER, renamed)
    repo.edit(f"{renamed}/incident.yaml", "id: INC-2018-0001", "id: INC-2018-0002")
    repo.commit("Renumber", "2018-10-31T10:00:00+00:00")

    by_new_id = incident_history(repo.path, "INC-2018-0002")
    by_old_id = incident_history(repo.path, "INC-2018-0001")

    assert history_text(by_new_id).splitlines()[2:5] == [
        f"{repo.git('rev-parse', 'HEAD')[:10]}  2018-10-31 10:00 +00:00  Ada Example  "
        "Renumber",
        f"    moved from {FOLDER}",
        "    id INC-2018-0001 → INC-2018-0002",
    ]
    assert by_old_id == by_new_id


def test_a_removed_incident_still_has_its_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_repository(tmp_path, monkeypatch)
    repo.write(f"{FOLDER}/incident.yaml", MINIMAL)
    repo.commit("Add", "2018-10-30T10:00:00+00:00")
    repo.git("rm", "--quiet", "-r", FOLDER)
    repo.commit("Remove a duplicate report", "2018-10-31T10:00:00+00:00", GRACE)

    history = incident_history(repo.path, "INC-2018-0001")

    assert [r.kind for r in history.revisions] == ["removed", "created"]
    assert history_text(history).splitlines()[3] == "    incident removed"


def test_a_reused_folder_starts_a_new_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_repository(tmp_path, monkeypatch)
    repo.write(f"{FOLDER}/incident.yaml", MINIMAL)
    repo.commit("Add one", "2018-10-30T10:00:00+00:00")
    repo.git("rm", "--quiet", "-r", FOLDER)
    repo.commit("Remove it", "2018-10-31T10:00:00+00:00")
    repo.write(f"{FOLDER}/incident.yaml", MINIMAL.replace("Split-brain", "Another"))
    repo.commit("Add another at the same place", "2018-11-01T10:00:00+00:00")

    history = incident_history(repo.path, "INC-2018-0001")

    assert [r.touch.commit.subject for r in history.revisions] == [
        "Add another at the same place"
    ]


def test_revisions_that_do_not_validate_are_shown_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_repository(tmp_path, monkeypatch)
    repo.write(f"{FOLDER}/incident.yaml", MINIMAL)
    first = repo.commit("Add", "2018-10-30T10:00:00+00:00")
    repo.edit(f"{FOLDER}/incident.yaml", "22:52 UTC", "22:52 PST")
    repo.commit("Use the zone the source gave", "2018-10-31T10:00:00+00:00")
    repo.edit(f"{FOLDER}/incident.yaml", "22:52 PST", "22:50 UTC")
    repo.edit(f"{FOLDER}/incident.yaml", "SEV3", "SEV2")
    repo.commit("Fix the zone", "2018-11-01T10:00:00+00:00")

    lines = history_text(incident_history(repo.path, "INC-2018-0001")).splitlines()

    assert lines[2:11] == [
        f"{repo.git('rev-parse', 'HEAD')[:10]}  2018-11-01 10:00 +00:00  Ada Example  "
        "Fix the zone",
        f"    incident.yaml compared with {first[:10]}, its last version that "
        "validated",
        "    severity SEV3 → SEV2",
        "    started 22:52 → 22:50 (−2 min)",
        "",
        f"{repo.git('rev-parse', 'HEAD~1')[:10]}  2018-10-31 10:00 +00:00  Ada "
        "Example  "
        "Use the zone the source gave",
        f"    does not validate here: {FOLDER}/incident.yaml:6:12: error: "
        "times.started: "
        "'PST' is not an IANA time zone; abbreviations such as PST are ambiguous: "
        "write the offset (-08:00) or a zone name (America/Los_Angeles)",
        "",
        f"{first[:10]}  2018-10-30 10:00 +00:00  Ada Example  Add",
    ]


def test_unknown_incident_names_close_ones(scripted: Scripted) -> None:
    with pytest.raises(LoreError) as raised:
        incident_history(scripted.path, "INC-2018-001")

    assert str(raised.value) == (
        "no incident 'INC-2018-001' in the history of HEAD; did you mean INC-2018-0001?"
    )


def test_unknown_incident_with_nothing_close(scripted: Scripted) -> None:
    with pytest.raises(LoreError) as raised:
        incident_history(scripted.path, "OPS-1")

    assert str(raised.value) == (
        "no incident 'OPS-1' in the history of HEAD; 1 incident was ever committed"
    )


def test_no_commits_yet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_repository(tmp_path, monkeypatch)
    repo.write(f"{FOLDER}/incident.yaml", MINIMAL)

    with pytest.raises(NoCommits) as raised:
        incident_history(repo.path, "INC-2018-0001")

    assert str(raised.value) == (
        f"the git repository at {tmp_path} has no commits yet; commit the incident "
        "files to start their history"
    )


def test_a_folder_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outside_git(tmp_path / "incidents-repo", monkeypatch)

    with pytest.raises(NotAGitRepository) as raised:
        incident_history(root, "INC-2018-0001")

    assert str(raised.value) == (
        f"{root} is not inside a git repository, so it has no history; run 'git init' "
        "and commit the incident files (build and validate work without git)"
    )
