from __future__ import annotations

from gitrepo import FOLDER, OLD_FOLDER, Scripted
from incidentlore.history.git import Git
from incidentlore.history.snapshot import StateReader, tree_at, workspace


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


def test_tree_at_is_removed_afterwards(scripted: Scripted) -> None:
    with tree_at(Git.open(scripted.path), scripted.commits["created"]) as tree:
        assert (tree / OLD_FOLDER / "incident.yaml").is_file()
        kept = tree

    assert not kept.exists()
