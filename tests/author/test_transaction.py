from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
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


def test_a_failed_rename_leaves_the_file_and_no_temporaries(
    workspace: Workspace, checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(checkout)
    refused = PermissionError(13, "Permission denied")

    def replace(self: Path, target: Path) -> Path:
        raise refused

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(PermissionError) as raised:
        add_note(workspace, "INC-2026-0003", NoteRequest("text", at="15:00"), NOW)
    assert raised.value is refused
    assert _files(checkout) == before


def test_a_failed_write_names_the_folder_and_leaves_nothing(
    workspace: Workspace, checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(checkout)

    def fsync(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", fsync)
    with pytest.raises(OSError) as raised:
        set_field(workspace, "INC-2026-0003", "severity", "SEV1")
    assert (raised.value.errno, raised.value.strerror) == (
        28,
        "No space left on device",
    )
    assert _files(checkout) == before


# Run as a user who may read the repository but not write to it.
_UNPRIVILEGED = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from incidentlore.author.create import NewIncident, new_incident
from incidentlore.author.init import init_repository
from incidentlore.author.notes import NoteRequest, add_note
from incidentlore.author.workspace import Workspace

root = Path(sys.argv[1])
now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
workspace = Workspace.open(root / "repo")
for attempt in (
    lambda: add_note(workspace, "INC-2026-0003", NoteRequest("x", at="15:00"), now),
    lambda: new_incident(workspace, NewIncident("Outage", "SEV2"), now),
    lambda: init_repository(root / "fresh"),
):
    try:
        attempt()
    except OSError as error:
        shown = Path(error.filename).relative_to(root)
        print(type(error).__name__, error.errno, shown)
"""


def test_a_user_who_may_not_write_changes_nothing(
    read_only: tuple[list[str], Path],
) -> None:
    run_as, root = read_only
    checkout = root / "repo/incidents/2026/INC-2026-0003-checkout-errors"
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    done = subprocess.run(
        [*run_as, sys.executable, "-c", _UNPRIVILEGED, str(root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        f"PermissionError 13 {checkout.relative_to(root)}",
        "PermissionError 13 repo/incidents/2026",
        "PermissionError 13 fresh",
    ]
    after = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    assert after == before
    assert sorted(path.name for path in root.rglob(".*")) == []


@pytest.fixture
def read_only(repo: Path) -> Iterator[tuple[list[str], Path]]:
    """A copy of the repository that the command after this may only read: run as
    nobody when the tests run as root (root writes anywhere), else as the caller
    in folders without write permission."""
    run_as: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("needs setpriv to run as an unprivileged user")
        run_as = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    root = Path(tempfile.mkdtemp(prefix="lore-read-only-"))
    try:
        shutil.copytree(repo, root / "repo")
        for path in [root, *root.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        reach = [*run_as, sys.executable, "-c", "import incidentlore"]
        if subprocess.run(reach, capture_output=True, check=False).returncode:
            pytest.skip("the unprivileged user cannot run this Python")
        yield run_as, root
    finally:
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(root)
