"""Prometheus Alertmanager webhook payloads (`version: "4"`).

The id of an alert is its fingerprint and `startsAt`. The fingerprint is computed from
the labels the way Alertmanager computes it, because forwarded and hand-made payloads
carry fingerprints that do not match their labels (or none at all).
"""

from __future__ import annotations

from typing import Any

from incidentlore.normalise.adapter import BadRecord, Detection, Sample
from incidentlore.normalise.alerting import alert_signals
from incidentlore.normalise.fields import mapping
from incidentlore.normalise.grafana import grafana_markers
from incidentlore.normalise.ids import label_fingerprint
from incidentlore.normalise.payloads import Payload, PayloadAdapter, first_payload


class AlertmanagerAdapter(PayloadAdapter):
    name = "alertmanager"
    title = "Prometheus Alertmanager webhook payloads"
    expected = (
        "a JSON object with 'alerts', a list of alerts with 'labels' and 'startsAt' "
        "(Alertmanager's webhook body, version 4)"
    )

    def detect(self, sample: Sample) -> Detection | None:
        payload = first_payload(sample)
        if payload is None or not _has_alerts(payload):
            return None
        if grafana_markers(payload):
            return Detection(30, "an 'alerts' list, but with Grafana's fields")
        if payload.get("version") == "4":
            return Detection(90, "an 'alerts' list with 'startsAt' and version \"4\"")
        return Detection(70, "an 'alerts' list whose alerts have 'startsAt'")

    def payload(self, item: Payload) -> None:
        payload = mapping(item.value, "the payload")
        if not isinstance(payload.get("alerts"), list):
            raise BadRecord(f"not an Alertmanager payload: expected {self.expected}")
        alert_signals(self.name, item, lambda alert, labels: label_fingerprint(labels))


def _has_alerts(payload: dict[str, Any]) -> bool:
    alerts = payload.get("alerts")
    return (
        isinstance(alerts, list)
        and bool(alerts)
        and isinstance(alerts[0], dict)
        and "startsAt" in alerts[0]
    )
