from __future__ import annotations

from incidentlore.normalise.adapter import Context
from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import (
    REGISTRY,
    ZONE_ADVICE,
    fixture,
    read,
    read_text,
    rejected,
    rows,
    utc,
)

BSD = "syslog-bsd-no-year-multiline.log"
ISO = "syslog-iso-tz-offsets.log"
WINDOW = (utc(2016, 12, 13, 18), utc(2016, 12, 14))


def test_the_files_pass_the_adapter_checks() -> None:
    check_adapter(
        REGISTRY.get("syslog"),
        [fixture("logs", ISO), fixture("logs", BSD)],
        Context("America/Los_Angeles", WINDOW),
    )


def test_iso_stamps_with_offsets_and_one_without() -> None:
    result = read("syslog", "logs", ISO, zone="Europe/Berlin")
    assert [(s.at.text, s.at.start) for s, _ in result.signals] == [
        ("1986-04-26T01:23:45.101+0400", utc(1986, 4, 25, 21, 23, 45, 101000)),
        ("1986-04-26T01:23:45.388424+04:00", utc(1986, 4, 25, 21, 23, 45, 388424)),
        ("2019-06-14T10:40:20.912134", utc(2019, 6, 14, 8, 40, 20, 912134)),
    ]
    assert result.signals[0][0].labels == {
        "host": "rmbkmonitor04",
        "program": "shutdown",
        "pid": "2649",
    }
    without_zone = read("syslog", "logs", ISO)
    assert len(without_zone.signals) == 2
    assert rejected(without_zone) == [
        f"{ISO}:3:1: warning: timestamp: '2019-06-14T10:40:20.912134' has no time "
        "zone; set 'timezone' in incident.yaml or 'default_timezone' in lore.yaml to "
        "say which zone it was written in"
    ]


def test_bsd_lines_take_the_year_from_the_incident_and_roll_over() -> None:
    result = read("syslog", "logs", BSD, zone="America/Los_Angeles", window=WINDOW)
    assert [(s.at.text, s.at.start, where.line) for s, where in result.signals] == [
        ("Dec 13 11:35:28", utc(2016, 12, 13, 19, 35, 28), 1),
        ("Dec 13 11:35:28", utc(2016, 12, 13, 19, 35, 28), 20),
        ("Apr 4 03:39:57", utc(2017, 4, 4, 10, 39, 57), 21),
    ]
    assert [str(note) for note in result.notes] == [
        f"{BSD}:1:1: note: BSD syslog lines have no year: read as 2016, the year that "
        "puts them nearest the incident (started 2016-12-13); ingest with --year to "
        "choose another",
        f"{BSD}:21:1: note: the months go back from Dec to Apr: read as 2017",
    ]
    first = result.signals[0][0]
    assert first.summary.startswith(
        "GoogleSoftwareUpdateAgent: 2016-12-13 11:35:28.420"
    )
    assert first.labels["pid"] == "21412"
    assert result.signals[2][0].summary == "--- last message repeated 1 time ---"


def test_bsd_lines_with_year_given() -> None:
    result = read("syslog", "logs", BSD, zone="UTC", year=2015)
    assert [s.at.start for s, _ in result.signals] == [
        utc(2015, 12, 13, 11, 35, 28),
        utc(2015, 12, 13, 11, 35, 28),
        utc(2016, 4, 4, 3, 39, 57),
    ]


def test_bsd_lines_without_a_year_anywhere_are_rejected() -> None:
    result = read("syslog", "logs", BSD, zone="UTC")
    assert result.signals == []
    assert rejected(result)[0] == (
        f"{BSD}:1:1: warning: BSD syslog lines have no year and there is no incident "
        "to take it from; ingest with --year YYYY"
    )
    assert rejected(result)[1] == (
        f"{BSD}:2:1: warning: an indented line continues a record, but no record is "
        "above it"
    )


def test_rfc5424_and_priority() -> None:
    result = read_text(
        "syslog",
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
        '[exampleSDID@32473 iut="3" eventSource="Application"] An application event\n'
        "<34>1 2003-10-11T22:14:15.003Z host su - - - 'su root' failed\n"
        "not syslog at all\n",
    )
    assert rows(result)[0][1] == utc(2003, 10, 11, 22, 14, 15, 3000)
    assert [(s.summary, s.severity) for s, _ in result.signals] == [
        ("evntslog: An application event", "notice"),
        ("su: 'su root' failed", "critical"),
    ]
    assert result.signals[0][0].labels["msgid"] == "ID47"
    assert len(rejected(result)) == 1
    assert rejected(result)[0].startswith("export:3:1: warning: not a syslog line")


def test_a_zone_after_the_stamp_is_read_or_the_line_refused() -> None:
    result = read_text(
        "syslog",
        "2026-03-29T01:40:00 PST web-1 nginx[7]: abbreviated\n"
        "2026-03-29T01:40:00 UTC web-1 nginx[7]: in UTC\n"
        "2026-03-29T01:40:00 web-1 nginx[7]: in the incident's zone\n"
        "Mar 29 01:40:00 EST: abbreviated, Cisco style\n"
        "Mar 29 01:40:00 America/New_York web-1 cron[9]: named\n"
        "Mar 29 01:40:00 web-1 cron[9]: in the incident's zone\n"
        "<34>1 2026-03-29T01:40:00 PST web-1 su - - - abbreviated, RFC 5424\n"
        "<34>1 2026-03-29T01:40:00 UTC web-1 su - - - in UTC, RFC 5424\n",
        Context("Asia/Tokyo", year=2026),
    )
    signals = [signal for signal, _ in result.signals]
    assert [s.at.text for s in signals] == [
        "2026-03-29T01:40:00 UTC",
        "2026-03-29T01:40:00",
        "Mar 29 01:40:00 America/New_York",
        "Mar 29 01:40:00",
        "2026-03-29T01:40:00 UTC",
    ]
    assert [s.at.start for s in signals] == [
        utc(2026, 3, 29, 1, 40),
        utc(2026, 3, 28, 16, 40),  # in Tokyo
        utc(2026, 3, 29, 5, 40),
        utc(2026, 3, 28, 16, 40),
        utc(2026, 3, 29, 1, 40),
    ]
    assert [s.summary for s in signals] == [
        "nginx: in UTC",
        "nginx: in the incident's zone",
        "cron: named",
        "cron: in the incident's zone",
        "su: in UTC, RFC 5424",
    ]
    assert {s.labels["host"] for s in signals} == {"web-1"}
    advice = ZONE_ADVICE
    assert rejected(result) == [
        f"export:1:1: warning: timestamp: '2026-03-29T01:40:00 PST': 'PST' {advice}",
        f"export:4:1: warning: timestamp: 'Mar 29 01:40:00 EST': 'EST' {advice}",
        f"export:7:1: warning: timestamp: '2026-03-29T01:40:00 PST': 'PST' {advice}",
    ]
