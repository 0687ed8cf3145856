"""What the build works from: each incident with its timeline, links and durations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from incidentlore.assemble.timeline import Timeline, assemble
from incidentlore.model.times import Span, span
from incidentlore.records import IncidentRecord, IncidentSummary, Repository

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


def incoming_links(
    summaries: Iterable[IncidentSummary],
) -> dict[str, list[ResolvedLink]]:
    """For each incident, the links other incidents make to it, seen from its side."""
    incoming: dict[str, list[ResolvedLink]] = defaultdict(list)
    for summary in summaries:
        for link in summary.links:
            incoming[link.incident].append(
                ResolvedLink(summary.id, link.relation.inverse, "incoming", link.note)
            )
    return incoming


def resolve_incident(
    record: IncidentRecord, incoming: list[ResolvedLink]
) -> ResolvedIncident:
    outgoing = [
        ResolvedLink(link.incident, link.relation.value, "outgoing", link.note)
        for link in record.incident.links
    ]
    links = sorted(
        outgoing + incoming,
        key=lambda link: (link.incident, link.relation, link.direction),
    )
    return ResolvedIncident(record, assemble(record), tuple(links), durations(record))


def resolve(repository: Repository) -> list[ResolvedIncident]:
    incoming = incoming_links(record.summary() for record in repository.incidents)
    return [
        resolve_incident(record, incoming.get(record.id, []))
        for record in repository.incidents
    ]


def durations(record: IncidentRecord) -> dict[str, Span | None]:
    times = record.incident.times
    result: dict[str, Span | None] = {}
    for name, (first, last) in DURATIONS.items():
        start, end = getattr(times, first), getattr(times, last)
        result[name] = span(start, end) if start and end else None
    return result
