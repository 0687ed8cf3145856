from __future__ import annotations

from incidentlore.normalise.adapter import Context
from incidentlore.normalise.testkit import check_adapter
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
