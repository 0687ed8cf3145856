from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.author.actions import NewAction, add_action, set_action_status
from incidentlore.author.workspace import Workspace
from incidentlore.errors import LoreError, UsageError
from incidentlore.model.postmortem import ActionStatus
from support import changed_lines

LOAD_TEST = NewAction(
    "Load-test checkout with a slow payments API",
    owner="Kai",
    type="detect",
    priority="P2",
    due="2027-01-15",
    tracker="https://tracker.example/OPS-7",
)


def test_add_too_long_for_a_flow_item_is_written_as_a_block(
    workspace: Workspace, checkout: Path
) -> None:
    path = checkout / "postmortem.yaml"
    before = path.read_text()
    result = add_action(workspace, "INC-2026-0003", LOAD_TEST)
    assert (result.action_id, result.status, result.previous) == (
        "AI-3",
        ActionStatus.OPEN,
        None,
    )
    assert changed_lines(before, path.read_text()) == [
        "@@ -12,0 +13,8 @@",
        "+  - id: AI-3",
        "+    title: Load-test checkout with a slow payments API",
        "+    owner: Kai",
        "+    type: detect",
        "+    priority: P2",
        "+    status: open",
        "+    due: 2027-01-15",
        "+    tracker: https://tracker.example/OPS-7",
    ]


def test_a_short_item_joins_the_flow_items(
    workspace: Workspace, checkout: Path
) -> None:
    path = checkout / "postmortem.yaml"
    before = path.read_text()
    add_action(workspace, "INC-2026-0003", NewAction("Runbook: roll back", owner="Ana"))
    assert changed_lines(before, path.read_text()) == [
        "@@ -12,0 +13 @@",
        "+  - {id: AI-3, title: 'Runbook: roll back', owner: Ana, status: open}",
    ]


def test_done_adds_the_status_where_the_schema_puts_it(
    workspace: Workspace, checkout: Path
) -> None:
    path = checkout / "postmortem.yaml"
    before = path.read_text()
    result = set_action_status(workspace, "INC-2026-0003", "AI-2", ActionStatus.DONE)
    assert (result.previous, result.changed) == (ActionStatus.OPEN, True)
    assert changed_lines(before, path.read_text()) == [
        "@@ -12 +12 @@",
        "-  - {id: AI-2, title: Alert on checkout latency, priority: P2}"
        "   # not started",
        "+  - {id: AI-2, title: Alert on checkout latency, priority: P2, status: done}"
        "   # not started",
    ]


def test_drop_reopen_and_nothing_to_do(workspace: Workspace, checkout: Path) -> None:
    path = checkout / "postmortem.yaml"
    add_action(workspace, "INC-2026-0003", LOAD_TEST)
    before = path.read_text()
    set_action_status(workspace, "INC-2026-0003", "AI-3", ActionStatus.DROPPED)
    assert changed_lines(before, path.read_text()) == [
        "@@ -18 +18 @@",
        "-    status: open",
        "+    status: dropped",
    ]
    set_action_status(workspace, "INC-2026-0003", "AI-3", ActionStatus.OPEN)
    assert path.read_text() == before
    again = set_action_status(workspace, "INC-2026-0003", "AI-1", ActionStatus.DONE)
    assert not again.changed
    assert again.edit.written == ()


def test_the_first_item_creates_postmortem_yaml(
    workspace: Workspace, payments: Path
) -> None:
    add_action(
        workspace, "INC-2026-0001", NewAction("Shorten failover", owner="DB team")
    )
    assert (payments / "postmortem.yaml").read_text() == (
        "# yaml-language-server: "
        "$schema=../../../.lore/schemas/postmortem.schema.json\n"
        "action_items:\n"
        "  - id: AI-1\n"
        "    title: Shorten failover\n"
        "    owner: DB team\n"
        "    status: open\n"
    )


def test_unknown_items_and_bad_input(workspace: Workspace, checkout: Path) -> None:
    before = (checkout / "postmortem.yaml").read_text()
    with pytest.raises(LoreError) as raised:
        set_action_status(workspace, "INC-2026-0003", "AI-9", ActionStatus.DONE)
    assert str(raised.value) == (
        "unknown action item 'AI-9'; did you mean 'AI-2'? Known: AI-1, AI-2"
    )
    bad = [
        (
            NewAction("x", due="next week"),
            "--due: 'next week' is not a date; write it as 2026-12-31",
        ),
        (
            NewAction("x", tracker="OPS-7"),
            "--tracker: 'OPS-7' is not an http(s) address",
        ),
        (NewAction(" "), "the action item's title must not be empty"),
    ]
    for request, message in bad:
        with pytest.raises(UsageError) as misuse:
            add_action(workspace, "INC-2026-0003", request)
        assert str(misuse.value) == message
    assert (checkout / "postmortem.yaml").read_text() == before
