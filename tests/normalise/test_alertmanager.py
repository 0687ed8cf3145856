from __future__ import annotations

import pytest

from incidentlore.normalise.ids import label_fingerprint
from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, read_text, rejected, rows, utc

FILES = sorted(fixture("alertmanager").glob("*.json"))


def test_every_file_passes_the_adapter_checks() -> None:
    check_adapter(REGISTRY.get("alertmanager"), FILES)


@pytest.mark.parametrize(
    ("name", "count", "resolved"),
    [
        ("firing-large-group-19-alerts.json", 19, 0),
        ("firing-two-alerts-offset-nanos.json", 2, 0),
        ("resolved-operator-fingerprint.json", 1, 1),
        ("resolved-two-alerts-mixed-precision.json", 2, 2),
    ],
)
def test_counts(name: str, count: int, resolved: int) -> None:
    result = read("alertmanager", "alertmanager", name)
    assert len(result.signals) == count
    assert sum(1 for s, _ in result.signals if s.ends_at) == resolved
    assert result.rejected == []


def test_offset_and_nanoseconds_and_zero_end() -> None:
    result = read("alertmanager", "alertmanager", "firing-two-alerts-offset-nanos.json")
    assert rows(result) == [
        (
            "alertmanager:b94cbdf6935e6829:20180307T113321.873077Z",
            utc(2018, 3, 7, 11, 33, 21, 873077),
            None,
        ),
        (
            "alertmanager:3b1b9ffc68d34f1f:20180307T113321.873077Z",
            utc(2018, 3, 7, 11, 33, 21, 873077),
            None,
        ),
    ]
    first, where = result.signals[0]
    assert first.at.text == "2018-03-07T06:33:21.873077559-05:00"
    assert first.summary == "high_memory_load: Server High Memory usage"
    assert str(where) == "firing-two-alerts-offset-nanos.json:19:7"


def test_the_same_payload_fingerprint_on_two_label_sets_gives_two_signals() -> None:
    result = read(
        "alertmanager", "alertmanager", "resolved-two-alerts-mixed-precision.json"
    )
    assert rows(result) == [
        (
            "alertmanager:d7639280ae704875:20170509T070137.803Z",
            utc(2017, 5, 9, 7, 1, 37, 803000),
            utc(2017, 5, 9, 7, 8, 37, 818000),
        ),
        (
            "alertmanager:73156dd28f7bde77:20170509T070137.803Z",
            utc(2017, 5, 9, 7, 1, 37, 803000),
            utc(2017, 5, 9, 7, 8, 37, 818270),
        ),
    ]
    assert [s.severity for s, _ in result.signals] == ["severe", "critical"]
    assert [s.ends_at.text for s, _ in result.signals if s.ends_at] == [
        "2017-05-09T07:08:37.818Z",
        "2017-05-09T07:08:37.81827Z",
    ]


def test_large_group_shares_two_start_times() -> None:
    result = read("alertmanager", "alertmanager", "firing-large-group-19-alerts.json")
    starts = sorted({s.at.start for s, _ in result.signals})
    assert starts == [
        utc(2019, 1, 9, 15, 20, 40, 341301),
        utc(2019, 1, 10, 2, 58, 40, 360642),
    ]
    assert len({s.id for s, _ in result.signals}) == 19
    first, where = result.signals[0]
    assert first.labels["service"] == "infrastructurevmenvironmentcuser3cne1"
    assert first.labels["annotation.summary"] == (
        "Server is down. `infrastructure002A` - `user3environmentc`"
    )
    assert str(where) == "firing-large-group-19-alerts.json:22:13"


def test_resolved_operator_payload() -> None:
    result = read("alertmanager", "alertmanager", "resolved-operator-fingerprint.json")
    ((signal, _),) = result.signals
    assert signal.id == "alertmanager:f501e74540549ddb:20190128T202623.868893Z"
    assert (signal.at.start, signal.ends_at and signal.ends_at.start) == (
        utc(2019, 1, 28, 20, 26, 23, 868893),
        utc(2019, 1, 28, 20, 27, 23, 868893),
    )
    assert signal.summary == "CPUThrottlingHigh: CPU throttling"
    assert signal.url is not None and signal.url.endswith("&g0.tab=1")


def test_fingerprint_is_alertmanagers() -> None:
    # FNV-1a over sorted names and values, each followed by 0xff, as Prometheus does.
    assert label_fingerprint({}) == "cbf29ce484222325"
    assert label_fingerprint({"alertname": "high_memory_load"}) == "b94cbdf6935e6829"


def test_bad_alerts_are_rejected_one_by_one() -> None:
    result = read_text(
        "alertmanager",
        '{"status": "firing", "alerts": [\n'
        '{"labels": {"alertname": "a"}, "startsAt": "2020-01-01T00:00:00Z"},\n'
        '{"labels": {}, "startsAt": "2020-01-01T00:00:00Z"},\n'
        '{"labels": {"alertname": "c"}},\n'
        '{"labels": {"alertname": "d"}, "startsAt": "2020-01-01T00:00:00Z",'
        ' "status": "resolved", "endsAt": "2019-01-01T00:00:00Z"}]}',
    )
    assert len(result.signals) == 1
    assert rejected(result) == [
        "export:3:1: warning: the alert has no labels; an alert is named by its labels",
        "export:4:1: warning: 'startsAt' is missing; a signal needs a time",
        "export:5:1: warning: endsAt '2019-01-01T00:00:00Z' is before startsAt "
        "'2020-01-01T00:00:00Z'",
    ]


def test_another_shape_names_what_was_expected() -> None:
    result = read_text("alertmanager", '{"event": {"id": "x"}}')
    assert rejected(result) == [
        "export:1:1: warning: not an Alertmanager payload: expected a JSON object with "
        "'alerts', a list of alerts with 'labels' and 'startsAt' (Alertmanager's "
        "webhook body, version 4)"
    ]
