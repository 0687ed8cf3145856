"""CloudEvents 1.0 in the JSON format: one structured event, or a batch (an array).

An event is named by its `source` and `id`, as the specification says. `time` is
optional there, but a signal needs one: an event without it is rejected, not guessed.
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
    scalar,
    text,
    time,
)
from incidentlore.normalise.ids import signal_id
from incidentlore.normalise.payloads import Payload, PayloadAdapter, first_payload

REQUIRED = ("specversion", "id", "source", "type")
DATA_KEYS = ("data", "data_base64")


class CloudEventsAdapter(PayloadAdapter):
    name = "cloudevents"
    title = "CloudEvents 1.0, JSON format (structured events and batches)"
    expected = (
        "a JSON object (or an array of them) with 'specversion', 'id', 'source', "
        "'type' and 'time'"
    )

    def detect(self, sample: Sample) -> Detection | None:
        payload = first_payload(sample)
        if payload and all(key in payload for key in REQUIRED):
            return Detection(98, "'specversion', 'id', 'source' and 'type'")
        return None

    def payload(self, item: Payload) -> None:
        event = mapping(item.value, "the event")
        if "specversion" not in event:
            raise BadRecord(f"not a CloudEvent: expected {self.expected}")
        at = time(event, "time", item.context.zone)
        if at is None:
            raise BadRecord(
                "the event has no 'time' (CloudEvents allows that); a signal needs "
                "one, so it is not imported"
            )
        kind = text(event, "type")
        subject = optional_text(event, "subject")
        signal = new_signal(
            id=signal_id(self.name, text(event, "source"), text(event, "id")),
            source=self.name,
            kind=SignalKind.EVENT,
            at=at,
            summary=one_line(f"{kind}: {subject}" if subject else kind),
            labels=_labels(event),
            url=http_url(event.get("source")),
        )
        item.add(signal)


def _labels(event: dict[str, Any]) -> dict[str, str]:
    labels = {
        key: scalar(value)
        for key, value in event.items()
        if key not in DATA_KEYS and key != "time" and not isinstance(value, dict | list)
    }
    data = event.get("data")
    if isinstance(data, dict):
        labels |= {
            f"data.{key}": scalar(value)
            for key, value in data.items()
            if not isinstance(value, dict | list)
        }
    return labels
