from __future__ import annotations

from datetime import UTC, datetime

from incidentlore.history.lineage import trace
from incidentlore.history.log import Commit, FileChange, LoggedCommit
from incidentlore.model.catalog import id_regex

PATTERN = id_regex("INC-{year}-{seq:04}")
WHEN = datetime(2025, 1, 1, tzinfo=UTC)


def logged(name: str, *changes: tuple[str, str | None, str | None]) -> LoggedCommit:
    commit = Commit(name, (), "A", "a@example.org", WHEN, WHEN, name)
    return LoggedCommit(commit, tuple(FileChange(*change) for change in changes))


def summary(log: list[LoggedCommit], prefix: str = "") -> list[list[tuple[str, ...]]]:
    return [
        [
            (
                t.commit.id,
                t.before,
                t.folder,
                "created" * t.created + "removed" * t.removed,
            )
            for t in lineage.touches
        ]
        for lineage in trace(log, prefix, PATTERN)
    ]


A = "incidents/2025/INC-2025-0001-a"
B = "incidents/2026/INC-2025-0001-a"
C = "incidents/2026/INC-2025-0001-renamed"


def test_moves_and_renames_continue_one_lineage() -> None:
    log = [
        logged("c3", ("R", f"{B}/incident.yaml", f"{C}/incident.yaml")),
        logged(
            "c2",
            ("R", f"{A}/incident.yaml", f"{B}/incident.yaml"),
            ("R", f"{A}/raw/x.json", f"{B}/raw/x.json"),
        ),
        logged("c1", ("A", None, f"{A}/incident.yaml"), ("A", None, f"{A}/raw/x.json")),
    ]

    assert summary(log) == [
        [("c3", B, C, ""), ("c2", A, B, ""), ("c1", A, A, "created")]
    ]


def test_a_rewrite_git_cannot_pair_is_linked_by_the_id_in_the_name() -> None:
    log = [
        logged(
            "c2", ("D", f"{A}/incident.yaml", None), ("A", None, f"{C}/incident.yaml")
        ),
        logged("c1", ("A", None, f"{A}/incident.yaml")),
    ]

    assert summary(log) == [[("c2", A, C, ""), ("c1", A, A, "created")]]


def test_a_deleted_folder_and_a_new_one_with_another_id_are_two_lineages() -> None:
    other = "incidents/2025/INC-2025-0002-b"
    log = [
        logged(
            "c1",
            ("D", f"{A}/incident.yaml", None),
            ("A", None, f"{other}/incident.yaml"),
        )
    ]

    assert summary(log) == [
        [("c1", other, other, "created")],
        [("c1", A, A, "removed")],
    ]


def test_files_outside_incident_folders_are_not_incidents() -> None:
    log = [
        logged(
            "c1",
            ("A", None, "incidents/README.md"),
            ("A", None, "incidents/2025/notes.txt"),
            ("A", None, "lore.yaml"),
        )
    ]

    assert summary(log) == []


def test_a_prefix_is_the_repository_folder_inside_git() -> None:
    log = [
        logged("c1", ("A", None, f"lore/{A}/incident.yaml"), ("A", None, f"{A}/x.yaml"))
    ]

    assert summary(log, "lore/") == [[("c1", A, A, "created")]]


def test_statuses_of_the_files_a_touch_changed() -> None:
    log = [
        logged(
            "c1",
            ("M", f"{A}/incident.yaml", f"{A}/incident.yaml"),
            ("A", None, f"{A}/raw/slack/export.json"),
            ("D", f"{A}/notes.yaml", None),
        )
    ]

    (lineage,) = trace(log, "", PATTERN)
    assert lineage.touches[0].files == (
        ("incident.yaml", "M"),
        ("notes.yaml", "D"),
        ("raw/slack/export.json", "A"),
    )
