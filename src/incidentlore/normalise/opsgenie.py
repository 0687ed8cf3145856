"""Opsgenie alert webhook payloads: `{"action": ..., "alert": {...}}`.

An alert's life arrives as one payload per action (Create, Acknowledge, AddNote,
Close...). Each is its own signal, named by the alert id, the action and the time, and
ordered by `updatedAt`, which Opsgenie writes in nanoseconds (read as an integer).
"""

from __future__ import annotations

from typing import Any

from incidentlore.model.signal import SignalKind
from incidentlore.normalise.adapter import BadRecord, Detection, Sample, new_signal
from incidentlore.normalise.fields import epoch, mapping, one_line, optional_text, text
from incidentlore.normalise.ids import signal_id
from incidentlore.normalise.payloads import Payload, PayloadAdapter, first_payload

KINDS = {"Create": SignalKind.ALERT, "AddNote": SignalKind.COMMUNICATION}
LABELS = ("alertId", "tinyId", "alias", "entity", "source", "username", "priority")


class OpsgenieAdapter(PayloadAdapter):
    name = "opsgenie"
    title = "Opsgenie alert webhook payloads"
    expected = (
        "a JSON object with 'action' and 'alert' holding 'alertId' and "
        "'createdAt' or 'updatedAt' (Opsgenie's webhook body)"
    )

    def detect(self, sample: Sample) -> Detection | None:
        payload = first_payload(sample)
        alert = payload.get("alert") if payload else None
        if not payload or not isinstance(alert, dict) or "action" not in payload:
            return None
        if "alertId" not in alert:
            return None
        return Detection(95, "an 'action' and an 'alert' with 'alertId'")

    def payload(self, item: Payload) -> None:
        payload = mapping(item.value, "the payload")
        alert = payload.get("alert")
        if not isinstance(alert, dict) or "action" not in payload:
            raise BadRecord(f"not an Opsgenie payload: expected {self.expected}")
        action = text(payload, "action")
        key = "updatedAt" if alert.get("updatedAt") is not None else "createdAt"
        at = epoch(alert.get(key), what=f"alert.{key}")
        alert_id = text(alert, "alertId", "alert.alertId")
        signal = new_signal(
            id=signal_id(self.name, alert_id, action.lower(), at.text),
            source=self.name,
            kind=KINDS.get(action, SignalKind.ACTION),
            at=at,
            summary=_summary(action, alert),
            severity=optional_text(alert, "priority"),
            labels=_labels(action, payload, alert),
        )
        item.add(signal)


def _summary(action: str, alert: dict[str, Any]) -> str:
    message = optional_text(alert, "message") or optional_text(alert, "alias") or ""
    if action == "AddNote" and optional_text(alert, "note"):
        return one_line(f"Note on {message}: {alert['note']}")
    return one_line(f"{action}: {message}" if message else action)


def _labels(
    action: str, payload: dict[str, Any], alert: dict[str, Any]
) -> dict[str, str]:
    found = {key: optional_text(alert, key) for key in LABELS}
    tags = alert.get("tags")
    if isinstance(tags, list) and tags:
        found["tags"] = ",".join(str(tag) for tag in tags)
    found["action"] = action
    found["integration"] = optional_text(payload, "integrationName")
    return {key: value for key, value in found.items() if value}
