from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.errors import UsageError
from incidentlore.load.discover import discover, find_root
from support import BASE_INCIDENT, example_repository


def test_find_root_walks_up(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    assert find_root(repository / BASE_INCIDENT) == repository.resolve()


def test_no_root(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no lore\.yaml in"):
        find_root(tmp_path)


def test_unexpected_entries_are_reported_not_skipped(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    folder = repository / BASE_INCIDENT
    (folder / "postmortem.yml").write_text("summary: typo in the name\n")
    (folder / "README.md").write_text("allowed\n")
    (folder / "raw" / "slack").mkdir(parents=True)
    (folder / "raw" / "slack" / "export.json").write_text("[]\n")
    (repository / "incidents" / "notes.txt").write_text("stray\n")
    (repository / "incidents" / "2024" / "INC-2024-0002-empty").mkdir()

    layout = discover(repository)
    assert [str(problem) for problem in layout.problems] == [
        "incidents/2024/INC-2024-0001-checkout-latency/postmortem.yml: error: unexpected "
        "file 'postmortem.yml'; expected incident.yaml, postmortem.yaml, notes.yaml, "
        "signals.yaml, raw/, README.md, attachments",
        "incidents/2024/INC-2024-0002-empty: error: incident folder without incident.yaml; "
        "add one (lore new writes it)",
        "incidents/notes.txt: error: unexpected file 'notes.txt'; expected a year folder "
        "such as 2026/",
    ]
    (incident, _) = layout.incidents
    assert [p.name for p in incident.raw] == ["export.json"]


def test_an_incident_file_that_is_not_a_file(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    folder = repository / BASE_INCIDENT
    (folder / "notes.yaml").unlink()
    (folder / "notes.yaml").symlink_to(folder / "gone.yaml")
    assert [str(problem) for problem in discover(repository).problems] == [
        f"{BASE_INCIDENT}/notes.yaml: error: notes.yaml is not a regular file (a "
        "folder, a broken link or a device); make it a YAML file"
    ]
