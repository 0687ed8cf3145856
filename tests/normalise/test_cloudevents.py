from __future__ import annotations

from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, rejected, rows, utc


def test_the_batch_passes_the_adapter_checks() -> None:
    check_adapter(
        REGISTRY.get("cloudevents"), [fixture("cloudevents", "batch-two-events.json")]
    )


def test_batch_of_two() -> None:
    result = read("cloudevents", "cloudevents", "batch-two-events.json")
    assert rows(result) == [
        ("cloudevents:/mycontext/4:B234-1234-1234", utc(2018, 4, 5, 17, 31), None),
        ("cloudevents:/mycontext/9:C234-1234-1234", utc(2018, 4, 5, 17, 31, 5), None),
    ]
    second = result.signals[1][0]
    assert second.summary == "com.example.someotherevent"
    assert second.labels["data.appinfoB"] == "123"
    assert second.labels["comexampleothervalue"] == "5"


def test_an_event_without_time_is_rejected_not_guessed() -> None:
    result = read("cloudevents", "cloudevents", "structured-no-time-base64-data.json")
    assert result.signals == []
    assert rejected(result) == [
        "structured-no-time-base64-data.json:1:1: warning: the event has no 'time' "
        "(CloudEvents allows that); a signal needs one, so it is not imported"
    ]
