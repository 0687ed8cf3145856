from __future__ import annotations

import json
import tracemalloc

from incidentlore.normalise.adapter import Context, Detection
from incidentlore.normalise.detect import sample_from
from incidentlore.normalise.testkit import check_adapter, parse_bytes
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


def test_the_stack_trace_of_a_record_spread_over_lines_is_a_label() -> None:
    result = read("jsonlines", "logs", ES, zone="+01:00")
    spread = result.signals[7][0]
    trace = json.loads(spread.labels["stacktrace"])
    assert len(trace) == 47
    assert trace[:2] == ["java.lang.Exception: {", '  "terms" : {']
    assert spread.labels["stacktrace"].startswith(
        '["java.lang.Exception: {","  \\"terms\\" : {",'
    )
    assert spread.labels["cluster.name"] == "elasticsearch"


def test_a_time_key_whose_value_is_no_time_is_passed_over() -> None:
    result = read_text(
        "jsonlines",
        '{"ts": 1709647320.5, "time": 12, "msg": "took 12 ms"}\n'
        '{"time": "2024-03-05", "ts": "1709647320", "msg": "a date alone"}\n'
        '{"time": 12, "t": "soon", "msg": "no time"}\n'
        '{"time": true, "date": {"day": 5}, "ts": -5, "msg": "no time either"}\n'
        '{"time": 253402300800, "ts": 1709647320, "msg": "too long to be a time"}\n',
    )
    assert [
        (s.at.start, s.at.text, s.summary, s.labels) for s, _ in result.signals
    ] == [
        (
            utc(2024, 3, 5, 14, 2, 0, 500000),
            "1709647320.5",
            "took 12 ms",
            {"time": "12"},
        ),
        (utc(2024, 3, 5, 14, 2), "1709647320", "a date alone", {"time": "2024-03-05"}),
    ]
    looked = "looked for @timestamp, timestamp, time, ts, datetime, date, t"
    assert rejected(result) == [
        f"export:3:1: warning: the record has no time; {looked}; time is 12 (too "
        "small for an epoch time); t is 'soon' (not a date and time)",
        f"export:4:1: warning: the record has no time; {looked}; time is true (not a "
        "date and time); ts is -5 (too small for an epoch time); date is an object "
        "(not a date and time)",
        # Twelve digits may be a time, in milliseconds: it is not passed over.
        "export:5:1: warning: time: '253402300800' has 12 digits, which fits no unit: "
        "as seconds it would be after 9999, as milliseconds 1978; epoch times are "
        "read as seconds (up to 10 digits), milliseconds (13), microseconds (16) or "
        "nanoseconds (19)",
    ]


def test_the_levels_pino_and_bunyan_write_as_numbers() -> None:
    lines = [
        f'{{"time": 1709647320123, "level": {n}, "msg": "m{n}", "pid": 7}}'
        for n in (10, 20, 30, 40, 50, 60, 35)
    ]
    lines += [
        '{"time": 1709647320123, "level": "", "severity": "WARN", "msg": "empty"}',
        '{"time": 1709647320123, "level": true, "msg": "a flag"}',
        '{"time": 1709647320123, "level": 30.0, "msg": "a whole fraction"}',
        '{"time": 1709647320123, "level": "50", "msg": "quoted"}',
        '{"time": 1709647320123, "level": "7", "msg": "quoted, no level"}',
        '{"time": 1709647320123, "level": 1e300000000, "msg": "huge"}',
    ]
    result = read_text("jsonlines", "\n".join(lines) + "\n")
    assert result.rejected == []
    assert {s.at.start for s, _ in result.signals} == {
        utc(2024, 3, 5, 14, 2, 0, 123000)
    }
    assert [(s.summary, s.severity, s.labels) for s, _ in result.signals] == [
        ("m10", "trace", {"pid": "7"}),
        ("m20", "debug", {"pid": "7"}),
        ("m30", "info", {"pid": "7"}),
        ("m40", "warning", {"pid": "7"}),
        ("m50", "error", {"pid": "7"}),
        ("m60", "critical", {"pid": "7"}),
        ("m35", None, {"level": "35", "pid": "7"}),
        ("empty", "warning", {"level": ""}),
        ("a flag", None, {"level": "true"}),
        ("a whole fraction", "info", {}),
        ("quoted", "error", {}),
        ("quoted, no level", None, {"level": "7"}),
        ("huge", None, {"level": "1E+300000000"}),
    ]


def test_nested_objects_become_dotted_labels_and_lists_compact_json() -> None:
    result = read_text(
        "jsonlines",
        '{"@timestamp": "2024-03-05T13:02:00Z", "log": {"level": "error", '
        '"logger": "app"}, "http": {"request": {"method": "GET", "bytes": 1.50}}, '
        '"tags": ["a", 1.50, {"b": null}, "é"], "message": "ecs", "empty": {}, '
        '"none": []}\n'
        '{"@timestamp": "2024-03-05T13:02:01Z", "a.b": "written first", '
        '"a": {"b": "nested", "c": true}}\n',
    )
    assert result.rejected == []
    assert [(s.summary, s.severity, s.labels) for s, _ in result.signals] == [
        (
            "ecs",
            "error",
            {
                "log.logger": "app",
                "http.request.method": "GET",
                "http.request.bytes": "1.50",
                "tags": '["a",1.50,{"b":null},"é"]',
                "empty": "{}",
                "none": "[]",
            },
        ),
        (
            "a.b=written first a.c=true",
            None,
            {"a.b": "written first", "a.c": "true"},
        ),
    ]


def test_the_first_message_with_text_is_the_summary() -> None:
    result = read_text(
        "jsonlines",
        '{"ts": "2024-03-05T13:02:00Z", "message": "", "msg": "from msg"}\n'
        '{"ts": "2024-03-05T13:02:00Z", "message": " ", "msg": "", "pid": 1}\n'
        '{"ts": "2024-03-05T13:02:00Z", "error": {"message": "boom"}, "msg": "x"}\n',
    )
    assert [(s.summary, s.labels) for s, _ in result.signals] == [
        ("from msg", {"message": ""}),
        ("(empty line)", {"msg": "", "pid": "1"}),
        ("x", {"error.message": "boom"}),
    ]


def test_numbers_with_huge_exponents_stay_short() -> None:
    tracemalloc.start()
    try:
        result = read_text(
            "jsonlines",
            '{"ts": "2024-03-05T13:02:00Z", "x": 1e300000000, "y": 1e20000000, '
            '"z": [-2.5e-400000000], "w": 1e20, "v": 1.5e-7}\n'
            '{"ts": 1e300000000, "msg": "a time"}\n'
            '{"ts": 1.7096473205e9, "msg": "a time in seconds"}\n',
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    assert [(s.at.text, s.summary, s.labels) for s, _ in result.signals] == [
        (
            "2024-03-05T13:02:00Z",
            "x=1E+300000000 y=1E+20000000 z=[-2.5E-400000000] "
            "w=100000000000000000000 v=0.00000015",
            {
                "x": "1E+300000000",
                "y": "1E+20000000",
                "z": "[-2.5E-400000000]",
                "w": "100000000000000000000",
                "v": "0.00000015",
            },
        ),
        ("1709647320.5", "a time in seconds", {}),
    ]
    assert result.signals[1][0].at.start == utc(2024, 3, 5, 14, 2, 0, 500000)
    assert rejected(result) == [
        "export:2:1: warning: the record has no time; looked for @timestamp, "
        "timestamp, time, ts, datetime, date, t; ts is 1E+300000000 (too large for "
        "an epoch time)"
    ]


def test_a_utf16_file_with_a_byte_order_mark_is_read() -> None:
    text = "".join(
        f'{{"ts": "2024-03-05T13:02:0{n}Z", "msg": "café ✓ {n}"}}\n' for n in range(3)
    )
    text += "not a record\n"
    adapter = REGISTRY.get("jsonlines")
    for data, order in (
        (b"\xff\xfe" + text.encode("utf-16-le"), "little"),
        (b"\xfe\xff" + text.encode("utf-16-be"), "big"),
    ):
        result = parse_bytes(adapter, data, "win.log")
        assert [(s.summary, s.at.start) for s, _ in result.signals] == [
            (f"café ✓ {n}", utc(2024, 3, 5, 13, 2, n)) for n in range(3)
        ]
        assert [str(d) for d in result.notes] == [
            f"win.log: note: read as UTF-16 ({order}-endian), as the byte-order mark "
            "it starts with says"
        ]
        assert [str(d) for d in result.rejected] == [
            "win.log:4:1: warning: neither a JSON object nor a line led by a time: "
            f"expected {adapter.expected}"
        ]
        assert adapter.detect(sample_from("win.log", data)) == Detection(
            50, "lines of JSON objects with a time in 'ts'"
        )


def test_a_record_that_cannot_be_read_whole_is_rejected_as_one() -> None:
    next_record = '{"ts": "2024-03-05T13:02:00Z", "msg": "next"}\n'

    def spread(frames: int) -> str:
        return (
            '{"ts": "2024-03-05T13:02:00Z", "msg": "long",\n"trace": [\n'
            + '"frame",\n' * frames
            + '"end"]}\n'
        )

    # 6,004 lines: the record's 6,003 and the next one's.
    result = read_text("jsonlines", spread(6000) + next_record)
    assert [(s.summary, where.line) for s, where in result.signals] == [("next", 6004)]
    assert rejected(result) == [
        "export:1:1: warning: a record spread over 6,003 lines (1 to 6003) is not "
        "read: records are read whole up to 5,000 lines"
    ]
    at_limit = read_text("jsonlines", spread(4997) + next_record)
    assert [(s.summary, where.line) for s, where in at_limit.signals] == [
        ("long", 1),
        ("next", 5001),
    ]
    assert len(json.loads(at_limit.signals[0][0].labels["trace"])) == 4998
    over = read_text("jsonlines", spread(4998) + next_record)
    assert rejected(over) == [
        "export:1:1: warning: a record spread over 5,001 lines (1 to 5001) is not "
        "read: records are read whole up to 5,000 lines"
    ]


def test_why_a_record_spread_over_lines_is_rejected() -> None:
    result = read_text(
        "jsonlines",
        '{"ts": "2024-03-05T13:02:00Z", "msg": "line one\nline two\nline three"}\n'
        '{"ts": "2024-03-05T13:02:01Z",\n"msg": "cut",\n"x": [1,\n\n'
        '{"ts": "2024-03-05T13:02:02Z", "msg": oops}\nstray\n  more stray\n'
        '{"msg": "no time",\n"x": 1}\n'
        '{"ts": "2024-03-05T13:02:03Z",\n"msg": "whole", "x": {"y": [1,\n2]}}\n'
        '{"ts": "2024-03-05T13:02:04Z", "msg": "cut on the last line\n',
    )
    assert [(s.summary, s.labels, where.line) for s, where in result.signals] == [
        ("whole", {"x.y": "[1,2]"}, 13)
    ]
    assert rejected(result) == [
        "export:1:1: warning: a record spread over 3 lines (1 to 3) is not a JSON "
        "object: a line break inside a string at line 1 column 48",
        "export:4:1: warning: a record spread over 3 lines (4 to 6) is not a JSON "
        "object: it ends before the object closes",
        "export:8:1: warning: a record spread over 3 lines (8 to 10) is not a JSON "
        "object: Expecting value at line 8 column 39",
        "export:11:1: warning: the record has no time; looked for @timestamp, "
        "timestamp, time, ts, datetime, date, t",
        "export:16:1: warning: not a JSON object: Unterminated string starting at "
        "column 39",
    ]


def test_a_time_key_holding_a_huge_number_is_passed_over() -> None:
    line = '{"time": 1e300000000, "ts": 1709647320, "msg": "x"}\n'
    result = read_text("jsonlines", line)
    assert [(s.at.start, s.labels) for s, _ in result.signals] == [
        (utc(2024, 3, 5, 14, 2), {"time": "1E+300000000"})
    ]


def test_a_number_too_long_to_read_rejects_its_record_in_lores_words() -> None:
    line = '{"ts": "2024-03-05T13:02:00Z", "n": ' + "1" * 5000 + "}\n"
    result = read_text("jsonlines", line)
    assert rejected(result) == [
        "export:1:1: warning: not a JSON object: a number in it has more than 4,300 "
        "digits, which is more than lore reads"
    ]
