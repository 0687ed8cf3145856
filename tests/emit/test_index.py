from __future__ import annotations

from pathlib import Path

import duckdb

from incidentlore.build import build
from support import BASE_INCIDENT, example_repository

ROBLOX_LIKE = """id: INC-2024-0002
title: Days-long outage known only to the day
severity: SEV1
status: resolved
services: [ledger]
times:
  started: 2024-10-28 America/Los_Angeles
  detected: 2024-10-28 13:37 America/Los_Angeles
  resolved: 2024-10-31 America/Los_Angeles
links:
  - incident: INC-2024-0001
    relation: recurrence-of
"""


def built(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    files = {"incidents/2024/INC-2024-0002-days/incident.yaml": ROBLOX_LIKE}
    repository = example_repository(tmp_path / "repo", files)
    result = build(repository)
    connection = duckdb.connect(str(result.index), read_only=True)
    connection.execute("SET TimeZone = 'UTC'")
    return connection


def test_tables_and_instants(tmp_path: Path) -> None:
    connection = built(tmp_path)
    counts = {
        table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        for table in (
            "incidents",
            "signals",
            "notes",
            "timeline",
            "links",
            "action_items",
        )
    }
    assert counts == {
        "incidents": (2,),
        "signals": (2,),
        "notes": (1,),
        "timeline": (7 + 3,),
        "links": (2,),
        "action_items": (1,),
    }
    kind = connection.execute(
        "SELECT data_type FROM information_schema.columns "
        "WHERE table_name = 'incidents' AND column_name = 'started_at'"
    ).fetchone()
    assert kind == ("TIMESTAMP WITH TIME ZONE",)
    started = connection.execute(
        "SELECT strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') FROM incidents ORDER BY id"
    ).fetchall()
    assert started == [("2024-03-05T13:02:00Z",), ("2024-10-28T07:00:00Z",)]


def test_links_from_both_sides(tmp_path: Path) -> None:
    rows = (
        built(tmp_path)
        .execute(
            "SELECT incident_id, other_id, relation, direction FROM links ORDER BY ALL"
        )
        .fetchall()
    )
    assert rows == [
        ("INC-2024-0001", "INC-2024-0002", "recurred-as", "incoming"),
        ("INC-2024-0002", "INC-2024-0001", "recurrence-of", "outgoing"),
    ]


def test_durations_are_exact_only_when_both_ends_are(tmp_path: Path) -> None:
    rows = (
        built(tmp_path)
        .execute(
            "SELECT incident_id, time_to_resolve_minutes, time_to_resolve_shortest_minutes, "
            "time_to_resolve_longest_minutes, time_to_detect_minutes "
            "FROM durations ORDER BY incident_id"
        )
        .fetchall()
    )
    assert rows == [
        ("INC-2024-0001", 63.0, 63.0, 63.0, 8.0),
        ("INC-2024-0002", None, 2 * 24 * 60.0, 4 * 24 * 60.0, None),
    ]


def test_signal_rows_keep_the_written_time_and_origin(tmp_path: Path) -> None:
    row = (
        built(tmp_path)
        .execute(
            "SELECT occurred_written, precision, file, line, ends_at IS NOT NULL "
            "FROM signals WHERE id = 'alert-latency'"
        )
        .fetchone()
    )
    assert row == (
        "2024-03-05T13:09:30Z",
        "second",
        f"{BASE_INCIDENT}/signals.yaml",
        7,
        True,
    )
