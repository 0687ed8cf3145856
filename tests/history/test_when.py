from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import HISTORY_FIXTURES, Scripted
from incidentlore.history.git import Git
from incidentlore.history.when import as_of_commit, reading_zone


@pytest.mark.parametrize(
    ("moment", "name"),
    [
        ("2018-11-01", "post-mortem"),
        ("2018-11-01 09:59 UTC", "corrected"),
        ("2018-11-01 10:00 UTC", "post-mortem"),
        ("2018-11-01 11:00 +02:00", "corrected"),
        ("2018-11", "crlf"),
        ("2018-11-06", "merged"),
    ],
)
def test_a_date_names_the_last_first_parent_commit_by_then(
    scripted: Scripted, moment: str, name: str
) -> None:
    assert (
        as_of_commit(Git.open(scripted.path), moment, "UTC") == scripted.commits[name]
    )


def test_a_date_is_read_in_the_zone_given(scripted: Scripted) -> None:
    git = Git.open(scripted.path)

    # 2018-10-31 ends at 10:00 UTC on Kiritimati (+14:00), as the correction came.
    assert as_of_commit(git, "2018-10-31", "UTC") == scripted.commits["corrected"]
    assert (
        as_of_commit(git, "2018-10-31", "Pacific/Kiritimati")
        == scripted.commits["created"]
    )


def test_a_revision_wins_over_a_date(scripted: Scripted) -> None:
    git = Git.open(scripted.path)

    assert as_of_commit(git, "review", "UTC") == scripted.commits["published"]


def test_reading_zone(tmp_path: Path) -> None:
    (tmp_path / "lore.yaml").write_text("display_timezone: nowhere\n", "utf-8")

    assert reading_zone(HISTORY_FIXTURES) == "UTC"
    assert reading_zone(tmp_path) == "UTC"
