from __future__ import annotations

from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, read_text, rejected, rows, utc


def test_every_file_passes_the_adapter_checks() -> None:
    check_adapter(REGISTRY.get("grafana"), sorted(fixture("grafana").glob("*.json")))


def test_mixed_group_keeps_each_alerts_own_status() -> None:
    result = read("grafana", "grafana", "mixed-firing-resolved-group.json")
    assert rows(result) == [
        (
            "grafana:aaafafe0953f0962:20220617T010400.782137Z",
            utc(2022, 6, 17, 1, 4, 0, 782137),
            utc(2022, 6, 17, 1, 8, 28, 652747),
        ),
        (
            "grafana:fb31814ac93dbe7d:20220617T010400.782137Z",
            utc(2022, 6, 17, 1, 4, 0, 782137),
            utc(2022, 6, 17, 1, 8, 28, 652747),
        ),
        (
            "grafana:6f9cd313db421ef1:20220617T010300.782137Z",
            utc(2022, 6, 17, 1, 3, 0, 782137),
            None,
        ),
    ]
    assert result.signals[2][0].summary == (
        "Second webhook test: Testing **another** failing alert"
    )


def test_go_time_strings_and_no_status() -> None:
    result = read("grafana", "grafana", "go-time-strings-no-status.json")
    ((signal, _),) = result.signals
    assert signal.id == "grafana:57c6d9296de2ad39:20260527T153600.112013Z"
    assert signal.at.text == "2026-05-27 15:36:00.112013015 +0000 UTC m=+8560.285724134"
    assert signal.at.start == utc(2026, 5, 27, 15, 36, 0, 112013)
    assert signal.ends_at is None
    assert signal.labels["_dummy"] == ""


def test_v11_values_and_second_precision() -> None:
    result = read("grafana", "grafana", "firing-values-v11.json")
    ((signal, _),) = result.signals
    assert (signal.id, signal.at.start, signal.ends_at) == (
        "grafana:e6349a25f5ef0e9e:20240301T020900Z",
        utc(2024, 3, 1, 2, 9),
        None,
    )
    assert signal.summary == "Memory (copy): High memory usage"


def test_truncated_alerts_are_reported() -> None:
    result = read("grafana", "grafana", "test-notification-resolved-truncated.json")
    assert rows(result) == [
        (
            "grafana:57c6d9296de2ad39:20220831T055404.522893Z",
            utc(2022, 8, 31, 5, 54, 4, 522893),
            utc(2022, 8, 31, 10, 30, 0, 522884),
        )
    ]
    assert rejected(result) == [
        "test-notification-resolved-truncated.json:38:24: warning: Grafana left 1 "
        "alert(s) out of this payload (truncatedAlerts: 1); they are not in the file"
    ]


def test_legacy_alerts_name_what_is_expected() -> None:
    result = read_text("grafana", '{"ruleId": 1, "evalMatches": [], "state": "ok"}')
    assert rejected(result) == [
        "export:1:1: warning: a legacy Grafana alert (before Grafana 8) is not "
        "supported: expected a JSON object with 'alerts', a list of alerts with "
        "'labels' and 'startsAt' (Grafana's unified alerting webhook body)"
    ]
