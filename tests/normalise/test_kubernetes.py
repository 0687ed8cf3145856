from __future__ import annotations

from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, read_text, rejected, rows, utc


def test_every_file_passes_the_adapter_checks() -> None:
    check_adapter(
        REGISTRY.get("kubernetes"), sorted(fixture("kubernetes").glob("*.json"))
    )


def test_core_v1_event_list() -> None:
    result = read("kubernetes", "kubernetes", "eventlist-crashloop-backoff.json")
    assert len(result.signals) == 17
    by_id = {s.id: s for s, _ in result.signals}
    scheduled = by_id["kubernetes:cfdfe0af-6dc5-4c6c-a3be-f1532d424ab4"]
    assert (scheduled.at.text, scheduled.at.start, scheduled.ends_at) == (
        "2023-07-11T03:31:41.548190Z",
        utc(2023, 7, 11, 3, 31, 41, 548190),
        None,
    )
    backoff = by_id["kubernetes:2dbed976-4a5d-42f8-8cd7-8778f2382b7a"]
    assert (backoff.at.start, backoff.ends_at and backoff.ends_at.start) == (
        utc(2023, 7, 11, 3, 32, 15),
        utc(2023, 7, 11, 3, 56, 47),
    )
    assert backoff.summary == (
        "Pod/init-demo BackOff (111 times): Back-off restarting failed container"
    )
    assert backoff.severity == "Warning"
    # Sorted by name in the file, the two oldest events come last.
    assert rows(result)[-2:] == [
        (
            "kubernetes:380bec72-7cfd-4a00-85ff-8725c9fc28f9",
            utc(2023, 7, 9, 23, 53, 9),
            utc(2023, 7, 11, 3, 31, 29),
        ),
        (
            "kubernetes:bab0a7d9-61a5-43a1-813c-ed2d050aee34",
            utc(2023, 7, 9, 23, 57, 26),
            utc(2023, 7, 11, 3, 27, 3),
        ),
    ]


def test_events_k8s_io_v1_list() -> None:
    result = read("kubernetes", "kubernetes", "events-k8s-io-v1-list.json")
    assert rows(result) == [
        (
            "kubernetes:2dbed976-4a5d-42f8-8cd7-8778f2382b7a",
            utc(2023, 7, 11, 3, 32, 15),
            utc(2023, 7, 11, 3, 56, 47),
        ),
        (
            "kubernetes:12009dc6-123f-488f-9b1f-412930c8d28d",
            utc(2023, 7, 11, 4, 1, 16, 23486),
            utc(2023, 7, 11, 4, 5, 16, 500000),
        ),
    ]
    assert [s.summary for s, _ in result.signals] == [
        "Pod/init-demo BackOff (111 times): Back-off restarting failed container",
        "Pod/init-demo2 Scheduled (3 times): Successfully assigned "
        "default/init-demo2 to minikube",
    ]
    assert result.signals[1][0].labels["component"] == "default-scheduler"


def test_an_event_without_any_time_is_rejected() -> None:
    result = read_text(
        "kubernetes",
        '{"kind": "Event", "metadata": {"uid": "u"}, "reason": "X",'
        ' "firstTimestamp": null, "eventTime": null}',
    )
    assert rejected(result) == [
        "export:1:1: warning: the event has no time: firstTimestamp, eventTime and "
        "metadata.creationTimestamp are all empty"
    ]
