"""GitHub `deployment` and `deployment_status` webhook events.

A deployment is named by its id; a status by the deployment id, the status id and its
state, because example and replayed payloads reuse ids across unrelated deliveries.
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


class GitHubAdapter(PayloadAdapter):
    name = "github"
    title = "GitHub deployment and deployment_status webhook events"
    expected = (
        "a JSON object with 'deployment' (and 'deployment_status' for status "
        "events), as GitHub sends for deployment and deployment_status"
    )

    def detect(self, sample: Sample) -> Detection | None:
        payload = first_payload(sample)
        deployment = payload.get("deployment") if payload else None
        if not isinstance(deployment, dict) or "environment" not in deployment:
            return None
        if payload and "deployment_status" in payload:
            return Detection(95, "a 'deployment_status' with its 'deployment'")
        return Detection(95, "a 'deployment' with an 'environment'")

    def payload(self, item: Payload) -> None:
        payload = mapping(item.value, "the payload")
        deployment = payload.get("deployment")
        if not isinstance(deployment, dict):
            raise BadRecord(f"not a GitHub deployment event: expected {self.expected}")
        deployment_id = text(deployment, "id", "deployment.id")
        labels = _labels(payload, deployment)
        what = _what(deployment_id, labels)
        status = payload.get("deployment_status")
        if status is None:
            signal = new_signal(
                id=signal_id(self.name, "deployment", deployment_id),
                source=self.name,
                kind=SignalKind.DEPLOY,
                at=required_time(
                    deployment, "created_at", what="deployment.created_at"
                ),
                summary=one_line(f"{what} created"),
                labels=labels,
                url=_url(payload, deployment),
            )
            item.add(signal, "deployment")
            return
        status = mapping(status, "deployment_status")
        state = text(status, "state", "deployment_status.state")
        description = optional_text(status, "description")
        signal = new_signal(
            id=signal_id(
                self.name,
                "deployment",
                deployment_id,
                "status",
                text(status, "id", "deployment_status.id"),
                state,
            ),
            source=self.name,
            kind=SignalKind.DEPLOY,
            at=required_time(status, "created_at", what="deployment_status.created_at"),
            summary=one_line(
                f"{what}: {state}" + (f" ({description})" if description else "")
            ),
            labels=labels | {"state": state},
            url=_url(payload, status),
        )
        item.add(signal, "deployment_status")


def _labels(payload: dict[str, Any], deployment: dict[str, Any]) -> dict[str, str]:
    repository = payload.get("repository")
    creator = deployment.get("creator")
    found = {
        "repository": optional_text(repository, "full_name")
        if isinstance(repository, dict)
        else None,
        "environment": optional_text(deployment, "environment"),
        "ref": optional_text(deployment, "ref"),
        "sha": optional_text(deployment, "sha"),
        "task": optional_text(deployment, "task"),
        "creator": optional_text(creator, "login")
        if isinstance(creator, dict)
        else None,
    }
    return {key: value for key, value in found.items() if value}


def _what(deployment_id: str, labels: dict[str, str]) -> str:
    ref = labels.get("ref", "")
    sha = labels.get("sha", "")[:7]
    revision = f"{ref}@{sha}" if ref and sha else ref or sha
    where = labels.get("environment")
    return (
        f"Deployment {deployment_id}"
        + (f" of {revision}" if revision else "")
        + (f" to {where}" if where else "")
    )


def _url(payload: dict[str, Any], record: dict[str, Any]) -> str | None:
    for key in ("target_url", "log_url", "environment_url"):
        found = http_url(record.get(key))
        if found:
            return found
    repository = payload.get("repository")
    return (
        http_url(repository.get("html_url")) if isinstance(repository, dict) else None
    )
