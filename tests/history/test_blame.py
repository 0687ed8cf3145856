from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import FOLDER, GitRepo, Scripted, fixture
from incidentlore.errors import LoreError
from incidentlore.history.blame import blame
from incidentlore.history.report import blame_json, blame_text


def test_blame_a_corrected_time(scripted: Scripted) -> None:
    found = blame(scripted.path, "INC-2018-0001", "times.detected")

    assert blame_text(found) == (
        "INC-2018-0001 times.detected = 2018-10-21 22:54 UTC\n"
        f"{scripted.short('corrected')}  2018-10-31 10:00 +00:00  "
        "Grace Example <grace@example.org>  Correct the detection time after review\n"
        "    detected 23:08 → 22:54 (−14 min)\n"
        "    The first alert fired at 22:54.\n"
    )


def test_blame_an_action_item_status_set_on_a_branch(scripted: Scripted) -> None:
    found = blame(scripted.path, "INC-2018-0001", "postmortem.action_items.AI-2.status")

    assert found.revision.touch.commit.id == scripted.commits["published"]
    assert found.value is not None and found.value.text == "done"
    assert found.change.old is not None and found.change.old.text == "open"


def test_blame_a_value_a_merge_decided(scripted: Scripted) -> None:
    found = blame(scripted.path, "INC-2018-0001", "title")

    assert found.revision.touch.commit.id == scripted.commits["resolved"]


def test_blame_a_field_set_when_its_entry_was_added(scripted: Scripted) -> None:
    found = blame(scripted.path, "INC-2018-0001", "notes.N1.kind")

    assert found.revision.touch.commit.id == scripted.commits["notes"]
    assert found.change.change == "added"


def test_blame_as_of_an_earlier_commit(scripted: Scripted) -> None:
    found = blame(
        scripted.path,
        "INC-2018-0001",
        "postmortem.action_items.AI-1.status",
        scripted.commits["post-mortem"],
    )

    assert found.value is not None and found.value.text == "open"
    assert found.revision.touch.commit.id == scripted.commits["post-mortem"]


def test_blame_json(scripted: Scripted) -> None:
    found = blame(scripted.path, "INC-2018-0001", "severity")

    assert (
        blame_json(found)
        == f"""\
{{
  "incident": "INC-2018-0001",
  "field": "severity",
  "value": "SEV1",
  "shallow": false,
  "change": {{
    "field": "severity",
    "change": "changed",
    "old": "SEV2",
    "new": "SEV1"
  }},
  "commit": "{scripted.commits["corrected"]}",
  "parents": [
    "{scripted.commits["created"]}"
  ],
  "author": "Grace Example",
  "email": "grace@example.org",
  "authored_at": "2018-10-31T10:00:00Z",
  "committed_at": "2018-10-31T10:00:00Z",
  "message": "Correct the detection time after review\\n\\nThe first alert fired \
at 22:54."
}}
"""
    )


def test_blame_a_removed_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo.init(tmp_path, monkeypatch)
    repo.write("lore.yaml", fixture("lore.yaml"))
    repo.write(f"{FOLDER}/incident.yaml", fixture("incident.yaml"))
    repo.commit("Add", "2018-10-30T10:00:00+00:00")
    repo.edit(f"{FOLDER}/incident.yaml", "  acknowledged: 2018-10-21 23:11 UTC\n", "")
    removed = repo.commit(
        "No source gives the acknowledgement", "2018-10-31T10:00:00+00:00"
    )

    found = blame(repo.path, "INC-2018-0001", "times.acknowledged")

    assert blame_text(found).splitlines() == [
        "INC-2018-0001 times.acknowledged is not set",
        f"{removed[:10]}  2018-10-31 10:00 +00:00  Ada Example <ada@example.org>  "
        "No source gives the acknowledgement",
        "    acknowledged − 2018-10-21 23:11",
    ]


def test_blame_in_a_shallow_clone(scripted: Scripted, tmp_path: Path) -> None:
    clone = scripted.clone(tmp_path / "shallow", depth=1).path

    found = blame(clone, "INC-2018-0001", "severity")

    assert found.shallow
    assert blame_text(found).splitlines()[2] == (
        "    set at or before this commit; shallow clone: the history before this "
        "commit is not here ('git fetch --unshallow' gets it)"
    )


def test_blame_an_unknown_field(scripted: Scripted) -> None:
    with pytest.raises(LoreError) as raised:
        blame(scripted.path, "INC-2018-0001", "times.detect")

    assert str(raised.value) == (
        "INC-2018-0001 has no field 'times.detect' in its history; did you mean "
        "times.detected, times.started, times.resolved? Fields are dotted paths such "
        "as severity, times.detected or postmortem.action_items.AI-1.status "
        "('lore history INC-2018-0001 --format json' lists them)"
    )
