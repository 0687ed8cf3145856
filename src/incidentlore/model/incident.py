"""incident.yaml: what happened, when, to what, and how it relates to others."""

from __future__ import annotations

import enum

from pydantic import Field

from incidentlore.model.base import (
    Identifier,
    StrictModel,
    Text,
    Time,
    Title,
    Url,
    ZoneName,
)

KEY_TIMES = ("started", "detected", "acknowledged", "mitigated", "resolved")


class KeyTimes(StrictModel):
    started: Time
    detected: Time | None = None
    acknowledged: Time | None = None
    mitigated: Time | None = None
    resolved: Time | None = None

    def present(self) -> list[tuple[str, Time]]:
        return [
            (name, value)
            for name in KEY_TIMES
            if (value := getattr(self, name)) is not None
        ]


class Relation(enum.StrEnum):
    RECURRENCE_OF = "recurrence-of"
    CAUSED_BY = "caused-by"
    DUPLICATE_OF = "duplicate-of"
    RELATED_TO = "related-to"

    @property
    def inverse(self) -> str:
        return {
            "recurrence-of": "recurred-as",
            "caused-by": "caused",
            "duplicate-of": "duplicated-by",
            "related-to": "related-to",
        }[self.value]


class Link(StrictModel):
    incident: Identifier
    relation: Relation
    note: str | None = None


class Source(StrictModel):
    """A public or internal document this record was written from."""

    title: Title
    url: Url


class TimelineCuration(StrictModel):
    """Which timeline entries a reader sees first, and which they need not see.

    Kept here, in a file people edit, because ingested signals are derived from raw
    exports at every build and cannot carry marks of their own.
    """

    hidden: list[Identifier] = Field(
        default_factory=list,
        description=(
            "Ids of signals or notes left out of the rendered narrative; they stay in "
            "the JSON export and the index, marked hidden."
        ),
    )
    starred: list[Identifier] = Field(
        default_factory=list,
        description="Ids of signals or notes highlighted in the rendered narrative.",
    )


class Incident(StrictModel):
    id: Identifier
    title: Title
    severity: Identifier
    status: Identifier
    outcome: Identifier | None = None
    services: list[Identifier] = Field(default_factory=list)
    teams: list[Identifier] = Field(default_factory=list)
    timezone: ZoneName | None = Field(
        default=None,
        description=(
            "Zone for times written without one in this incident's files; "
            "overrides default_timezone in lore.yaml."
        ),
    )
    times: KeyTimes
    summary: str | None = None
    impact: str | None = None
    roles: dict[Identifier, Text] = Field(default_factory=dict)
    tags: list[Identifier] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    timeline: TimelineCuration = Field(default_factory=TimelineCuration)
    sources: list[Source] = Field(default_factory=list)
