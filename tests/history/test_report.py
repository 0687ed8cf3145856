from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import FOLDER, GitRepo, fixture
from incidentlore.history.history import incident_history
from incidentlore.history.report import history_json, history_text, stamp


def test_raw_exports_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.init(tmp_path, monkeypatch)
    repo.write("lore.yaml", fixture("lore.yaml"))
    repo.write(f"{FOLDER}/incident.yaml", fixture("incident.yaml"))
    repo.write(f"{FOLDER}/raw/slack/channel.json", "[]\n")
    repo.commit("Add", "2018-10-30T10:00:00+00:00")
    repo.write(f"{FOLDER}/raw/alertmanager/alerts.json", "[]\n")
    repo.write(f"{FOLDER}/raw/slack/channel.json", "[{}]\n")
    commit = repo.commit("Keep the exports", "2018-10-31T10:00:00+00:00")

    history = incident_history(repo.path, "INC-2018-0001")

    assert history_text(history).splitlines()[2:5] == [
        f"{commit[:10]}  2018-10-31 10:00 +00:00  Ada Example  Keep the exports",
        "    raw + alertmanager/alerts.json",
        "    raw ~ slack/channel.json",
    ]
    document = json.loads(history_json(history))
    assert document["revisions"][0]["files"] == [
        {"path": "raw/alertmanager/alerts.json", "status": "A"},
        {"path": "raw/slack/channel.json", "status": "M"},
    ]
    assert document["revisions"][1]["changes"][7] == {
        "field": "times.started",
        "change": "added",
        "old": None,
        "new": {
            "written": "2018-10-21 22:52 UTC",
            "start": "2018-10-21T22:52:00Z",
            "end": "2018-10-21T22:53:00Z",
        },
    }


def test_stamp_is_utc() -> None:
    from datetime import datetime

    assert (
        stamp(datetime.fromisoformat("2018-10-31T12:00:00+02:00"))
        == "2018-10-31T10:00:00Z"
    )
