from __future__ import annotations

from incidentlore.normalise.adapter import Context
from incidentlore.normalise.testkit import check_adapter
from normalise import corpus
from normalise.corpus import REGISTRY, fixture, read, read_text, rejected, utc

ES = "es-json-mixed-plaintext-multiline.log"


def test_the_file_passes_the_adapter_checks() -> None:
    check_adapter(REGISTRY.get("jsonlines"), [fixture("logs", ES)], Context("+01:00"))


def test_records_spread_over_lines_and_plain_lines() -> None:
    result = read("jsonlines", "logs", ES, zone="+01:00")
    assert len(result.signals) == 15
    assert result.rejected == []
    lines = [where.line for _, where in result.signals]
    assert lines == [1, 2, 3, 4, 5, 6, 7, 8, 56, 57, 58, 99, 100, 101, 102]
    spread = result.signals[7][0]
    assert (spread.at.text, spread.at.start, spread.severity) == (
        "2019-01-10T11:18:58,523+0100",
        utc(2019, 1, 10, 10, 18, 58, 523000),
        "error",
    )
    plain = result.signals[6][0]
    assert (plain.at.text, plain.at.start, plain.severity, plain.summary) == (
        "2019-01-10T11:18:58,513",
        utc(2019, 1, 10, 10, 18, 58, 513000),
        "info",
        "[o.e.c.l.JsonLoggerTests ] [testJsonInStacktraceMessageIsSplitted] "
        "before test",
    )


def test_plain_lines_without_a_zone_are_rejected_by_number() -> None:
    result = read("jsonlines", "logs", ES)
    assert len(result.signals) == 12
    assert [r.split(": warning: ")[0] for r in rejected(result)] == [
        f"{ES}:7:1",
        f"{ES}:57:1",
        f"{ES}:100:1",
    ]


def test_keys_loggers_use() -> None:
    result = read_text(
        "jsonlines",
        '{"ts": 1700000000.5, "msg": "started", "level": "WARN", "pid": 7}\n'
        '{"@timestamp": "2023-11-14T22:13:21Z", "event": "stopped"}\n'
        '{"message": "no time"}\n'
        '{"time": "2023-11-14T22:13:21Z", "message": "cut\n',
    )
    assert [(s.summary, s.severity, s.labels) for s, _ in result.signals] == [
        ("started", "warning", {"pid": "7"}),
        ("stopped", None, {}),
    ]
    assert result.signals[0][0].at.start == utc(2023, 11, 14, 22, 13, 20, 500000)
    assert rejected(result) == [
        "export:3:1: warning: the record has no time; looked for @timestamp, "
        "timestamp, time, ts, datetime, date, t",
        "export:4:1: warning: not a JSON object: Unterminated string starting at "
        "column 45",
    ]


def test_a_zone_after_the_time_is_read_or_the_record_refused() -> None:
    result = read_text(
        "jsonlines",
        '{"ts": "2026-03-29 01:40:00 PST", "msg": "abbreviated"}\n'
        '{"ts": "2026-03-29 01:40:00 XYZ", "msg": "unknown"}\n'
        '{"ts": "2026-03-29 01:40:00 America/Los_Angeles", "msg": "named"}\n'
        '{"ts": 253402300800, "msg": "seconds or milliseconds"}\n'
        '{"ts": "9999-12-31T23:59:59Z", "msg": "never"}\n'
        "2026-03-29 01:40:00 PST plain line\n"
        "2026-03-29 01:40:00 UTC [WARN] plain line in UTC\n"
        "2026-03-29 01:40:00 Europe/Berlin: plain line in Berlin\n"
        "2026-03-29 01:40:00 GET/health 200\n",
        Context("Asia/Tokyo"),
    )
    assert [(s.summary, s.at.text, s.at.start) for s, _ in result.signals] == [
        (
            "named",
            "2026-03-29 01:40:00 America/Los_Angeles",
            utc(2026, 3, 29, 8, 40),
        ),
        ("plain line in UTC", "2026-03-29 01:40:00 UTC", utc(2026, 3, 29, 1, 40)),
        (
            "plain line in Berlin",
            "2026-03-29 01:40:00 Europe/Berlin",
            utc(2026, 3, 29, 0, 40),  # before summer time began, at 02:00
        ),
        ("GET/health 200", "2026-03-29 01:40:00", utc(2026, 3, 28, 16, 40)),
    ]
    advice = corpus.ZONE_ADVICE
    assert rejected(result) == [
        f"export:1:1: warning: ts: '2026-03-29 01:40:00 PST': 'PST' {advice}",
        f"export:2:1: warning: ts: '2026-03-29 01:40:00 XYZ': 'XYZ' {advice}",
        "export:4:1: warning: ts: '253402300800' has 12 digits, which fits no unit: "
        "as seconds it would be after 9999, as milliseconds 1978; epoch times are "
        "read as seconds (up to 10 digits), milliseconds (13), microseconds (16) or "
        "nanoseconds (19)",
        "export:5:1: warning: ts: '9999-12-31T23:59:59Z' lies at the very end of the "
        "calendar (year 1 or 9999), where lore cannot place it on a timeline; "
        "exporters write such values to mean 'never'",
        f"export:6:1: warning: time: '2026-03-29 01:40:00 PST': 'PST' {advice}",
    ]
