from __future__ import annotations

import pytest

from incidentlore.model.signal import SignalKind
from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, read_text, rejected, utc


def test_every_file_passes_the_adapter_checks() -> None:
    check_adapter(
        REGISTRY.get("pagerduty"), sorted(fixture("pagerduty").glob("*.json"))
    )


@pytest.mark.parametrize(
    ("name", "signal_id", "at", "kind", "summary"),
    [
        (
            "v3-incident-triggered.json",
            "pagerduty:01BZYIL05THJDFF2Y08X9SVMTU",
            utc(2021, 6, 4, 13, 35, 29, 781000),
            SignalKind.PAGE,
            "Triggered: Test Incident 3",
        ),
        (
            "v3-incident-acknowledged.json",
            "pagerduty:01BZYK8N47N5JG55J1EEEHPEJI",
            utc(2021, 6, 4, 13, 55, 30, 394000),
            SignalKind.ACTION,
            "Acknowledged by PIG 208: Test Incident",
        ),
        (
            "v3-incident-resolved.json",
            "pagerduty:01BZYH1JJY09P9LEIST8HG2PMN",
            utc(2021, 6, 4, 13, 16, 53, 816000),
            SignalKind.ACTION,
            "Resolved by PIG 208: Test Incident",
        ),
        (
            "v3-incident-annotated-note.json",
            "pagerduty:01GI0KTE33V5QXBVIJDEVJFUNE",
            utc(2026, 4, 1, 2, 18, 59, 674000),
            SignalKind.COMMUNICATION,
            "Note on Critical: Checkout API High Latency: Running KILL on "
            "long-running queries from the reporting-service.",
        ),
    ],
)
def test_each_event(
    name: str, signal_id: str, at: object, kind: SignalKind, summary: str
) -> None:
    result = read("pagerduty", "pagerduty", name)
    ((signal, where),) = result.signals
    assert (signal.id, signal.at.start, signal.kind, signal.summary) == (
        signal_id,
        at,
        kind,
        summary,
    )
    assert str(where) == f"{name}:1:1"


def test_labels_name_the_incident_and_service() -> None:
    ((signal, _),) = read(
        "pagerduty", "pagerduty", "v3-incident-triggered.json"
    ).signals
    assert signal.labels == {
        "event_type": "incident.triggered",
        "incident": "PFQZPSY",
        "incident_number": "9",
        "status": "triggered",
        "urgency": "high",
        "service": "pig208",
        "agent": "PIG 208",
    }
    assert signal.severity == "high"
    assert signal.url == "https://pig208.pagerduty.com/incidents/PFQZPSY"


def test_v2_payloads_are_named_as_unsupported() -> None:
    result = read_text("pagerduty", '{"messages": [{"event": "incident.trigger"}]}')
    assert rejected(result) == [
        "export:1:1: warning: not a PagerDuty v3 payload: expected a JSON object with "
        "'event' holding 'id', 'event_type' and 'occurred_at' (PagerDuty's v3 "
        "webhook body)"
    ]
