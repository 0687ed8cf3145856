"""Kubernetes Events: `kubectl get events -o json` lists, core v1 and events.k8s.io/v1.

An event is named by its uid. Repeated events are aggregated by Kubernetes into one
object with a count, so the signal runs from the first to the last time it was seen.
Which times are set depends on who wrote the event: kubelet writes first/last
timestamps, newer components only `eventTime` (and `series` when it repeats).
"""

from __future__ import annotations

from typing import Any

from incidentlore.model.signal import SignalKind
from incidentlore.model.times import Instant
from incidentlore.normalise.adapter import BadRecord, Detection, Sample, new_signal
from incidentlore.normalise.fields import mapping, one_line, optional_text, time
from incidentlore.normalise.ids import signal_id
from incidentlore.normalise.payloads import Payload, PayloadAdapter, first_payload

START_KEYS = ("firstTimestamp", "deprecatedFirstTimestamp", "eventTime")
END_KEYS = ("lastTimestamp", "deprecatedLastTimestamp")


class KubernetesAdapter(PayloadAdapter):
    name = "kubernetes"
    title = "Kubernetes Event lists (core v1 and events.k8s.io/v1)"
    expected = (
        "an EventList (a JSON object with 'items'), a list of Events, or Events "
        "one after another, each with 'metadata', 'reason' and a time"
    )

    def detect(self, sample: Sample) -> Detection | None:
        payload = first_payload(sample)
        if payload is None:
            return None
        kind = payload.get("kind")
        if kind in ("EventList", "Event"):
            return Detection(95, f"kind: {kind}")
        items = payload.get("items")
        first = items[0] if isinstance(items, list) and items else payload
        if isinstance(first, dict) and (
            "involvedObject" in first or "regarding" in first
        ):
            return Detection(80, "events with 'involvedObject' or 'regarding'")
        return None

    def payload(self, item: Payload) -> None:
        payload = mapping(item.value, "the document")
        events = payload.get("items")
        if not isinstance(events, list):
            self._event(item)
            return
        for index, event in enumerate(events):
            with item.result.record(item.at("items", index)):
                self._event(item.part(event, "items", index))

    def _event(self, item: Payload) -> None:
        event = mapping(item.value, "the event")
        metadata = event.get("metadata")
        if not isinstance(metadata, dict) or "reason" not in event:
            raise BadRecord(f"not a Kubernetes Event: expected {self.expected}")
        start, end = _times(event, metadata, item.context.zone)
        labels = _labels(event, metadata)
        identity = optional_text(metadata, "uid") or "/".join(
            part
            for part in (labels.get("namespace"), optional_text(metadata, "name"))
            if part
        )
        if not identity:
            raise BadRecord("the event has neither metadata.uid nor metadata.name")
        signal = new_signal(
            id=signal_id(self.name, identity),
            source=self.name,
            kind=SignalKind.EVENT,
            at=start,
            ends_at=end,
            summary=_summary(event, labels),
            severity=optional_text(event, "type"),
            labels=labels,
        )
        item.add(signal)


def _times(
    event: dict[str, Any], metadata: dict[str, Any], zone: str | None
) -> tuple[Instant, Instant | None]:
    start = next(
        (found for key in START_KEYS if (found := time(event, key, zone))),
        None,
    ) or time(metadata, "creationTimestamp", zone, "metadata.creationTimestamp")
    if start is None:
        raise BadRecord(
            "the event has no time: firstTimestamp, eventTime and "
            "metadata.creationTimestamp are all empty"
        )
    series = event.get("series")
    end = next((found for key in END_KEYS if (found := time(event, key, zone))), None)
    if end is None and isinstance(series, dict):
        end = time(series, "lastObservedTime", zone, "series.lastObservedTime")
    if end is not None and end.start <= start.start:
        end = None
    return start, end


def _labels(event: dict[str, Any], metadata: dict[str, Any]) -> dict[str, str]:
    regarding = event.get("involvedObject") or event.get("regarding")
    regarding = regarding if isinstance(regarding, dict) else {}
    source = event.get("source")
    source = source if isinstance(source, dict) else {}
    series = event.get("series")
    count = event.get("count") or event.get("deprecatedCount")
    if count is None and isinstance(series, dict):
        count = series.get("count")
    found = {
        "namespace": optional_text(regarding, "namespace")
        or optional_text(metadata, "namespace"),
        "object": "/".join(
            part
            for part in (
                optional_text(regarding, "kind"),
                optional_text(regarding, "name"),
            )
            if part
        ),
        "reason": optional_text(event, "reason"),
        "type": optional_text(event, "type"),
        "count": optional_text({"count": count}, "count"),
        "component": optional_text(source, "component")
        or optional_text(event, "reportingComponent")
        or optional_text(event, "reportingController"),
        "host": optional_text(source, "host"),
        "action": optional_text(event, "action"),
    }
    return {key: value for key, value in found.items() if value}


def _summary(event: dict[str, Any], labels: dict[str, str]) -> str:
    message = optional_text(event, "message") or optional_text(event, "note") or ""
    head = " ".join(
        part for part in (labels.get("object"), labels.get("reason")) if part
    )
    count = labels.get("count", "1")
    if count not in ("0", "1"):
        head += f" ({count} times)"
    return one_line(f"{head}: {message}" if message else head)
