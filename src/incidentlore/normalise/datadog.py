"""Datadog monitor webhook payloads (the default body and the classic one).

Each notification is its own event with its own `event_id`, so a trigger and the
recovery that follows are two signals; `date` is epoch milliseconds, often as text.
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
from incidentlore.normalise.ids import digest, signal_id
from incidentlore.normalise.payloads import Payload, PayloadAdapter, first_payload

LABELS = (
    "alert_transition",
    "alert_type",
    "alert_id",
    "alert_priority",
    "event_type",
    "priority",
    "hostname",
)
TIME_KEYS = ("date", "last_updated")
MARKERS = ("alert_transition", "event_type", "last_updated", "event_tags")


class DatadogAdapter(PayloadAdapter):
    name = "datadog"
    title = "Datadog monitor webhook payloads"
    expected = (
        "a JSON object with 'title' and 'date' or 'last_updated' (epoch "
        "milliseconds), as Datadog's webhook integration sends"
    )

    def detect(self, sample: Sample) -> Detection | None:
        payload = first_payload(sample)
        if not payload or "title" not in payload:
            return None
        markers = [key for key in MARKERS if key in payload]
        if not markers or not any(key in payload for key in TIME_KEYS):
            return None
        shown = ", ".join(f"'{key}'" for key in markers)
        return Detection(85, f"a 'title', a 'date' and Datadog's fields {shown}")

    def payload(self, item: Payload) -> None:
        payload = mapping(item.value, "the payload")
        key = next((k for k in TIME_KEYS if payload.get(k) not in (None, "")), None)
        if key is None or "title" not in payload:
            raise BadRecord(f"not a Datadog webhook payload: expected {self.expected}")
        labels = _labels(payload)
        identity = optional_text(payload, "event_id") or optional_text(payload, "id")
        signal = new_signal(
            id=signal_id(self.name, identity or digest(item.located.file.data)),
            source=self.name,
            kind=SignalKind.ALERT,
            at=required_time(payload, key, item.context.zone),
            summary=one_line(text(payload, "title")),
            severity=labels.get("alert_priority") or labels.get("priority"),
            labels=labels,
            url=http_url(payload.get("link")),
        )
        item.add(signal)


def _labels(payload: dict[str, Any]) -> dict[str, str]:
    found = {key: optional_text(payload, key) for key in LABELS}
    labels = {key: value for key, value in found.items() if value}
    tags = payload.get("event_tags") or payload.get("tags")
    if isinstance(tags, str):
        tags = tags.split(",")
    if isinstance(tags, list):
        for tag in tags:
            name, _, value = str(tag).strip().partition(":")
            if name:
                earlier = labels.get(name)
                labels[name] = f"{earlier},{value}" if earlier else value
    return labels
