from __future__ import annotations

from pathlib import Path

from gitrepo import FOLDER, HISTORY_FIXTURES, fixture
from incidentlore.history.state import (
    check_entity,
    check_file,
    read_catalog,
    read_folder,
)


def test_a_file_that_does_not_validate(tmp_path: Path) -> None:
    path = tmp_path / "incident.yaml"
    path.write_text(fixture("incident.yaml").replace("SEV1", "[SEV1]"), "utf-8")

    state = check_file(path, f"{FOLDER}/incident.yaml", None)

    assert state.fields is None
    assert str(state.problem) == (
        f"{FOLDER}/incident.yaml:3:11: error: severity: expected text, got a list"
    )
    assert state.problems == 1


def test_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text("notes: [\n", "utf-8")

    state = check_file(path, "notes.yaml", None)

    assert state.fields is None
    assert state.problem is not None and state.problem.message.startswith(
        "invalid YAML"
    )


def test_times_without_a_zone_use_the_incident_zone(tmp_path: Path) -> None:
    folder = tmp_path / "INC-2018-0001"
    folder.mkdir()
    incident = fixture("incident.yaml").replace(" UTC\n", "\n")
    (folder / "incident.yaml").write_text(
        incident.replace("teams:", "timezone: Europe/Berlin\nteams:"), "utf-8"
    )

    state = read_folder(folder, "incidents/2018/INC-2018-0001", None)

    started = state.fields["times.started"].instant
    assert (
        started is not None and started.start.isoformat() == "2018-10-21T20:52:00+00:00"
    )
    name = "incidents/2018/INC-2018-0001/incident.yaml"
    assert check_entity(folder / "incident.yaml", name, "UTC")[1] == "Europe/Berlin"
    (folder / "incident.yaml").write_text("timezone: Mars/Olympus\n", "utf-8")
    assert check_entity(folder / "incident.yaml", name, "UTC")[1] == "UTC"


def test_read_catalog_gives_none_when_it_does_not_validate(tmp_path: Path) -> None:
    path = tmp_path / "lore.yaml"
    path.write_text("severities: []\n", "utf-8")

    assert read_catalog(path) is None
    assert read_catalog(HISTORY_FIXTURES / "lore.yaml") is not None


def test_an_entity_that_is_not_yaml_keeps_the_default_zone(tmp_path: Path) -> None:
    path = tmp_path / "incident.yaml"
    path.write_text("id: [\n", "utf-8")

    state, zone = check_entity(path, "incident.yaml", "Europe/Berlin")

    assert (state.fields, zone) == (None, "Europe/Berlin")
    assert state.problem is not None and state.problem.message.startswith(
        "invalid YAML"
    )
    path.write_text("a: [\n", "utf-8")
    assert read_catalog(path) is None
