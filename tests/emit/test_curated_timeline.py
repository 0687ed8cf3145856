"""Hidden and starred timeline entries in every output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from incidentlore.assemble.resolve import ResolvedIncident, resolve
from incidentlore.build import build
from incidentlore.emit.mermaid import gantt
from incidentlore.model.times import zone_named
from incidentlore.validate.repository import load_repository
from support import FIXTURES

FOLDER = "incidents/2026/INC-2026-0003-checkout-errors"
# Each timeline entry of INC-2026-0003 in order: (id, hidden, starred).
MARKS = [
    ("deploy-4-2-1", True, False),
    ("started", False, False),
    ("alert-checkout-5xx", False, False),
    ("detected", False, False),
    ("N1", False, False),
    ("N2", False, True),
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "authoring" / "repo", root)
    with (root / FOLDER / "incident.yaml").open("a") as handle:
        handle.write("timeline:\n  hidden: [deploy-4-2-1]\n  starred: [N2]\n")
    return root


def _checkout(root: Path) -> ResolvedIncident:
    (resolved,) = [r for r in resolve(load_repository(root)) if r.id == "INC-2026-0003"]
    return resolved


def test_entries_carry_their_marks(root: Path) -> None:
    entries = _checkout(root).timeline.entries
    assert [(e.id, e.hidden, e.starred) for e in entries] == MARKS


def test_json_and_the_index_keep_hidden_entries_marked(root: Path) -> None:
    result = build(root)
    export = json.loads((result.output / "incidents/INC-2026-0003.json").read_text())
    assert [(e["id"], e["hidden"], e["starred"]) for e in export["timeline"]] == MARKS
    connection = duckdb.connect(str(result.index), read_only=True)
    try:
        rows = connection.execute(
            "SELECT entry_id, hidden, starred FROM timeline "
            "WHERE incident_id = 'INC-2026-0003' AND (hidden OR starred) ORDER BY 1"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [("N2", False, True), ("deploy-4-2-1", True, False)]


def test_the_narrative_leaves_hidden_entries_out_and_highlights_starred(
    root: Path,
) -> None:
    page = (build(root).output / "incidents/INC-2026-0003.md").read_text()
    table = page[page.index("| Date | Time |") :].split("\n\n")[0].splitlines()
    assert table == [
        "| Date | Time | Kind | Source | What happened |",
        "|---|---|---|---|---|",
        "| 2026-11-30 | 13:02 +00:00 | key-time | incident | Started |",
        "|  | 13:09 +00:00 | alert | manual | Checkout 5xx rate above 5% for 5 "
        "minutes |",
        "|  | 13:09 +00:00 | key-time | incident | Detected |",
        "|  | 13:12 +00:00 | hypothesis | note | Payments API is slow again? "
        "(Ana Lima) |",
        "|  | 13:20 +00:00 | decision | note | ★ **Roll back 4.2.1 rather than "
        "wait for the payments team.** (Ana Lima) |",
    ]
    assert "rolled out to all regions" not in page


def test_the_chart_leaves_hidden_entries_out_and_marks_starred(root: Path) -> None:
    chart = gantt(_checkout(root), zone_named("UTC"), "UTC")
    assert chart.splitlines()[-4:] == [
        "    section Timeline",
        "    alert Checkout 5xx rate above 5#37; for 5 minutes :milestone, "
        "2026-11-30T13:09, 0m",
        "    hypothesis Payments API is slow again? :milestone, 2026-11-30T13:12, 0m",
        "    decision Roll back 4.2.1 rather than wait for the payments… "
        ":crit, milestone, 2026-11-30T13:20, 0m",
    ]
