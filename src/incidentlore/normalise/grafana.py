"""Grafana alerting webhook payloads, Grafana 8 to 11 (unified alerting).

The shape is Alertmanager's with Grafana's additions (`orgId`, `title`, `state`,
per-alert `silenceURL`, `dashboardURL`, `panelURL`, `values`, `valueString`). Grafana's
own fingerprint names an alert: it covers labels Grafana does not send, so it cannot be
recomputed here; a payload without one gets Alertmanager's fingerprint of the labels.
"""

from __future__ import annotations

import re
from typing import Any

from incidentlore.normalise.adapter import BadRecord, Detection, Sample
from incidentlore.normalise.alerting import alert_signals
from incidentlore.normalise.fields import mapping
from incidentlore.normalise.ids import label_fingerprint
from incidentlore.normalise.payloads import Payload, PayloadAdapter, first_payload

ALERT_MARKERS = ("silenceURL", "dashboardURL", "panelURL", "valueString", "values")
PAYLOAD_MARKERS = ("orgId", "truncatedAlerts")
LEGACY_MARKERS = ("evalMatches", "ruleId", "ruleUrl")
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")


def grafana_markers(payload: dict[str, Any]) -> list[str]:
    """The fields in `payload` that only Grafana sends."""
    found = [key for key in PAYLOAD_MARKERS if key in payload]
    alerts = payload.get("alerts")
    if isinstance(alerts, list):
        for alert in alerts:
            if isinstance(alert, dict):
                found += [
                    key for key in ALERT_MARKERS if key in alert and key not in found
                ]
    return found


class GrafanaAdapter(PayloadAdapter):
    name = "grafana"
    title = "Grafana alerting webhook payloads (Grafana 8 to 11)"
    expected = (
        "a JSON object with 'alerts', a list of alerts with 'labels' and 'startsAt' "
        "(Grafana's unified alerting webhook body)"
    )

    def detect(self, sample: Sample) -> Detection | None:
        payload = first_payload(sample)
        if payload is None:
            return None
        if "alerts" not in payload and any(key in payload for key in LEGACY_MARKERS):
            return Detection(40, "Grafana's legacy alert fields (before Grafana 8)")
        markers = grafana_markers(payload)
        if not isinstance(payload.get("alerts"), list) or not markers:
            return None
        shown = ", ".join(f"'{key}'" for key in markers[:3])
        return Detection(95, f"an 'alerts' list with Grafana's fields {shown}")

    def payload(self, item: Payload) -> None:
        payload = mapping(item.value, "the payload")
        if "alerts" not in payload and any(key in payload for key in LEGACY_MARKERS):
            raise BadRecord(
                "a legacy Grafana alert (before Grafana 8) is not supported: "
                f"expected {self.expected}"
            )
        if not isinstance(payload.get("alerts"), list):
            raise BadRecord(f"not a Grafana alerting payload: expected {self.expected}")
        alert_signals(self.name, item, _fingerprint)
        left_out = payload.get("truncatedAlerts")
        if (
            isinstance(left_out, int)
            and not isinstance(left_out, bool)
            and left_out > 0
        ):
            item.result.reject(
                item.at("truncatedAlerts"),
                f"Grafana left {left_out} alert(s) out of this payload "
                f"(truncatedAlerts: {left_out}); they are not in the file",
            )


def _fingerprint(alert: dict[str, Any], labels: dict[str, str]) -> str:
    given = alert.get("fingerprint")
    if isinstance(given, str) and _FINGERPRINT.fullmatch(given):
        return given
    return label_fingerprint(labels)
