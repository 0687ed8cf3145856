from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.author.incidents import set_field
from incidentlore.author.notes import NoteRequest, add_note
from incidentlore.author.transaction import IncidentEdit, check_written
from incidentlore.author.workspace import Workspace
from incidentlore.author.yamledit import YamlText
from incidentlore.errors import LoreError, ProblemsFound
from incidentlore.load.discover import incident_folder

NOW = __import__("datetime").datetime(
    2026, 12, 1, 9, 0, tzinfo=__import__("datetime").UTC
)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_file_that_does_not_parse_is_not_edited(
    workspace: Workspace, checkout: Path
) -> None:
    notes = checkout / "notes.yaml"
    notes.write_text(notes.read_text().replace("  - id: N2", "  - id: N2\n   bad"))
    before = _files(checkout)
    with pytest.raises(ProblemsFound) as raised:
        add_note(workspace, "INC-2026-0003", NoteRequest("text", at="15:00"), NOW)
    assert [str(d) for d in raised.value.diagnostics] == [
        "incidents/2026/INC-2026-0003-checkout-errors/notes.yaml:11:4: error: "
        "invalid YAML: while parsing a block collection did not find expected '-' "
        "indicator"
    ]
    assert _files(checkout) == before


def test_a_file_that_fails_its_model_is_not_edited(
    workspace: Workspace, checkout: Path
) -> None:
    notes = checkout / "notes.yaml"
    notes.write_text(notes.read_text().replace("kind: decision", "kind: verdict"))
    with pytest.raises(ProblemsFound) as raised:
        add_note(workspace, "INC-2026-0003", NoteRequest("text", at="15:00"), NOW)
    assert [str(d) for d in raised.value.diagnostics] == [
        "incidents/2026/INC-2026-0003-checkout-errors/notes.yaml:12:11: error: "
        "notes.1.kind: 'verdict' is not allowed here. Allowed: note, decision, "
        "hypothesis, question, finding"
    ]


def test_an_unreadable_incident_is_not_edited(
    workspace: Workspace, checkout: Path
) -> None:
    incident = checkout / "incident.yaml"
    incident.write_text(incident.read_text().replace("title:", "titel:"))
    with pytest.raises(ProblemsFound) as raised:
        IncidentEdit.begin(workspace, "INC-2026-0003")
    assert [str(d) for d in raised.value.diagnostics] == [
        "incidents/2026/INC-2026-0003-checkout-errors/incident.yaml:4:1: error: "
        "title: required; add 'title:'",
        "incidents/2026/INC-2026-0003-checkout-errors/incident.yaml:5:8: error: "
        "titel: unknown key 'titel'; did you mean 'title'? Allowed here: id, title, "
        "severity, status, outcome, services, teams, timezone, times, summary, "
        "impact, roles, tags, links, timeline, sources",
    ]


def test_an_edit_that_adds_a_problem_writes_nothing(
    workspace: Workspace, checkout: Path
) -> None:
    before = _files(checkout)
    with pytest.raises(LoreError) as raised:
        set_field(
            workspace, "INC-2026-0003", "started", "2026-11-30 14:30 Europe/Berlin"
        )
    assert str(raised.value) == (
        "nothing was written: the edit would make INC-2026-0003 invalid:\n"
        "  incidents/2026/INC-2026-0003-checkout-errors/incident.yaml:15:13: error: "
        "detected (2026-11-30 14:09 Europe/Berlin) is before started "
        "(2026-11-30 14:30 Europe/Berlin); key times run started <= detected <= "
        "acknowledged <= mitigated <= resolved"
    )
    assert _files(checkout) == before  # no half-written or hidden files left


def test_problems_from_before_do_not_block_an_unrelated_edit(
    workspace: Workspace, checkout: Path
) -> None:
    postmortem = checkout / "postmortem.yaml"
    postmortem.write_text(postmortem.read_text().replace("[deploy-4-2-1]", "[deploy]"))
    result = set_field(workspace, "INC-2026-0003", "severity", "SEV1")
    assert [str(d) for d in result.edit.remaining] == [
        "incidents/2026/INC-2026-0003-checkout-errors/postmortem.yaml:8:16: error: "
        "unknown signal or note 'deploy'; did you mean 'deploy-4-2-1'? Known: N1, N2, "
        "alert-checkout-5xx, deploy-4-2-1"
    ]
    assert "severity: SEV1\n" in (checkout / "incident.yaml").read_text()


def test_a_byte_order_mark_is_kept(workspace: Workspace, checkout: Path) -> None:
    incident = checkout / "incident.yaml"
    incident.write_bytes(b"\xef\xbb\xbf" + incident.read_bytes())
    set_field(workspace, "INC-2026-0003", "severity", "SEV1")
    assert incident.read_bytes().startswith(b"\xef\xbb\xbf# yaml-language-server")


def test_text_that_does_not_read_back_as_intended_is_a_bug(
    workspace: Workspace, checkout: Path
) -> None:
    document = YamlText("status: open\n", {"status": "open"}, "incident.yaml")
    document.data = {"status": "closed"}
    path = checkout / ".incident.yaml.check"
    path.write_text(document.text)
    folder = incident_folder(checkout, workspace.root, [])
    with pytest.raises(RuntimeError) as raised:
        check_written(workspace, folder, {"incident.yaml": (path, document)}, [], "X")
    assert str(raised.value) == "edit of incident.yaml did not read back as intended"
