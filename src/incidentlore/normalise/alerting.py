"""Alerts in Alertmanager's webhook shape, which Grafana's payloads share.

Each alert becomes one signal from `startsAt` to `endsAt`. `endsAt` counts only once
the alert is resolved: a firing alert's `endsAt` is Go's zero time or, in some
versions, the time Alertmanager would resolve it by itself, and neither is an end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from incidentlore.model.signal import Signal, SignalKind
from incidentlore.normalise.adapter import BadRecord, Context, new_signal
from incidentlore.normalise.fields import (
    http_url,
    items,
    mapping,
    one_line,
    optional_text,
    required_time,
    scalar,
    time,
)
from incidentlore.normalise.ids import instant_key, signal_id
from incidentlore.normalise.payloads import Payload

ANNOTATION_PREFIX = "annotation."
SUMMARY_ANNOTATIONS = ("summary", "message", "description")

# (alert, its labels) -> the fingerprint that, with startsAt, names the alert.
Fingerprint = Callable[[dict[str, Any], dict[str, str]], str]


def alert_signals(source: str, item: Payload, fingerprint: Fingerprint) -> None:
    payload = mapping(item.value, "the payload")
    alerts = items(payload.get("alerts"), "'alerts'")
    group_status = payload.get("status")
    for index, alert in enumerate(alerts):
        with item.result.record(item.at("alerts", index)):
            alert = mapping(alert, f"alerts[{index}]")
            signal = _signal(source, alert, group_status, item.context, fingerprint)
            item.add(signal, "alerts", index)


def _signal(
    source: str,
    alert: dict[str, Any],
    group_status: Any,
    context: Context,
    fingerprint: Fingerprint,
) -> Signal:
    labels = {key: scalar(value) for key, value in _labels(alert).items()}
    starts = required_time(alert, "startsAt", context.zone)
    status = alert.get("status") or group_status
    ends = time(alert, "endsAt", context.zone) if status == "resolved" else None
    if ends is not None and ends.start < starts.start:
        raise BadRecord(f"endsAt {ends.text!r} is before startsAt {starts.text!r}")
    annotations = alert.get("annotations")
    annotations = annotations if isinstance(annotations, dict) else {}
    return new_signal(
        id=signal_id(source, fingerprint(alert, labels), instant_key(starts)),
        source=source,
        kind=SignalKind.ALERT,
        at=starts,
        ends_at=ends,
        summary=_summary(labels, annotations),
        severity=labels.get("severity"),
        labels=labels
        | {
            ANNOTATION_PREFIX + key: scalar(value) for key, value in annotations.items()
        },
        url=http_url(alert.get("generatorURL")),
    )


def _labels(alert: dict[str, Any]) -> dict[str, Any]:
    found = alert.get("labels")
    if not isinstance(found, dict) or not found:
        raise BadRecord("the alert has no labels; an alert is named by its labels")
    return found


def _summary(labels: dict[str, str], annotations: dict[str, Any]) -> str:
    name = labels.get("alertname", "")
    for key in SUMMARY_ANNOTATIONS:
        text = optional_text(annotations, key)
        if text:
            line = one_line(text)
            return line if not name or name in line else f"{name}: {line}"
    return name or one_line(", ".join(f"{k}={v}" for k, v in sorted(labels.items())))
