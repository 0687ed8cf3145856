from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.assemble.resolve import resolve
from incidentlore.emit.mermaid import gantt, label
from incidentlore.model.times import zone_named
from incidentlore.validate.repository import load_repository
from support import BASE_INCIDENT, example_repository


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rollout paused at 50%: see #4821",
            "Rollout paused at 50#37;#58; see #35;4821",
        ),
        ("%%{init: {}}%% #quot;", "#37;#37;{init#58; {}}#37;#37; #35;quot;"),
        ('"q" [a] {b} <c>; `d` | é 日本語', '"q" [a] {b} <c>; `d` | é 日本語'),
        (" a\n  b\tc ", "a b c"),
        (" \n ", "entry"),
        ("x" * 61, "x" * 59 + "…"),
        # The length counts what is shown, so an escaped character counts once.
        ("a" * 58 + ": b", "a" * 58 + "#58;…"),
    ],
)
def test_label(text: str, expected: str) -> None:
    assert label(text) == expected


def chart(tmp_path: Path, times: str) -> str:
    incident = (
        "id: INC-2024-0001\ntitle: Only a start\nseverity: SEV2\nstatus: resolved\n"
        f"times:\n{times}"
    )
    files = {
        f"{BASE_INCIDENT}/incident.yaml": incident,
        f"{BASE_INCIDENT}/signals.yaml": "signals: []\n",
        f"{BASE_INCIDENT}/notes.yaml": "notes: []\n",
        f"{BASE_INCIDENT}/postmortem.yaml": "summary: s\n",
    }
    repository = load_repository(example_repository(tmp_path / "repo", files))
    [resolved] = resolve(repository)
    return gantt(resolved, zone_named("Europe/Berlin"), "Europe/Berlin")


def test_an_incident_without_phases_is_one_task(tmp_path: Path) -> None:
    assert chart(tmp_path, "  started: 2024-03-05 14:02 Europe/Berlin\n") == (
        "gantt\n"
        "    title INC-2024-0001 Only a start (Europe/Berlin)\n"
        "    dateFormat YYYY-MM-DDTHH:mm\n"
        "    axisFormat %m-%d %H:%M\n"
        "    section Phases\n"
        "    Incident :milestone, 2024-03-05T14:02, 0m\n"
    )


def test_without_phases_the_task_runs_to_the_last_time(tmp_path: Path) -> None:
    times = "  started: 2024-03-05 Europe/Berlin\n  resolved: 2024-03-07 09:30 UTC\n"
    assert chart(tmp_path, times).endswith(
        "    section Phases\n    Incident :2024-03-05T00:00, 2024-03-07T10:30\n"
    )


def test_control_characters_become_their_codes_in_labels() -> None:
    assert label("bell\x07 esc\x1b c1\x9b") == "bellU+0007 escU+001B c1U+009B"
