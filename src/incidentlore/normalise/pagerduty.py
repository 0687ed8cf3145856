"""PagerDuty v3 webhook payloads: `{"event": {...}}`, one signal per event.

The event's own id names the signal, so the lifecycle of one incident (triggered,
acknowledged, annotated, resolved) stays a list of distinct, ordered signals.
"""

from __future__ import annotations

from typing import Any

from incidentlore.model.signal import SignalKind
from incidentlore.normalise.adapter import BadRecord, Detection, Sample, new_signal
from incidentlore.normalise.fields import (
    http_url,
    mapping,
    one_line,
    optional_text,
    required_time,
    text,
)
from incidentlore.normalise.ids import signal_id
from incidentlore.normalise.payloads import Payload, PayloadAdapter, first_payload

KINDS = {
    "incident.triggered": SignalKind.PAGE,
    "incident.annotated": SignalKind.COMMUNICATION,
    "incident.status_update_published": SignalKind.COMMUNICATION,
}


class PagerDutyAdapter(PayloadAdapter):
    name = "pagerduty"
    title = "PagerDuty v3 webhook payloads"
    expected = (
        "a JSON object with 'event' holding 'id', 'event_type' and 'occurred_at' "
        "(PagerDuty's v3 webhook body)"
    )

    def detect(self, sample: Sample) -> Detection | None:
        payload = first_payload(sample)
        event = payload.get("event") if payload else None
        if isinstance(event, dict) and "event_type" in event and "occurred_at" in event:
            return Detection(95, "an 'event' with 'event_type' and 'occurred_at'")
        return None

    def payload(self, item: Payload) -> None:
        payload = mapping(item.value, "the payload")
        event = payload.get("event", payload)
        if not isinstance(event, dict) or "event_type" not in event:
            raise BadRecord(f"not a PagerDuty v3 payload: expected {self.expected}")
        event_type = text(event, "event_type")
        data = event.get("data")
        data = data if isinstance(data, dict) else {}
        incident = data.get("incident") if data.get("type") != "incident" else data
        incident = incident if isinstance(incident, dict) else {}
        labels = _labels(event_type, event, data, incident)
        signal = new_signal(
            id=signal_id(self.name, text(event, "id")),
            source=self.name,
            kind=KINDS.get(event_type, SignalKind.ACTION),
            at=required_time(event, "occurred_at", item.context.zone),
            summary=_summary(event_type, event, data, incident),
            severity=labels.get("priority") or labels.get("urgency"),
            labels=labels,
            url=http_url(incident.get("html_url")),
        )
        item.add(signal)


def _name(value: Any) -> str | None:
    return optional_text(value, "summary") if isinstance(value, dict) else None


def _labels(
    event_type: str,
    event: dict[str, Any],
    data: dict[str, Any],
    incident: dict[str, Any],
) -> dict[str, str]:
    found = {
        "event_type": event_type,
        "incident": optional_text(incident, "id"),
        "incident_number": optional_text(incident, "number"),
        "status": optional_text(data, "status"),
        "urgency": optional_text(data, "urgency"),
        "priority": _name(data.get("priority")),
        "service": _name(data.get("service")),
        "agent": _name(event.get("agent")),
    }
    return {key: value for key, value in found.items() if value}


def _summary(
    event_type: str,
    event: dict[str, Any],
    data: dict[str, Any],
    incident: dict[str, Any],
) -> str:
    action = event_type.removeprefix("incident.").replace("_", " ")
    title = optional_text(incident, "title") or _name(incident) or "incident"
    agent = _name(event.get("agent"))
    if event_type == "incident.annotated":
        note = optional_text(data, "content") or ""
        return one_line(f"Note on {title}: {note}" if note else f"Note on {title}")
    by = f" by {agent}" if agent and event_type != "incident.triggered" else ""
    return one_line(f"{action.capitalize()}{by}: {title}")
