from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from incidentlore.author.incidents import set_field, set_status
from incidentlore.author.workspace import Workspace
from incidentlore.errors import LoreError, UsageError
from support import SAMPLE_REPO, changed_lines, run_lore, umask


def _edit(path: Path) -> tuple[str, Path]:
    return path.read_text(), path


def test_a_bare_key_time_takes_the_date_and_the_zone_rule(
    workspace: Workspace, checkout: Path
) -> None:
    before, path = _edit(checkout / "incident.yaml")
    result = set_field(workspace, "INC-2026-0003", "mitigated", "15:40")
    assert (result.field, result.old, result.new) == (
        "times.mitigated",
        None,
        "2026-11-30 15:40 UTC",
    )
    assert result.instant is not None
    assert result.instant.start.isoformat() == "2026-11-30T15:40:00+00:00"
    assert changed_lines(before, path.read_text()) == [
        "@@ -15,0 +16 @@",
        "+  mitigated: 2026-11-30 15:40 UTC",
    ]


def test_the_incidents_own_zone_wins(workspace: Workspace, checkout: Path) -> None:
    set_field(workspace, "INC-2026-0003", "timezone", "Europe/Berlin")
    result = set_field(workspace, "INC-2026-0003", "times.mitigated", "15:40")
    assert result.new == "2026-11-30 15:40 Europe/Berlin"
    assert result.instant is not None
    assert result.instant.start.isoformat() == "2026-11-30T14:40:00+00:00"
    text = (checkout / "incident.yaml").read_text()
    assert (
        "teams:\n    - payments        # owns checkout\ntimezone: Europe/Berlin\n"
        in text
    )


def test_a_bare_time_before_the_start_asks_for_the_date(workspace: Workspace) -> None:
    with pytest.raises(UsageError) as raised:
        set_field(workspace, "INC-2026-0003", "resolved", "00:15")
    assert str(raised.value) == (
        "resolved: '00:15' on 2026-11-30 is before the incident started "
        "(2026-11-30 14:02 Europe/Berlin); give the date too, e.g. "
        "'YYYY-MM-DD 00:15'"
    )


def test_text_fields_keep_their_quoting_and_block_style(
    workspace: Workspace, checkout: Path
) -> None:
    before, path = _edit(checkout / "incident.yaml")
    set_field(workspace, "INC-2026-0003", "title", "Checkout errors: 4.2.1 deploy")
    set_field(workspace, "INC-2026-0003", "summary", "Checkout had no timeout.")
    set_field(workspace, "INC-2026-0003", "roles.scribe", "Kai")
    assert changed_lines(before, path.read_text()) == [
        "@@ -5 +5 @@",
        '-title: "Checkout errors after the 4.2.1 deploy"   # quoted on purpose',
        '+title: "Checkout errors: 4.2.1 deploy"   # quoted on purpose',
        "@@ -18,2 +18 @@",
        "-  A configuration change in 4.2.1 made checkout call the payments API "
        "without a",
        "-  timeout.",
        "+  Checkout had no timeout.",
        "@@ -22,0 +22 @@",
        "+  scribe: Kai",
    ]


def test_catalog_fields_are_checked(workspace: Workspace, checkout: Path) -> None:
    before, path = _edit(checkout / "incident.yaml")
    with pytest.raises(LoreError) as raised:
        set_field(workspace, "INC-2026-0003", "severity", "SEV5")
    assert str(raised.value) == (
        "unknown severity 'SEV5'; did you mean 'SEV3'? Known: SEV1, SEV2, SEV3 "
        "(add new ones to lore.yaml)"
    )
    with pytest.raises(LoreError) as raised:
        set_field(workspace, "INC-2026-0003", "outcome", "degraded")
    assert str(raised.value) == (
        "unknown outcome 'degraded'; did you mean 'degradation'? Known: degradation, "
        "full-outage (add new ones to lore.yaml)"
    )
    assert path.read_text() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "services",
            "checkout",
            "cannot set 'services'; settable fields: title, summary, impact, severity, "
            "status, outcome, timezone, started, detected, acknowledged, mitigated, "
            "resolved, roles.<role>. Edit lists in incident.yaml, or use lore link, "
            "lore hide and lore star",
        ),
        (
            "roles.on call",
            "Kai",
            "'roles.on call': a role is a name such as roles.commander",
        ),
        (
            "timezone",
            "CET",
            "timezone: 'CET' is not an IANA time zone; abbreviations "
            "such as PST are ambiguous: write the offset (-08:00) or a zone name "
            "(America/Los_Angeles)",
        ),
        ("title", "  ", "title: give a value; it must not be empty"),
    ],
)
def test_misuse(workspace: Workspace, field: str, value: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        set_field(workspace, "INC-2026-0003", field, value)
    assert str(raised.value) == message


def test_setting_the_same_value_changes_nothing(
    workspace: Workspace, checkout: Path
) -> None:
    before, path = _edit(checkout / "incident.yaml")
    result = set_field(workspace, "INC-2026-0003", "severity", "SEV2")
    assert not result.changed
    assert result.edit.written == ()
    assert path.read_text() == before


@pytest.mark.parametrize(("mask", "existing"), [(0o022, 0o664), (0o002, 0o640)])
def test_an_edited_file_keeps_its_mode(
    checkout: Path, repo: Path, mask: int, existing: int
) -> None:
    path = checkout / "incident.yaml"
    path.chmod(existing)
    with umask(mask):
        result = run_lore("set", "INC-2026-0003", "severity", "SEV1", cwd=repo)
    assert (result.exit_code, result.stdout) == (0, "INC-2026-0003: severity = SEV1\n")
    assert stat.S_IMODE(path.stat().st_mode) == existing
    assert sorted(p.name for p in checkout.iterdir() if p.name.startswith(".")) == []


def test_a_value_shared_through_an_anchor_is_left_to_the_author(
    payments: Path, repo: Path
) -> None:
    path = payments / "incident.yaml"
    path.write_text(
        path.read_text().replace(
            "title: Payments API timeouts during a database failover\n",
            "title: &title Payments API timeouts during a database failover\n"
            "summary: *title\n",
        )
    )
    before = path.read_text()
    assert run_lore("validate", cwd=repo).exit_code == 0
    refused = run_lore("set", "INC-2026-0001", "summary", "Failover", cwd=repo)
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        1,
        "",
        "lore: incidents/2026/INC-2026-0001-payment-timeouts/incident.yaml:4:1: "
        "cannot change summary: its value is shared through the YAML anchor &title, "
        "and lore changes only values written out in one place; edit the file by "
        "hand\n",
    )
    assert path.read_text() == before
    done = run_lore("set", "INC-2026-0001", "impact", "Payments failed", cwd=repo)
    assert (done.exit_code, done.stderr) == (0, "")
    assert changed_lines(before, path.read_text()) == [
        "@@ -4,0 +5 @@",
        "+impact: Payments failed",
    ]


def test_status_notes_a_missing_key_time(workspace: Workspace, checkout: Path) -> None:
    before, path = _edit(checkout / "incident.yaml")
    result = set_status(workspace, "INC-2026-0003", "mitigated")
    assert (result.old, result.new, result.unset_time) == (
        "investigating",
        "mitigated",
        "mitigated",
    )
    assert changed_lines(before, path.read_text()) == [
        "@@ -7 +7 @@",
        "-status: investigating  # still open",
        "+status: mitigated  # still open",
    ]
    assert set_status(workspace, "INC-2026-0003", "closed").unset_time is None


def test_edits_to_the_sample_repository(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE_REPO, root, ignore=shutil.ignore_patterns("build"))
    path = root / "incidents/2018/INC-2018-0001-github-mysql-split-brain/incident.yaml"
    before = path.read_text()
    workspace = Workspace.open(root)
    set_field(workspace, "INC-2018-0001", "resolved", "2018-10-22 23:04 UTC")
    set_field(workspace, "INC-2018-0001", "roles.scribe", "GitHub engineer")
    assert changed_lines(before, path.read_text()) == [
        "@@ -14 +14 @@",
        "-  resolved: 2018-10-22 23:03 UTC",
        "+  resolved: 2018-10-22 23:04 UTC",
        "@@ -26,0 +27 @@",
        "+  scribe: GitHub engineer",
    ]
