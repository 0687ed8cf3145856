from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from incidentlore.assemble.timeline import Timeline, assemble
from incidentlore.validate.repository import load_repository
from support import BASE_INCIDENT, example_repository

SIGNALS = [
    ("b-deploy", "deploy", "2024-03-05T13:01:00Z"),
    ("a-deploy", "deploy", "2024-03-05T13:01:00Z"),
    ("alert", "alert", "2024-03-05T13:02:00Z"),
    ("day", "event", "2024-03-05 Europe/Berlin"),
    ("late", "log", "2024-03-05T15:00:00Z"),
]


def signals_yaml(order: list[int]) -> str:
    lines = ["signals:"]
    for index in order:
        signal_id, kind, at = SIGNALS[index]
        lines += [
            f"  - id: {signal_id}",
            f"    kind: {kind}",
            f"    at: {at}",
            "    summary: x",
        ]
    return "\n".join(lines) + "\n"


NOTES = """notes:
  - id: N2
    at: 2024-03-05 14:50 Europe/Berlin
    text: about the alert, written later
    about: alert
  - id: N1
    at: 2024-03-05 14:01 Europe/Berlin
    text: a free note at the same minute as the deploys
"""


def timeline(tmp_path: Path, order: list[int]) -> Timeline:
    files = {
        f"{BASE_INCIDENT}/signals.yaml": signals_yaml(order),
        f"{BASE_INCIDENT}/notes.yaml": NOTES,
        f"{BASE_INCIDENT}/postmortem.yaml": "summary: x\n",
    }
    repository = load_repository(example_repository(tmp_path / "repo", files))
    return assemble(repository.incidents[0])


def order_of(tmp_path: Path, order: list[int]) -> list[str]:
    return [entry.id for entry in timeline(tmp_path, order).entries]


EXPECTED = [
    "day",  # day precision orders at the start of its day (Berlin midnight)
    "a-deploy",  # one instant: signals before notes; ties by source, then id
    "b-deploy",
    "N1",
    "alert",  # 13:02Z, the same instant as started: evidence before key times
    "N2",  # a note about a signal follows it, whatever its own time
    "started",
    "detected",
    "mitigated",
    "resolved",
    "late",
]


def test_total_order(tmp_path: Path) -> None:
    assert order_of(tmp_path, [0, 1, 2, 3, 4]) == EXPECTED


@settings(max_examples=10, deadline=None)
@given(st.permutations(range(len(SIGNALS))))
def test_order_does_not_depend_on_file_order(order: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert order_of(Path(folder), order) == EXPECTED


def test_entries_keep_their_provenance(tmp_path: Path) -> None:
    entries = timeline(tmp_path, [0, 1, 2, 3, 4]).entries
    origins = {entry.id: str(entry.origin) for entry in entries}
    assert origins["alert"] == f"{BASE_INCIDENT}/signals.yaml:10:5"
    assert origins["detected"] == f"{BASE_INCIDENT}/incident.yaml:10:13"
    assert origins["N1"] == f"{BASE_INCIDENT}/notes.yaml:6:5"
