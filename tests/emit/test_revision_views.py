from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from incidentlore.emit.index import write_index
from incidentlore.emit.tables import TABLES
from incidentlore.model.catalog import Catalog

CATALOG = Catalog.model_validate(
    {"severities": [{"id": "SEV1"}], "statuses": [{"id": "open"}]}
)


def change(
    commit: str, at: str, field: str, old: str | None, new: str | None
) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name, _ in TABLES["revisions"]}
    timed = field.startswith("times.")
    return row | {
        "incident_id": "INC-1",
        "commit": commit,
        "author": "Ada",
        "authored_at": at,
        "committed_at": at,
        "kind": "changed",
        "field": field,
        "change": "changed" if old and new else "added",
        "old": old,
        "new": new,
        "old_at": old if timed else None,
        "new_at": new if timed else None,
    }


def test_views_over_revisions(tmp_path: Path) -> None:
    index = tmp_path / "index.duckdb"
    rows = [
        change(
            "c1",
            "2025-03-05T10:00:00+00:00",
            "times.resolved",
            None,
            "2025-03-04T16:00:00Z",
        ),
        change(
            "c1",
            "2025-03-05T10:00:00+00:00",
            "times.detected",
            None,
            "2025-03-04T14:12:00Z",
        ),
        change(
            "c2",
            "2025-03-09T10:00:00+00:00",
            "postmortem.review.state",
            "draft",
            "reviewed",
        ),
        change(
            "c3",
            "2025-03-12T10:00:00+00:00",
            "times.detected",
            "2025-03-04T14:12:00Z",
            "2025-03-04T13:58:00Z",
        ),
    ]

    write_index(index, CATALOG, {}, rows, "c3")

    connection = duckdb.connect(str(index), read_only=True)
    connection.execute("SET TimeZone = 'UTC'")
    # No incident in the incidents table: the latency view starts from incidents.
    assert connection.execute("SELECT count(*) FROM learning_latency").fetchall() == [
        (0,)
    ]
    assert connection.execute(
        "SELECT commit, shift_minutes, after_review FROM detection_revisions"
    ).fetchall() == [("c3", -14.0, False)]
    assert connection.execute(
        "SELECT value FROM metadata WHERE key = 'revisions_from'"
    ).fetchall() == [("c3",)]
    connection.close()
