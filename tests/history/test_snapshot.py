from __future__ import annotations

from pathlib import Path

from gitrepo import FOLDER, HISTORY_FIXTURES, OLD_FOLDER, Scripted, fixture
from incidentlore.history.git import Git
from incidentlore.history.snapshot import (
    StateReader,
    check_file,
    incident_zone,
    read_catalog,
    read_folder,
    tree_at,
    workspace,
)


def test_states_at_commits(scripted: Scripted) -> None:
    git = Git.open(scripted.path)
    created, notes = scripted.commits["created"], scripted.commits["notes"]
    with workspace() as folder:
        reader = StateReader(git, folder)
        states = reader.read(
            [(created, OLD_FOLDER), (notes, FOLDER), (created, FOLDER)]
        )

    first = states[created, OLD_FOLDER]
    assert sorted(first.files) == ["incident.yaml", "signals.yaml"]
    assert first.incident_id == "INC-2018-0001"
    assert first.fields["severity"].text == "SEV2"
    with_notes = states[notes, FOLDER]
    # notes.yaml was committed with CRLF line endings: it reads the same.
    assert with_notes.fields["notes.N2.text"].text.startswith("Recovery plan: restore")
    assert "\r" not in with_notes.fields["notes.N2.text"].text
    assert not states[created, FOLDER].exists
    assert states[created, FOLDER].fields == {}


def test_the_catalog_at_a_commit(scripted: Scripted) -> None:
    git = Git.open(scripted.path)
    with workspace() as folder:
        catalog = StateReader(git, folder).catalog(scripted.commits["created"])

    assert catalog is not None and catalog.display_timezone == "UTC"


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
    assert incident_zone(folder / "incident.yaml", "x", "UTC") == "Europe/Berlin"
    (folder / "incident.yaml").write_text("timezone: Mars/Olympus\n", "utf-8")
    assert incident_zone(folder / "incident.yaml", "x", "UTC") == "UTC"


def test_read_catalog_gives_none_when_it_does_not_validate(tmp_path: Path) -> None:
    path = tmp_path / "lore.yaml"
    path.write_text("severities: []\n", "utf-8")

    assert read_catalog(path) is None
    assert read_catalog(HISTORY_FIXTURES / "lore.yaml") is not None


def test_tree_at_is_removed_afterwards(scripted: Scripted) -> None:
    with tree_at(Git.open(scripted.path), scripted.commits["created"]) as tree:
        assert (tree / OLD_FOLDER / "incident.yaml").is_file()
        kept = tree

    assert not kept.exists()
