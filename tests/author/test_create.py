from __future__ import annotations

import stat
from datetime import UTC, datetime

import pytest

from incidentlore.author.create import NewIncident, new_incident
from incidentlore.author.workspace import Workspace
from incidentlore.errors import LoreError, UsageError
from support import umask

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
UMASKS = [(0o022, 0o644, 0o755), (0o002, 0o664, 0o775)]
SCHEMAS = "# yaml-language-server: $schema=../../../.lore/schemas"


def test_new_writes_the_incident_and_its_first_files(workspace: Workspace) -> None:
    request = NewIncident(
        "Checkout: 502s from the edge",
        "SEV1",
        services=("checkout", "payments-api", "checkout"),
        teams=("payments",),
        started="2026-12-01 08:40 Europe/Berlin",
        outcome="degradation",
        timezone="Europe/Berlin",
    )
    created = new_incident(workspace, request, NOW)
    assert created.incident_id == "INC-2026-0004"
    assert workspace.name(created.folder) == (
        "incidents/2026/INC-2026-0004-checkout-502s-from-the-edge"
    )
    assert created.written == tuple(
        f"incidents/2026/INC-2026-0004-checkout-502s-from-the-edge/{name}"
        for name in ("incident.yaml", "notes.yaml", "signals.yaml", "postmortem.yaml")
    )
    files = {p.name: p.read_text() for p in sorted(created.folder.iterdir())}
    assert files == {
        "incident.yaml": (
            f"{SCHEMAS}/incident.schema.json\n"
            "id: INC-2026-0004\n"
            "title: 'Checkout: 502s from the edge'\n"
            "severity: SEV1\n"
            "status: investigating\n"
            "outcome: degradation\n"
            "services: [checkout, payments-api]\n"
            "teams: [payments]\n"
            "timezone: Europe/Berlin\n"
            "times:\n"
            "  started: 2026-12-01 08:40 Europe/Berlin\n"
        ),
        "notes.yaml": (
            f"{SCHEMAS}/notes.schema.json\n"
            "# Notes, decisions, hypotheses and questions; 'lore note' adds one.\n"
            "notes: []\n"
        ),
        "signals.yaml": (
            f"{SCHEMAS}/signals.schema.json\n"
            "# Hand-entered signals. Exports from tools go under raw/<source>/.\n"
            "signals: []\n"
        ),
        "postmortem.yaml": (
            f"{SCHEMAS}/postmortem.schema.json\n"
            "# The post-mortem. Empty keys are ignored; factor categories are in "
            "lore.yaml.\n"
            "summary:\n"
            "trigger:\n"
            "contributing_factors: []\n"
            "went_well: []\n"
            "went_badly: []\n"
            "action_items: []\n"
            "lessons: []\n"
            "review:\n"
            "  state: draft\n"
        ),
    }
    assert [p.name for p in created.folder.parent.iterdir() if p.name[0] == "."] == []


def test_the_year_is_where_the_incident_started(workspace: Workspace) -> None:
    request = NewIncident("New year", "SEV3", started="2027-01-01 00:30 Europe/Berlin")
    created = new_incident(workspace, request, NOW)
    # 23:30 UTC on new year's eve, but it started in 2027 where it was written.
    assert workspace.name(created.folder) == "incidents/2027/INC-2027-0001-new-year"


def test_started_defaults_to_now_and_may_be_a_time_of_day(workspace: Workspace) -> None:
    first = new_incident(workspace, NewIncident("Now", "SEV3", slug=""), NOW)
    assert (first.incident_id, first.started.text) == (
        "INC-2026-0004",
        "2026-12-01 09:00 UTC",
    )
    assert first.folder.name == "INC-2026-0004"
    second = new_incident(
        workspace, NewIncident("Earlier", "SEV3", started="07:15"), NOW
    )
    assert (second.incident_id, second.started.text) == (
        "INC-2026-0005",
        "2026-12-01 07:15 UTC",
    )


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (
            NewIncident("x", "SEV2", services=("checkuot",)),
            "--service: unknown service 'checkuot'; did you mean 'checkout'? Known: "
            "checkout, database, payments-api (add new ones to lore.yaml)",
        ),
        (
            NewIncident("x", "P1"),
            "--severity: unknown severity 'P1'. Known: SEV1, SEV2, SEV3 (add new ones "
            "to lore.yaml)",
        ),
        (
            NewIncident("x", "SEV2", status="open"),
            "--status: unknown status 'open'. Known: closed, investigating, mitigated, "
            "resolved (add new ones to lore.yaml)",
        ),
        (
            NewIncident("x", "SEV2", teams=("payment",)),
            "--team: unknown team 'payment'; did you mean 'payments'? Known: payments, "
            "platform (add new ones to lore.yaml)",
        ),
        (
            NewIncident("x", "SEV2", outcome="outage"),
            "--outcome: unknown outcome 'outage'; did you mean 'full-outage'? Known: "
            "degradation, full-outage (add new ones to lore.yaml)",
        ),
    ],
)
def test_unknown_catalog_values(
    workspace: Workspace, request_: NewIncident, message: str
) -> None:
    with pytest.raises(LoreError) as raised:
        new_incident(workspace, request_, NOW)
    assert str(raised.value) == message
    assert not (workspace.root / "incidents/2026/INC-2026-0004-x").exists()


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (NewIncident("  ", "SEV2"), "the title must not be empty"),
        (
            NewIncident("x", "SEV2", slug="Big Slug"),
            "--slug: 'Big Slug' must be lowercase words joined by '-'",
        ),
        (
            NewIncident("x", "SEV2", timezone="CEST"),
            "--timezone: 'CEST' is not an IANA "
            "time zone; abbreviations such as PST are ambiguous: write the offset "
            "(-08:00) or a zone name (America/Los_Angeles)",
        ),
        (
            NewIncident("x", "SEV2", started="soon"),
            "--started: 'soon' is not a time; "
            "write it like '2026-11-30 14:02 Europe/Berlin'",
        ),
    ],
)
def test_misuse(workspace: Workspace, request_: NewIncident, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        new_incident(workspace, request_, NOW)
    assert str(raised.value) == message


def test_a_folder_without_incident_yaml_still_takes_its_id(
    workspace: Workspace,
) -> None:
    target = workspace.root / "incidents/2026/INC-2026-0004-taken"
    target.mkdir()
    (workspace.root / "incidents/2026/INC-2026-0004-taken/keep.txt").write_text("x")
    # The folder's id counts as taken, so the next one is allocated.
    created = new_incident(workspace, NewIncident("Taken", "SEV3"), NOW)
    assert created.incident_id == "INC-2026-0005"
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_a_folder_in_the_way_stops_new(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = workspace.root / "incidents/2026/INC-2026-0004-in-the-way"
    monkeypatch.setattr(
        "incidentlore.author.create.next_id", lambda *args: "INC-2026-0004"
    )
    target.mkdir()
    with pytest.raises(LoreError) as raised:
        new_incident(workspace, NewIncident("In the way", "SEV3"), NOW)
    assert str(raised.value) == "incidents/2026/INC-2026-0004-in-the-way already exists"


@pytest.mark.parametrize(("mask", "file_mode", "folder_mode"), UMASKS)
def test_the_new_folder_and_files_get_the_umasks_modes(
    workspace: Workspace, mask: int, file_mode: int, folder_mode: int
) -> None:
    with umask(mask):
        created = new_incident(workspace, NewIncident("Modes", "SEV3"), NOW)
    modes = {
        path.name: stat.S_IMODE(path.stat().st_mode)
        for path in (created.folder, *created.folder.iterdir())
    }
    assert modes == {
        "INC-2026-0004-modes": folder_mode,
        "incident.yaml": file_mode,
        "notes.yaml": file_mode,
        "postmortem.yaml": file_mode,
        "signals.yaml": file_mode,
    }
