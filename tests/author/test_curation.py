from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.author.curation import Mark, curate
from incidentlore.author.workspace import Workspace
from incidentlore.errors import LoreError
from support import changed_lines


def test_hide_and_star_write_the_timeline_lists(
    workspace: Workspace, checkout: Path
) -> None:
    path = checkout / "incident.yaml"
    before = path.read_text()
    hidden = curate(workspace, "INC-2026-0003", ["deploy-4-2-1"], Mark.HIDDEN)
    starred = curate(
        workspace, "INC-2026-0003", ["alert-checkout-5xx", "N2"], Mark.STARRED
    )
    assert (hidden.changed, starred.changed) == (
        ("deploy-4-2-1",),
        ("alert-checkout-5xx", "N2"),
    )
    assert changed_lines(before, path.read_text()) == [
        "@@ -24,0 +25,3 @@",
        "+timeline:",
        "+  hidden: [deploy-4-2-1]",
        "+  starred: [alert-checkout-5xx, N2]",
    ]


def test_undo_and_repeats(workspace: Workspace, checkout: Path) -> None:
    path = checkout / "incident.yaml"
    curate(workspace, "INC-2026-0003", ["alert-checkout-5xx", "N2"], Mark.STARRED)
    again = curate(workspace, "INC-2026-0003", ["N2", "N2"], Mark.STARRED)
    assert (again.changed, again.unchanged, again.edit.written) == ((), ("N2",), ())
    undone = curate(workspace, "INC-2026-0003", ["N2", "N1"], Mark.STARRED, undo=True)
    assert (undone.changed, undone.unchanged) == (("N2",), ("N1",))
    assert "timeline:\n  starred: [alert-checkout-5xx]\n" in path.read_text()


def test_an_entry_is_hidden_or_starred_not_both(workspace: Workspace) -> None:
    curate(workspace, "INC-2026-0003", ["N1"], Mark.HIDDEN)
    with pytest.raises(LoreError) as raised:
        curate(workspace, "INC-2026-0003", ["N1"], Mark.STARRED)
    assert str(raised.value) == (
        "'N1' is hidden; run 'lore hide INC-2026-0003 N1 --undo' first"
    )


def test_unknown_entries(workspace: Workspace, checkout: Path) -> None:
    before = (checkout / "incident.yaml").read_text()
    with pytest.raises(LoreError) as raised:
        curate(workspace, "INC-2026-0003", ["N1", "deploy-421"], Mark.HIDDEN)
    assert str(raised.value) == (
        "unknown signal or note 'deploy-421'; did you mean 'deploy-4-2-1'? "
        "Known: N1, N2, alert-checkout-5xx, deploy-4-2-1"
    )
    assert (checkout / "incident.yaml").read_text() == before
