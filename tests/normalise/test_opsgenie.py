from __future__ import annotations

from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, read_text, rejected, utc

ALERT = "052652ac-5d1c-464a-812a-7dd18bbfba8c"


def test_every_file_passes_the_adapter_checks() -> None:
    check_adapter(REGISTRY.get("opsgenie"), sorted(fixture("opsgenie").glob("*.json")))


def test_lifecycle_across_files_is_kept_and_ordered_by_nanoseconds() -> None:
    found = [
        read("opsgenie", "opsgenie", name).signals[0][0]
        for name in ("alert-close.json", "alert-addnote.json", "alert-acknowledge.json")
    ]
    ordered = sorted(found, key=lambda s: s.at.start)
    assert [(s.id, s.at.text, s.at.start) for s in ordered] == [
        (
            f"opsgenie:{ALERT}:acknowledge:1420452224764002246",
            "1420452224764002246",
            utc(2015, 1, 5, 10, 3, 44, 764002),
        ),
        (
            f"opsgenie:{ALERT}:addnote:1420452275002000962",
            "1420452275002000962",
            utc(2015, 1, 5, 10, 4, 35, 2000),
        ),
        (
            f"opsgenie:{ALERT}:close:1420452374669001603",
            "1420452374669001603",
            utc(2015, 1, 5, 10, 6, 14, 669001),
        ),
    ]
    assert [s.summary for s in ordered] == [
        "Acknowledge: test alert",
        "Note on test alert: note to test alert",
        "Close: test alert",
    ]


def test_create_uses_the_nanosecond_update_time() -> None:
    ((signal, _),) = read("opsgenie", "opsgenie", "alert-create.json").signals
    assert signal.id == (
        "opsgenie:ec03dad6-62c8-4c94-b38b-d88f398e900f:create:1502709956288000110"
    )
    assert signal.at.start == utc(2017, 8, 14, 11, 25, 56, 288000)
    assert signal.labels == {
        "alertId": "ec03dad6-62c8-4c94-b38b-d88f398e900f",
        "tinyId": "2",
        "alias": "alert-alias",
        "entity": "Server",
        "source": "test@example.com",
        "username": "test@example.com",
        "priority": "3",
        "tags": "vip",
        "action": "Create",
        "integration": "Webhook",
    }


def test_a_payload_without_times_is_rejected() -> None:
    result = read_text("opsgenie", '{"action": "Close", "alert": {"alertId": "a"}}')
    assert rejected(result) == [
        "export:1:1: warning: 'alert.createdAt' is missing; a signal needs a time"
    ]
