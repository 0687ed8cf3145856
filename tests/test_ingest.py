from __future__ import annotations

import difflib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from incidentlore.build import build
from incidentlore.errors import LoreError, ProblemsFound, UsageError
from incidentlore.ingest import ingest
from incidentlore.records import SignalRecord
from incidentlore.validate.repository import load_repository
from normalise.plugin import plugin
from repos import FOLDER, INCIDENT, commit, sample_repository, status
from support import FIXTURES

__all__ = ["plugin"]

ALERTS = sorted((FIXTURES / "alertmanager").glob("*.json"))
DOCKER = FIXTURES / "logs" / "docker-json-file-corrupted-line.log"
BSD = FIXTURES / "logs" / "syslog-bsd-no-year-multiline.log"


def firing_during_the_incident(folder: Path, status_: str = "firing") -> Path:
    """An Alertmanager payload whose alert fired during the sample incident."""
    ends = "2018-10-21T23:40:00Z" if status_ == "resolved" else "0001-01-01T00:00:00Z"
    payload = {
        "version": "4",
        "status": status_,
        "alerts": [
            {
                "status": status_,
                "labels": {"alertname": "MySQLReplicationLag", "service": "github.com"},
                "annotations": {"summary": "Replication lag above 60 s"},
                "startsAt": "2018-10-21T22:58:30.5Z",
                "endsAt": ends,
            }
        ],
    }
    path = folder / f"{status_}.json"
    path.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return path


def test_ingest_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    first = ingest(root, "alertmanager", ALERTS, incident=INCIDENT)
    assert first.summary() == (
        "alertmanager: 24 signals (3 resolved), 0 duplicates, 0 lines rejected"
    )
    assert [outcome.stored for outcome in first.files] == [
        f"{FOLDER}/raw/alertmanager/c696cdd03793b23c.json",
        f"{FOLDER}/raw/alertmanager/0792c81826937056.json",
        f"{FOLDER}/raw/alertmanager/734edcde69948e01.json",
        f"{FOLDER}/raw/alertmanager/2a4466c30676a7d3.json",
    ]
    assert (root / first.files[0].stored).read_bytes() == ALERTS[0].read_bytes()
    commit(root, "ingest")
    again = ingest(root, "alertmanager", ALERTS, incident=INCIDENT)
    assert again.summary() == (
        "alertmanager: 0 signals (0 resolved), 24 duplicates, 0 lines rejected"
    )
    assert status(root) == ""


def test_an_export_that_overlaps_one_already_ingested_adds_nothing(
    tmp_path: Path,
) -> None:
    root = sample_repository(tmp_path)
    ingest(root, "alertmanager", [ALERTS[0]], incident=INCIDENT)
    commit(root, "ingest")
    payload = json.loads(ALERTS[0].read_text(encoding="utf-8"))
    payload["alerts"] = payload["alerts"][3:8]
    subset = tmp_path / "subset.json"
    subset.write_text(json.dumps(payload), encoding="utf-8")
    result = ingest(root, "alertmanager", [subset], incident=INCIDENT)
    assert result.summary() == (
        "alertmanager: 0 signals (0 resolved), 5 duplicates, 0 lines rejected"
    )
    assert not result.files[0].written
    assert status(root) == ""


def test_a_copy_whose_name_sorts_first_adds_nothing(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    firing = firing_during_the_incident(tmp_path)
    stored = ingest(root, "alertmanager", [firing], incident=INCIDENT).files[0]
    assert stored.stored.endswith("/54664b73542d19a2.json")
    commit(root, "ingest")
    copy = tmp_path / "copy.json"
    copy.write_text(firing.read_text(encoding="utf-8") + " ", encoding="utf-8")
    again = ingest(root, "alertmanager", [copy], incident=INCIDENT).files[0]
    assert again.stored.endswith("/09b200292a61e5cd.json")  # before the first
    assert (again.written, again.updated, again.duplicates) == (False, 0, 1)
    assert status(root) == ""


def test_a_later_export_that_resolves_an_alert_is_stored(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    firing = firing_during_the_incident(tmp_path)
    resolved = firing_during_the_incident(tmp_path, "resolved")
    ingest(root, "alertmanager", [firing], incident=INCIDENT)
    result = ingest(root, "alertmanager", [resolved], incident=INCIDENT)
    assert result.summary() == (
        "alertmanager: 0 signals (1 resolved), 1 duplicate, 0 lines rejected, 1 updated"
    )
    (record,) = load_repository(root).incidents
    (alert,) = [s.signal for s in record.signals if s.signal.source == "alertmanager"]
    assert alert.ends_at is not None and alert.ends_at.text == "2018-10-21T23:40:00Z"
    assert alert.services == ["github.com"]


def test_new_signals_land_in_the_timeline_and_nothing_else_changes(
    tmp_path: Path,
) -> None:
    root = sample_repository(tmp_path)
    before = build(root, tmp_path / "before")
    ingest(
        root, "alertmanager", [firing_during_the_incident(tmp_path)], incident=INCIDENT
    )
    after = build(root, tmp_path / "after")
    page = f"incidents/{INCIDENT}.md"
    old = (before.output / page).read_text(encoding="utf-8").splitlines()
    new = (after.output / page).read_text(encoding="utf-8").splitlines()
    changes = [
        (tag, new[j1:j2])
        for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes()
        if tag != "equal"
    ]
    # One line in the Mermaid timeline and one in the table, nothing else.
    assert changes == [
        (
            "insert",
            [
                "    alert MySQLReplicationLag#58; Replication lag above 60 s :milestone, "
                "2018-10-21T22:58, 0m"
            ],
        ),
        (
            "insert",
            [
                "|  | 22:58:30 +00:00 | alert | alertmanager | MySQLReplicationLag: "
                "Replication lag above 60 s |"
            ],
        ),
    ]
    export = json.loads((after.output / f"incidents/{INCIDENT}.json").read_text())
    assert export["postmortem"] is not None
    assert sum(1 for e in export["timeline"] if e["kind"] == "note") == 3
    (entry,) = [e for e in export["timeline"] if e["source"] == "alertmanager"]
    assert entry["at"]["written"] == "2018-10-21T22:58:30.5Z"
    assert entry["origin"]["file"].startswith(f"{FOLDER}/raw/alertmanager/")


def test_notes_about_an_ingested_signal_survive_a_rebuild(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    ingest(
        root, "alertmanager", [firing_during_the_incident(tmp_path)], incident=INCIDENT
    )
    (record,) = load_repository(root).incidents
    (alert,) = [s.signal for s in record.signals if s.signal.source == "alertmanager"]
    notes = root / FOLDER / "notes.yaml"
    notes.write_text(
        notes.read_text(encoding="utf-8")
        + f"  - id: lag-noticed\n    at: 2018-10-21 23:00 UTC\n"
        f"    text: The lag alert was the first sign.\n    about: {alert.id}\n",
        encoding="utf-8",
    )
    (record,) = load_repository(root).incidents
    assert [n.note.about for n in record.notes if n.note.id == "lag-noticed"] == [
        "alertmanager:c42a6cd89c9ccaf7:20181021T225830.5Z"
    ]
    assert alert.id == "alertmanager:c42a6cd89c9ccaf7:20181021T225830.5Z"


def test_a_rejected_line_is_reported_with_its_number(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    result = ingest(root, "docker", [DOCKER], incident=INCIDENT)
    assert (
        result.summary()
        == "docker: 20 signals (0 resolved), 0 duplicates, 1 line rejected"
    )
    assert [str(d) for d in result.files[0].rejected] == [
        f"{DOCKER}:7:1: warning: not a json-file log line: it does not start with "
        "'{' (corrupted?)"
    ]
    warnings = [str(w) for w in load_repository(root).warnings]
    assert warnings == [
        f"{result.files[0].stored}:7:1: warning: not a json-file log line: it does "
        "not start with '{' (corrupted?)"
    ]


def test_strict_refuses_an_export_with_a_rejected_line(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    with pytest.raises(ProblemsFound) as found:
        ingest(root, "docker", [DOCKER], incident=INCIDENT, strict=True)
    assert [str(d) for d in found.value.diagnostics] == [
        f"{DOCKER}:7:1: error: not a json-file log line: it does not start with "
        "'{' (corrupted?)"
    ]
    assert status(root) == ""


def test_a_file_of_another_kind_is_refused_with_what_was_expected(
    tmp_path: Path,
) -> None:
    root = sample_repository(tmp_path)
    with pytest.raises(ProblemsFound) as found:
        ingest(root, "pagerduty", [ALERTS[1]], incident=INCIDENT)
    assert [str(d) for d in found.value.diagnostics] == [
        f"{ALERTS[1]}: error: pagerduty: no signals in this file; expected a JSON "
        "object with 'event' holding 'id', 'event_type' and 'occurred_at' "
        "(PagerDuty's v3 webhook body)",
        f"{ALERTS[1]}:1:1: error: not a PagerDuty v3 payload: expected a JSON object "
        "with 'event' holding 'id', 'event_type' and 'occurred_at' (PagerDuty's v3 "
        "webhook body)",
    ]
    assert status(root) == ""


def test_syslog_years_come_from_the_incident_or_from_year(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    result = ingest(root, "syslog", [BSD], incident=INCIDENT)
    assert [str(n).split(": note: ")[1] for n in result.files[0].notes] == [
        "BSD syslog lines have no year: read as 2018, the year that puts them "
        "nearest the incident (started 2018-10-21); ingest with --year to choose "
        "another",
        "the months go back from Dec to Apr: read as 2019",
        "3 of 3 signals lie more than a day outside the incident (2018-10-21 22:52 to "
        "2018-10-22 23:04 UTC): from 2018-12-13 11:35 to 2019-04-04 03:39 UTC; check "
        "that the export belongs to this incident",
    ]
    (record,) = load_repository(root).incidents
    assert _syslog_years(record.signals) == [2018, 2018, 2019]
    other = sample_repository(tmp_path / "other")
    given = ingest(other, "syslog", [BSD], incident=INCIDENT, year=2015)
    assert given.files[0].stored.endswith(".year-2015.log")
    (record,) = load_repository(other).incidents
    assert _syslog_years(record.signals) == [2015, 2015, 2016]


def test_ingesting_again_with_another_year_replaces_the_stored_copy(
    tmp_path: Path,
) -> None:
    root = sample_repository(tmp_path)
    guessed = ingest(root, "syslog", [BSD], incident=INCIDENT).files[0]
    assert guessed.stored == f"{FOLDER}/raw/syslog/d89c1d6e68e84dcc.log"
    commit(root, "ingest")
    again = ingest(root, "syslog", [BSD], incident=INCIDENT, year=2016)
    (outcome,) = again.files
    assert (outcome.written, outcome.stored, outcome.year) == (
        True,
        f"{FOLDER}/raw/syslog/d89c1d6e68e84dcc.year-2016.log",
        2016,
    )
    assert [(r.stored, r.year) for r in outcome.replaced] == [(guessed.stored, 2018)]
    assert again.summary() == (
        "syslog: 0 signals (0 resolved), 3 duplicates, 0 lines rejected, 3 updated"
    )
    assert status(root).splitlines() == [
        f" D {guessed.stored}",
        f"?? {outcome.stored}",
    ]
    (record,) = load_repository(root).incidents
    assert _syslog_years(record.signals) == [2016, 2016, 2017]
    commit(root, "read as 2016")
    for year in (2016, None):  # the same year again, or no year: the copy stays
        same = ingest(root, "syslog", [BSD], incident=INCIDENT, year=year)
        assert (same.files[0].written, same.files[0].replaced) == (False, ())
        assert same.summary() == (
            "syslog: 0 signals (0 resolved), 3 duplicates, 0 lines rejected"
        )
        assert status(root) == ""
    kept = ingest(root, "syslog", [BSD], incident=INCIDENT).files[0]
    assert str(kept.notes[-1]) == (
        f"{BSD}: note: already stored as {outcome.stored}, read as 2016; ingest with "
        "--year to read it as another year"
    )


def test_ingesting_with_the_year_that_was_guessed_changes_nothing(
    tmp_path: Path,
) -> None:
    root = sample_repository(tmp_path)
    ingest(root, "syslog", [BSD], incident=INCIDENT)
    commit(root, "ingest")
    same = ingest(root, "syslog", [BSD], incident=INCIDENT, year=2018)
    assert (same.files[0].written, same.files[0].replaced) == (False, ())
    assert status(root) == ""


def test_a_record_whose_zone_cannot_be_read_is_rejected_and_kept(
    tmp_path: Path,
) -> None:
    root = sample_repository(tmp_path, zone="Asia/Tokyo")
    log = tmp_path / "app.jsonl"
    log.write_text(
        '{"ts": "2018-10-21 23:40:00 PST", "msg": "abbreviated"}\n'
        '{"ts": "2018-10-21 23:41:00 Europe/Berlin", "msg": "named"}\n',
        encoding="utf-8",
    )
    result = ingest(root, "jsonlines", [log], incident=INCIDENT)
    assert result.summary() == (
        "jsonlines: 1 signal (0 resolved), 0 duplicates, 1 line rejected"
    )
    assert [str(d) for d in result.files[0].rejected] == [
        f"{log}:1:1: warning: ts: '2018-10-21 23:40:00 PST': 'PST' is not an IANA "
        "time zone; abbreviations such as PST are ambiguous: write the offset "
        "(-08:00) or a zone name (America/Los_Angeles)"
    ]
    assert (root / result.files[0].stored).read_bytes() == log.read_bytes()
    (record,) = load_repository(root).incidents
    (signal,) = [s.signal for s in record.signals if s.signal.source == "jsonlines"]
    assert signal.at.start == datetime(2018, 10, 21, 21, 41, tzinfo=UTC)


def _syslog_years(signals: tuple[SignalRecord, ...]) -> list[int]:
    return sorted(
        s.signal.at.start.year for s in signals if s.signal.source == "syslog"
    )


def test_repository_wide_exports(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    datadog = sorted((FIXTURES / "datadog").glob("*.json"))
    result = ingest(root, "datadog", datadog, repo_wide=True)
    assert result.target == "signals"
    assert result.files[0].stored.startswith("signals/datadog/")
    repository = load_repository(root)
    assert [s.signal.id for s in repository.unattached_signals] == [
        "datadog:3089903685627551077",
        "datadog:3089904566766935419",
    ]
    assert sum(len(r.signals) for r in repository.incidents) == 17


def test_a_slack_export_folder_is_stored_as_a_folder(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    result = ingest(root, "slack", [FIXTURES / "slack" / "export"], incident=INCIDENT)
    stored = root / result.files[0].stored
    assert sorted(p.relative_to(stored).as_posix() for p in stored.rglob("*.json")) == [
        "channels.json",
        "random/2018-01-20.json",
        "users.json",
    ]
    assert (
        result.summary()
        == "slack: 11 signals (0 resolved), 0 duplicates, 0 lines rejected"
    )


def test_a_third_party_adapter_ingests_and_builds(plugin: Path, tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    export = tmp_path / "status.txt"
    export.write_text("1540162800|p1|Status page: degraded\n", encoding="utf-8")
    result = ingest(root, "statusline", [export], incident=INCIDENT)
    assert result.files[0].stored.startswith(f"{FOLDER}/raw/statusline/")
    (record,) = load_repository(root).incidents
    assert "statusline:p1" in {s.signal.id for s in record.signals}


def test_misuse(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    with pytest.raises(UsageError, match="--incident ID or --repo-wide"):
        ingest(root, "alertmanager", ALERTS)
    with pytest.raises(UsageError, match="--year means nothing to the alertmanager"):
        ingest(root, "alertmanager", ALERTS, incident=INCIDENT, year=2020)
    with pytest.raises(LoreError, match="no incident 'INC-2099-0001' under incidents/"):
        ingest(root, "alertmanager", ALERTS, incident="INC-2099-0001")
    with pytest.raises(UsageError, match="is a folder; the alertmanager adapter reads"):
        ingest(root, "alertmanager", [FIXTURES / "alertmanager"], incident=INCIDENT)


def test_a_raw_folder_no_adapter_reads_is_an_error(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    stray = root / FOLDER / "raw" / "nagios" / "x.log"
    stray.parent.mkdir(parents=True)
    stray.write_text("host down\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        load_repository(root)
    (problem,) = found.value.diagnostics
    assert str(problem).startswith(
        f"{FOLDER}/raw/nagios/x.log: error: no adapter named 'nagios'; known: "
        "alertmanager, cloudevents,"
    )


ALERTMANAGER_EXPECTED = (
    "expected a JSON object with 'alerts', a list of alerts with 'labels' and "
    "'startsAt' (Alertmanager's webhook body, version 4)"
)


def test_a_stored_export_that_gives_no_signal_is_an_error(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    raw = root / FOLDER / "raw"
    (raw / "alertmanager").mkdir(parents=True)
    (raw / "alertmanager" / "empty.json").write_bytes(b"")
    (raw / "alertmanager" / "notes.json").write_text("host down\n", encoding="utf-8")
    (raw / "slack" / "export" / "random").mkdir(parents=True)
    with pytest.raises(ProblemsFound) as found:
        load_repository(root)
    assert [str(d) for d in found.value.diagnostics] == [
        f"{FOLDER}/raw/alertmanager/empty.json: error: alertmanager: the file is "
        f"empty; {ALERTMANAGER_EXPECTED}",
        f"{FOLDER}/raw/alertmanager/notes.json: error: alertmanager: no signals in "
        f"this file; {ALERTMANAGER_EXPECTED}",
        f"{FOLDER}/raw/slack/export: error: slack: the folder holds no files; "
        "expected a Slack export (channels.json, users.json, <channel>/<day>.json) "
        "or a day file: a JSON list of messages, each with a 'ts'",
    ]
    shutil.rmtree(raw / "slack")
    (raw / "alertmanager" / "empty.json").unlink()
    shutil.copyfile(ALERTS[0], raw / "alertmanager" / "notes.json")
    with (raw / "alertmanager" / "notes.json").open("a", encoding="utf-8") as stream:
        stream.write("host down\n")  # one bad record after good ones: a warning
    repository = load_repository(root)
    assert [str(w).split(": warning: ")[0] for w in repository.warnings] == [
        f"{FOLDER}/raw/alertmanager/notes.json:{_lines(ALERTS[0]) + 1}:1"
    ]


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n")


def test_half_a_utf16_pair_rejects_the_record_not_the_build(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    export = tmp_path / "x.jsonl"
    export.write_text(
        '{"ts":"2018-10-21T22:53:00Z","msg":"bad \\ud800 here"}\n'
        '{"ts":"2018-10-21T22:54:00Z","msg":"fine"}\n'
    )
    result = ingest(root, "jsonlines", [export], incident=INCIDENT)
    assert result.summary() == (
        "jsonlines: 1 signal (0 resolved), 0 duplicates, 1 line rejected"
    )
    assert [str(d).split(": ", 1)[1] for d in result.files[0].rejected] == [
        "warning: the record escapes half of a UTF-16 pair (such as \\ud800), which "
        "is not text; the export is damaged there"
    ]
    assert build(root, tmp_path / "site").incidents == 1
