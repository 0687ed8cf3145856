from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from incidentlore.author.notes import NoteRequest, add_note, git_user_name
from incidentlore.author.workspace import Workspace
from incidentlore.errors import LoreError, UsageError
from incidentlore.model.note import NoteKind
from support import changed_lines

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_note_about_a_signal_follows_the_files_layout(
    workspace: Workspace, checkout: Path
) -> None:
    path = checkout / "notes.yaml"
    before = path.read_text()
    request = NoteRequest(
        "The 5xx alert fired 7 minutes after the deploy",
        NoteKind.FINDING,
        about="alert-checkout-5xx",
        author="Kai",
    )
    added = add_note(workspace, "INC-2026-0003", request, NOW)
    assert (added.note_id, added.at.text) == ("N3", "2026-11-30 14:09 Europe/Berlin")
    # After N2 and the comment that belongs to it, set apart by a blank line like
    # the others; the closing comment stays last.
    assert changed_lines(before, path.read_text()) == [
        "@@ -17,0 +18,7 @@",
        "+  - id: N3",
        "+    at: 2026-11-30 14:09 Europe/Berlin",
        "+    kind: finding",
        "+    author: Kai",
        "+    about: alert-checkout-5xx",
        "+    text: The 5xx alert fired 7 minutes after the deploy",
        "+",
    ]


def test_a_note_without_a_time_is_written_now(
    workspace: Workspace, checkout: Path
) -> None:
    added = add_note(
        workspace, "INC-2026-0003", NoteRequest("Status page updated"), NOW
    )
    assert added.at.text == "2026-12-01 09:00 UTC"
    assert (
        "    at: 2026-12-01 09:00 UTC\n    kind: note\n    text: Status page updated\n"
        in (checkout / "notes.yaml").read_text()
    )


def test_a_bare_time_is_on_the_incidents_date(workspace: Workspace) -> None:
    request = NoteRequest("Rolled back: 4.2.0 is live", NoteKind.DECISION, at="14:31")
    added = add_note(workspace, "INC-2026-0003", request, NOW)
    assert added.at.text == "2026-11-30 14:31 UTC"


def test_the_first_note_creates_notes_yaml(
    workspace: Workspace, payments: Path
) -> None:
    request = NoteRequest("Failover took 35 minutes", at="2026-02-11 10:05 UTC")
    add_note(workspace, "INC-2026-0001", request, NOW)
    assert (payments / "notes.yaml").read_text() == (
        "# yaml-language-server: $schema=../../../.lore/schemas/notes.schema.json\n"
        "notes:\n"
        "  - id: N1\n"
        "    at: 2026-02-11 10:05 UTC\n"
        "    kind: note\n"
        "    text: Failover took 35 minutes\n"
    )


def test_unknown_signal_and_empty_text(workspace: Workspace, checkout: Path) -> None:
    before = (checkout / "notes.yaml").read_text()
    with pytest.raises(LoreError) as raised:
        add_note(workspace, "INC-2026-0003", NoteRequest("x", about="alert-5xx"), NOW)
    assert str(raised.value) == (
        "--about: unknown signal 'alert-5xx'; did you mean 'alert-checkout-5xx'? "
        "Known: alert-checkout-5xx, deploy-4-2-1"
    )
    with pytest.raises(UsageError) as misuse:
        add_note(workspace, "INC-2026-0003", NoteRequest("  "), NOW)
    assert str(misuse.value) == "the note's text must not be empty"
    assert (checkout / "notes.yaml").read_text() == before


def test_git_user_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gitconfig"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    assert git_user_name(tmp_path) is None
    subprocess.run(["git", "config", "--global", "user.name", "Ana Lima"], check=True)
    assert git_user_name(tmp_path) == "Ana Lima"
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert git_user_name(tmp_path) is None
