"""What the build works from: each incident with its timeline, links and durations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from incidentlore.assemble.timeline import Timeline, assemble
from incidentlore.model.incident import Relation
from incidentlore.model.times import Span, span
from incidentlore.records import IncidentRecord, Repository

# How each duration is measured, by (from, to) key time. Documented in docs/metrics.md.
DURATIONS = {
    "time_to_detect": ("started", "detected"),
    "time_to_acknowledge": ("detected", "acknowledged"),
    "time_to_mitigate": ("started", "mitigated"),
    "time_to_resolve": ("started", "resolved"),
}


@dataclass(frozen=True, slots=True)
class ResolvedLink:
    incident: str
    relation: str
    direction: str
    note: str | None


@dataclass(frozen=True, slots=True)
class ResolvedIncident:
    record: IncidentRecord
    timeline: Timeline
    links: tuple[ResolvedLink, ...]
    durations: dict[str, Span | None]

    @property
    def id(self) -> str:
        return self.record.id


def resolve(repository: Repository) -> list[ResolvedIncident]:
    incoming: dict[str, list[ResolvedLink]] = defaultdict(list)
    for record in repository.incidents:
        for link in record.incident.links:
            incoming[link.incident].append(
                ResolvedLink(record.id, link.relation.inverse, "incoming", link.note)
            )
    return [
        ResolvedIncident(
            record=record,
            timeline=assemble(record),
            links=_links(record, incoming[record.id]),
            durations=durations(record),
        )
        for record in repository.incidents
    ]


def _links(
    record: IncidentRecord, incoming: list[ResolvedLink]
) -> tuple[ResolvedLink, ...]:
    outgoing = [
        ResolvedLink(
            link.incident, Relation(link.relation).value, "outgoing", link.note
        )
        for link in record.incident.links
    ]
    return tuple(
        sorted(
            outgoing + incoming,
            key=lambda link: (link.incident, link.relation, link.direction),
        )
    )


def durations(record: IncidentRecord) -> dict[str, Span | None]:
    times = record.incident.times
    result: dict[str, Span | None] = {}
    for name, (first, last) in DURATIONS.items():
        start, end = getattr(times, first), getattr(times, last)
        result[name] = span(start, end) if start and end else None
    return result
