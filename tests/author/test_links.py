from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from incidentlore.author.links import add_link
from incidentlore.author.workspace import Workspace
from incidentlore.build import build
from incidentlore.errors import LoreError, UsageError
from incidentlore.model.incident import Relation
from support import changed_lines


def test_the_first_link_adds_the_list_in_schema_order(
    workspace: Workspace, checkout: Path
) -> None:
    path = checkout / "incident.yaml"
    before = path.read_text()
    result = add_link(
        workspace, "INC-2026-0003", "INC-2026-0001", Relation.CAUSED_BY, "Same bug"
    )
    assert result.added
    # The file's first block list is indented by four, so the new one is too.
    assert changed_lines(before, path.read_text()) == [
        "@@ -24,0 +25,4 @@",
        "+links:",
        "+    - incident: INC-2026-0001",
        "+      relation: caused-by",
        "+      note: Same bug",
    ]


def test_a_link_joins_a_list_of_flow_items(
    workspace: Workspace, payments: Path
) -> None:
    path = payments / "incident.yaml"
    before = path.read_text()
    add_link(workspace, "INC-2026-0001", "INC-2026-0003", Relation.RECURRENCE_OF)
    assert changed_lines(before, path.read_text()) == [
        "@@ -11,0 +12 @@",
        "+- {incident: INC-2026-0003, relation: recurrence-of}",
    ]


def test_the_same_link_twice_changes_nothing(
    workspace: Workspace, payments: Path
) -> None:
    before = (payments / "incident.yaml").read_text()
    result = add_link(workspace, "INC-2026-0001", "INC-2026-0003", Relation.RELATED_TO)
    assert not result.added
    assert result.edit.written == ()
    assert (payments / "incident.yaml").read_text() == before


def test_links_to_nowhere_are_refused(workspace: Workspace) -> None:
    with pytest.raises(LoreError) as raised:
        add_link(workspace, "INC-2026-0003", "INC-2026-0002", Relation.RELATED_TO)
    assert str(raised.value) == (
        "unknown incident 'INC-2026-0002'; did you mean 'INC-2026-0003'? "
        "Known: INC-2026-0001, INC-2026-0003"
    )
    with pytest.raises(UsageError) as misuse:
        add_link(workspace, "INC-2026-0003", "INC-2026-0003", Relation.RELATED_TO)
    assert str(misuse.value) == "an incident cannot link to itself"


def test_the_index_shows_a_link_from_both_sides(workspace: Workspace) -> None:
    add_link(workspace, "INC-2026-0003", "INC-2026-0001", Relation.CAUSED_BY)
    result = build(workspace.root)
    connection = duckdb.connect(str(result.index), read_only=True)
    try:
        rows = connection.execute(
            "SELECT incident_id, other_id, relation, direction FROM links ORDER BY ALL"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [
        ("INC-2026-0001", "INC-2026-0003", "caused", "incoming"),
        ("INC-2026-0001", "INC-2026-0003", "related-to", "outgoing"),
        ("INC-2026-0003", "INC-2026-0001", "caused-by", "outgoing"),
        ("INC-2026-0003", "INC-2026-0001", "related-to", "incoming"),
    ]
