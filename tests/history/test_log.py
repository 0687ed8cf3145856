from __future__ import annotations

from datetime import UTC, datetime

from gitrepo import FOLDER, MOVED_FOLDER, OLD_FOLDER, Scripted
from incidentlore.history.git import Git
from incidentlore.history.log import FileChange, parse_changes, read_log


def test_read_log_gives_commits_children_first_with_renames(scripted: Scripted) -> None:
    git = Git.open(scripted.path)

    log = read_log(git, scripted.commits["renamed"], ["incidents"])

    assert [entry.commit.subject for entry in log] == [
        "Rename the folder, close AI-1, add the configuration factor",
        "Move to the year it started",
        "Add the post-mortem draft",
        "Correct the detection time after review",
        "Add the GitHub split-brain incident",
    ]
    renamed = log[0]
    assert renamed.commit.authored_at == datetime(2018, 11, 3, 10, tzinfo=UTC)
    assert (renamed.commit.author, renamed.commit.email) == (
        "Grace Example",
        "grace@example.org",
    )
    assert renamed.changes == (
        FileChange("R", f"{MOVED_FOLDER}/incident.yaml", f"{FOLDER}/incident.yaml"),
        FileChange("R", f"{MOVED_FOLDER}/postmortem.yaml", f"{FOLDER}/postmortem.yaml"),
        FileChange("R", f"{MOVED_FOLDER}/signals.yaml", f"{FOLDER}/signals.yaml"),
    )
    assert log[-1].changes == (
        FileChange("A", None, f"{OLD_FOLDER}/incident.yaml"),
        FileChange("A", None, f"{OLD_FOLDER}/signals.yaml"),
    )
    assert log[3].commit.message == (
        "Correct the detection time after review\n\nThe first alert fired at 22:54."
    )


def test_a_merge_lists_only_what_differs_from_every_parent(scripted: Scripted) -> None:
    git = Git.open(scripted.path)

    log = read_log(git, scripted.commits["resolved"], ["incidents"])

    resolved, clean = [entry for entry in log if len(entry.commit.parents) == 2]
    assert resolved.commit.id == scripted.commits["resolved"]
    assert resolved.changes == (
        FileChange("MM", f"{FOLDER}/incident.yaml", f"{FOLDER}/incident.yaml"),
    )
    assert (clean.commit.id, clean.changes) == (scripted.commits["merged"], ())


def test_combined_changes_added_and_deleted_in_every_parent() -> None:
    raw = (
        b"::100644 100644 000000 " + b"a" * 40 + b" " + b"b" * 40 + b" " + b"0" * 40
        + b" DD\0gone.yaml\0::000000 000000 100644 " + b"0" * 40 + b" " + b"0" * 40
        + b" " + b"c" * 40 + b" AA\0new.yaml\0"
    )  # fmt: skip

    assert parse_changes(raw) == [
        FileChange("DD", "gone.yaml", None),
        FileChange("AA", None, "new.yaml"),
    ]


def test_a_copy_starts_afresh() -> None:
    raw = (
        b":100644 100644 "
        + b"a" * 40
        + b" "
        + b"a" * 40
        + b" C100\0old.yaml\0new.yaml\0"
    )

    assert parse_changes(raw) == [FileChange("A", None, "new.yaml")]
