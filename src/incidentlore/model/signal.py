"""Signals: what the systems and tools around an incident recorded, one entry each."""

from __future__ import annotations

import enum

from pydantic import Field

from incidentlore.model.base import Identifier, StrictModel, Text, Time, Url


class SignalKind(enum.StrEnum):
    ALERT = "alert"
    PAGE = "page"
    DEPLOY = "deploy"
    CONFIG_CHANGE = "config-change"
    ACTION = "action"
    STATUS = "status"
    COMMUNICATION = "communication"
    CHAT = "chat"
    LOG = "log"
    METRIC = "metric"
    EVENT = "event"
    OTHER = "other"


class Signal(StrictModel):
    """One hand-entered signal; ingested ones are derived from raw exports."""

    id: Identifier
    source: Identifier = "manual"
    kind: SignalKind
    at: Time
    ends_at: Time | None = None
    summary: Text
    services: list[Identifier] = Field(default_factory=list)
    severity: str | None = None
    labels: dict[str, str] = Field(default_factory=dict)
    url: Url | None = None


class SignalsFile(StrictModel):
    signals: list[Signal] = Field(default_factory=list)
