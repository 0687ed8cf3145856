"""The sample repository publishes what its sources state, to the minute.

Each test reads a fact back from `lore` itself (the library, the JSON export, the
Markdown pages or the DuckDB index) and compares it with the public report it came
from. The repository is copied and built in a temporary folder, never in place.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from incidentlore.assemble.resolve import ResolvedIncident, resolve
from incidentlore.model.times import Precision, Span
from incidentlore.validate.repository import load_repository
from support import SAMPLE_REPO, run_lore, utc


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built copy of the sample repository; `lore query` reads its build folder."""
    root = tmp_path_factory.mktemp("sample") / "repo"
    shutil.copytree(SAMPLE_REPO, root, ignore=shutil.ignore_patterns("build"))
    result = run_lore("-C", root, "build", "--output", root / "build")
    assert result.exit_code == 0, result.stderr
    # Only the note that a copy outside git has no history for the revisions table.
    assert "warning" not in result.stderr and "error" not in result.stderr
    return root


@pytest.fixture(scope="module")
def incidents() -> dict[str, ResolvedIncident]:
    return {item.id: item for item in resolve(load_repository(SAMPLE_REPO))}


def exported(built: Path, incident_id: str) -> dict[str, Any]:
    text = (built / "build" / "incidents" / f"{incident_id}.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def entry(export: dict[str, Any], entry_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [e for e in export["timeline"] if e["id"] == entry_id]
    assert len(found) == 1, entry_id
    return found[0]


def page_rows(built: Path, incident_id: str) -> list[list[str]]:
    """The cells of the timeline table on an incident's Markdown page."""
    text = (built / "build" / "incidents" / f"{incident_id}.md").read_text("utf-8")
    table = text.split("| Date | Time | Kind | Source | What happened |\n")[1]
    lines = table.split("\n\n")[0].splitlines()[1:]
    return [[cell.strip() for cell in line.split(" | ")] for line in lines]


def resolve_columns(built: Path, incident_id: str) -> list[tuple[Any, ...]]:
    """The time-to-resolve columns of the index's `durations` view."""
    with duckdb.connect(str(built / "build" / "index.duckdb"), read_only=True) as db:
        rows: list[tuple[Any, ...]] = db.execute(
            "SELECT time_to_resolve, time_to_resolve_minutes, "
            "time_to_resolve_shortest_minutes, time_to_resolve_longest_minutes "
            "FROM durations WHERE incident_id = ?",
            [incident_id],
        ).fetchall()
    return rows


# GitHub, 2018-10-21: MySQL split-brain.


def test_github_resolves_24_h_11_min_after_22_52_utc(built: Path) -> None:
    export = exported(built, "INC-2018-0001")
    assert export["times"]["started"]["start"] == "2018-10-21T22:52:00Z"
    assert export["times"]["resolved"]["start"] == "2018-10-22T23:03:00Z"
    assert export["durations"]["time_to_resolve"] == {
        "shortest_seconds": 24 * 3600 + 11 * 60,
        "longest_seconds": 24 * 3600 + 11 * 60,
        "exact": True,
        "text": "24 h 11 min",
    }


def test_github_page_shows_the_date_where_the_day_changes(built: Path) -> None:
    rows = page_rows(built, "INC-2018-0001")
    dated = [(row[0].lstrip("| "), row[1]) for row in rows if row[0] != "|"]
    # The recovery plan at 00:05 UTC is the first entry of 22 October.
    assert dated == [("2018-10-21", "22:52 +00:00"), ("2018-10-22", "00:05 +00:00")]


# AWS S3, 2017-02-28: times stated in PST with AM/PM.


def test_aws_starts_at_9_37_am_pst(incidents: dict[str, ResolvedIncident]) -> None:
    started = incidents["INC-2017-0002"].record.incident.times.started
    assert started.start == utc(2017, 2, 28, 17, 37)
    assert started.stated == "9:37AM PST"
    assert started.zone == "-08:00"
    assert started.precision is Precision.MINUTE


def test_aws_timeline_keeps_the_published_order(
    incidents: dict[str, ResolvedIncident],
) -> None:
    # Sorted as text, "1:18PM" would come before "11:37AM"; the timeline must not.
    timeline = incidents["INC-2017-0002"].timeline
    assert [e.id for e in timeline.entries] == [
        "capacity-removed",
        "dashboard-frozen",
        "N1",
        "started",
        "index-serving",
        "index-recovered",
        "placement-recovered",
        "resolved",
    ]
    assert [e.at.stated for e in timeline.entries if e.kind == "signal"] == [
        "9:37AM PST",
        "from the beginning of this event",
        "12:26PM PST",
        "1:18PM PST",
        "1:54PM PST",
    ]


def test_aws_dashboard_outage_is_shown_as_a_range(built: Path) -> None:
    export = exported(built, "INC-2017-0002")
    frozen = entry(export, "dashboard-frozen")
    assert frozen["ends_at"]["start"] == "2017-02-28T19:37:00Z"
    assert frozen["ends_at"]["stated"] == "11:37AM PST"
    (row,) = [r for r in page_rows(built, "INC-2017-0002") if r[2] == "status"]
    assert row[1] == "17:37 +00:00 until 19:37 +00:00"
    assert row[4].endswith(
        '(stated as "from the beginning of this event") (end stated as "11:37AM PST") |'
    )


# Cloudflare, 2019-07-02: 27 minutes, and two posts that disagree by two minutes.


def test_cloudflare_is_down_27_minutes_from_13_42_to_14_09(built: Path) -> None:
    export = exported(built, "INC-2019-0001")
    assert export["times"]["started"]["start"] == "2019-07-02T13:42:00Z"
    assert export["times"]["resolved"]["start"] == "2019-07-02T14:09:00Z"
    assert export["times"]["resolved"]["stated"] == "1409 UTC"
    assert export["durations"]["time_to_resolve"] == {
        "shortest_seconds": 27 * 60,
        "longest_seconds": 27 * 60,
        "exact": True,
        "text": "27 min",
    }


def test_cloudflare_keeps_both_times_of_the_global_kill(built: Path) -> None:
    export = exported(built, "INC-2019-0001")
    kill = entry(export, "global-waf-kill")
    assert (kill["at"]["start"], kill["at"]["stated"]) == (
        "2019-07-02T14:07:00Z",
        "14:07",
    )
    normal = entry(export, "traffic-normal")
    assert (normal["at"]["start"], normal["at"]["stated"]) == (
        "2019-07-02T14:09:00Z",
        "1409 UTC",
    )
    assert entry(export, "N2")["about"] == "global-waf-kill"
    assert export["times"]["mitigated"]["start"] == "2019-07-02T14:07:00Z"


# GitLab, 2017-01-31: two write-ups with different clocks, both kept.


def test_gitlab_keeps_both_accounts_of_the_removal(built: Path) -> None:
    export = exported(built, "INC-2017-0001")
    removal = [
        (e["id"], e["at"]["start"], e["at"]["stated"], e["at"]["approximate"])
        for e in export["timeline"]
        if e["id"] in ("wrong-host-removal", "removal-stopped", "primary-data-removed")
    ]
    assert removal == [
        ("wrong-host-removal", "2017-01-31T23:00:00Z", "2017/01/31 11pm-ish", True),
        ("removal-stopped", "2017-01-31T23:27:00Z", "2017/01/31 11:27pm", False),
        ("primary-data-removed", "2017-01-31T23:30:00Z", "± 23:30 UTC", True),
    ]
    started = export["times"]["started"]
    assert (started["start"], started["stated"], started["approximate"]) == (
        "2017-01-31T23:30:00Z",
        "± 23:30 UTC",
        True,
    )


def test_gitlab_hour_precision_rows_cover_the_hour(built: Path) -> None:
    spam = entry(exported(built, "INC-2017-0001"), "spam-noticed")
    assert (spam["at"]["start"], spam["at"]["end"]) == (
        "2017-01-31T18:00:00Z",
        "2017-01-31T19:00:00Z",
    )
    assert spam["display_time"] == "18:00–19:00 +00:00"


# Slack, 2021-01-04: one event reported in several zones is recorded once.


def test_slack_records_each_instant_once_across_zones(
    incidents: dict[str, ResolvedIncident],
) -> None:
    entries = {e.id: e for e in incidents["INC-2021-0001"].timeline.entries}
    for note, signal, stated in (
        ("N1", "packet-loss-begins", "about 9 a.m. EST"),
        ("N3", "slack-unavailable", "By 10 a.m. (EST)"),
    ):
        assert entries[note].about == signal
        assert entries[note].at.stated == stated
        assert entries[note].at.zone == "-05:00"
        assert entries[note].at.start == entries[signal].at.start
    assert entries["packet-loss-begins"].at.start == utc(2021, 1, 4, 14, 0)
    assert entries["packet-loss-begins"].at.approximate is True
    assert entries["slack-unavailable"].at.start == utc(2021, 1, 4, 15, 0)


def test_slack_has_no_time_to_resolve_anywhere(built: Path) -> None:
    # The sources give only a length ("nearly five hours"), never an end time.
    assert exported(built, "INC-2021-0001")["durations"]["time_to_resolve"] is None
    assert resolve_columns(built, "INC-2021-0001") == [(None, None, None, None)]


# Roblox, 2021-10-28: day precision, and "PST" read as the PDT then in force.


def test_roblox_runs_from_28_to_31_october_at_day_precision(
    incidents: dict[str, ResolvedIncident],
) -> None:
    times = incidents["INC-2021-0002"].record.incident.times
    assert times.resolved is not None
    for instant, day in ((times.started, 28), (times.resolved, 31)):
        assert instant.precision is Precision.DAY
        assert instant.local_start().date() == date(2021, 10, day)
        assert instant.start == utc(2021, 10, day, 7)
        assert instant.end == utc(2021, 10, day, 7) + timedelta(days=1)
    span = incidents["INC-2021-0002"].durations["time_to_resolve"]
    assert span == Span(shortest=timedelta(hours=48), longest=timedelta(hours=96))
    assert span is not None
    assert not span.exact
    assert str(span) == "between 48 h and 96 h"


def test_roblox_time_to_resolve_is_a_range_in_the_index(built: Path) -> None:
    assert resolve_columns(built, "INC-2021-0002") == [(None, None, 48 * 60, 96 * 60)]


def test_roblox_pacific_times_are_read_as_pdt(built: Path) -> None:
    export = exported(built, "INC-2021-0002")
    assert export["times"]["detected"]["start"] == "2021-10-28T20:37:00Z"
    assert entry(export, "fully-operational")["at"]["start"] == "2021-10-31T23:45:00Z"
    # 19:00 on 28 October in Los Angeles is already 29 October in UTC.
    moved = entry(export, "faster-hardware")
    assert (moved["at"]["start"], moved["display_date"]) == (
        "2021-10-29T02:00:00Z",
        "2021-10-29",
    )


# Across the repository.


def test_query_2018_to_2019_returns_exactly_github_and_cloudflare(
    built: Path,
) -> None:
    result = run_lore(
        "-C",
        built,
        "query",
        "--since",
        "2018-01-01",
        "--until",
        "2019-12-31",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(row["id"], row["time_to_resolve"]) for row in rows] == [
        ("INC-2018-0001", (24 * 60 + 11) * 60),
        ("INC-2019-0001", 27 * 60),
    ]
