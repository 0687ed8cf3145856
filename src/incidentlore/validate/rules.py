"""Rules that span files: references into the catalog, between entries and incidents."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from itertools import combinations

from incidentlore.errors import Diagnostic, Location
from incidentlore.load.yamlfile import Document, PathKey
from incidentlore.model.catalog import Catalog, id_regex
from incidentlore.model.incident import KEY_TIMES
from incidentlore.normalise.registry import installed
from incidentlore.records import IncidentRecord, IncidentSummary


def incident_rules(catalog: Catalog, record: IncidentRecord) -> list[Diagnostic]:
    """Rules that need only the catalog and the incident's own files."""
    problems = list(_incident_rules(catalog, record))
    if record.complete:
        problems.extend(_entry_rules(catalog, record))
    return problems


def repository_rules(
    catalog: Catalog,
    summaries: Iterable[IncidentSummary],
    other_incidents: Iterable[str] = (),
) -> list[Diagnostic]:
    """Rules across incidents: unique ids and links that lead somewhere.

    `other_incidents` are ids that links may also name: a command that checks one
    incident passes the rest of the repository's ids.
    """
    summaries = sorted(summaries, key=lambda summary: summary.folder)
    problems = list(_catalog_rules(catalog))
    problems.extend(_duplicate_incidents(summaries))
    known = {summary.id for summary in summaries} | set(other_incidents)
    for summary in summaries:
        for link in summary.links:
            if link.incident not in known:
                message = unknown("incident", link.incident, known, None)
                problems.append(Diagnostic(link.origin, message))
            elif link.incident == summary.id:
                problems.append(
                    Diagnostic(link.origin, "an incident cannot link to itself")
                )
    return problems


def unknown(
    kind: str, value: str, known: Iterable[str], home: str | None = "lore.yaml"
) -> str:
    """The message for a name that is not among `known`; `home` is the file that
    lists them, for names a person adds (None for ids such as signals)."""
    choices = sorted(known)
    message = f"unknown {kind} {value!r}"
    if not choices:
        if home is None:
            return f"{message}; there are no {kind}s to choose from"
        return f"{message}; {home} lists no {kind}s yet, add it there"
    same_letters = [choice for choice in choices if choice.lower() == value.lower()]
    close = same_letters or difflib.get_close_matches(value, choices, n=1)
    message += f"; did you mean {close[0]!r}?" if close else "."
    shown = ", ".join(choices[:20]) + (", ..." if len(choices) > 20 else "")
    added = f" (add new ones to {home})" if home else ""
    return f"{message} Known: {shown}{added}"


def _at(document: Document, *key: str | int) -> Location:
    return document.location(tuple(key))


def _catalog_rules(catalog: Catalog) -> Iterator[Diagnostic]:
    for name, service in catalog.services.items():
        if service.team not in catalog.teams:
            problem = unknown("team", service.team, catalog.teams)
            yield Diagnostic(Location("lore.yaml"), f"services.{name}.team: {problem}")


def ingest_rules(catalog: Catalog, source: Document) -> Iterator[Diagnostic]:
    """lore.yaml's `ingest:` against the catalog and the installed adapters."""
    for value, service in catalog.ingest.services.aliases.items():
        if service not in catalog.services:
            yield Diagnostic(
                _at(source, "ingest", "services", "aliases", value),
                f"ingest.services.aliases.{value}: "
                + unknown("service", service, catalog.services),
            )
    adapters = installed()
    for name in catalog.ingest.mappings:
        if name in adapters:
            yield Diagnostic(
                _at(source, "ingest", "mappings", name),
                f"ingest.mappings.{name}: {name!r} is already the name of an "
                f"installed adapter ({adapters[name].value}); give the mapping "
                f"another name, such as '{name}-csv'",
            )


def _duplicate_incidents(summaries: list[IncidentSummary]) -> Iterator[Diagnostic]:
    first: dict[str, IncidentSummary] = {}
    for summary in summaries:
        earlier = first.setdefault(summary.id, summary)
        if earlier is not summary:
            yield Diagnostic(
                summary.origin,
                f"incident id {summary.id!r} is also used by {earlier.folder}; "
                "give one of them the next free id",
                related=(earlier.origin,),
            )


def _incident_rules(catalog: Catalog, record: IncidentRecord) -> Iterator[Diagnostic]:
    incident, source = record.incident, record.source
    checks: list[tuple[PathKey, str, str, Iterable[str]]] = [
        (
            ("severity",),
            "severity",
            incident.severity,
            [s.id for s in catalog.severities],
        ),
        (("status",), "status", incident.status, [s.id for s in catalog.statuses]),
    ]
    if incident.outcome is not None:
        checks.append(
            (
                ("outcome",),
                "outcome",
                incident.outcome,
                [o.id for o in catalog.outcomes],
            )
        )
    checks += [
        (("services", i), "service", name, catalog.services)
        for i, name in enumerate(incident.services)
    ]
    checks += [
        (("teams", i), "team", name, catalog.teams)
        for i, name in enumerate(incident.teams)
    ]
    for key, kind, value, known in checks:
        known = list(known)
        if value not in known:
            yield Diagnostic(source.location(key), unknown(kind, value, known))

    yield from _folder_rules(catalog, record)
    yield from _time_order(record)


def _folder_rules(catalog: Catalog, record: IncidentRecord) -> Iterator[Diagnostic]:
    incident, folder = record.incident, record.folder
    if id_regex(catalog.id_pattern).fullmatch(incident.id) is None:
        yield Diagnostic(
            _at(record.source, "id"),
            f"id {incident.id!r} does not follow id_pattern "
            f"{catalog.id_pattern!r} from lore.yaml",
        )
    folder_name = folder.path.name
    if folder_name != incident.id and not folder_name.startswith(incident.id + "-"):
        yield Diagnostic(
            _at(record.source, "id"),
            f"the folder {folder.name} does not match the id {incident.id!r}; "
            f"rename it to {incident.id}-<slug>",
        )
    year = str(incident.times.started.local_start().year)
    if folder.year_folder != year:
        yield Diagnostic(
            _at(record.source, "times", "started"),
            f"started in {year} but kept under incidents/{folder.year_folder}/; "
            f"move the folder to incidents/{year}/",
        )


def _time_order(record: IncidentRecord) -> Iterator[Diagnostic]:
    present = record.incident.times.present()
    for (first_name, first), (later_name, later) in combinations(present, 2):
        # Out of order only when the first is certainly after the later one.
        if first.start > later.start and first.start >= later.end:
            yield Diagnostic(
                _at(record.source, "times", later_name),
                f"{later_name} ({later.text}) is before {first_name} ({first.text}); "
                f"key times run {' <= '.join(KEY_TIMES)}",
            )


def _entry_rules(catalog: Catalog, record: IncidentRecord) -> Iterator[Diagnostic]:
    seen: dict[str, Location] = {}
    for entry_id, origin in [
        *((s.signal.id, s.origin) for s in record.signals),
        *((n.note.id, n.origin) for n in record.notes),
    ]:
        if entry_id in seen:
            yield Diagnostic(
                origin,
                f"id {entry_id!r} is used twice in this incident; ids of signals "
                "and notes must be unique",
                related=(seen[entry_id],),
            )
        else:
            seen[entry_id] = origin

    signal_ids = {s.signal.id for s in record.signals}
    for index, entry in enumerate(record.signals):
        signal = entry.signal
        # Certainly before: a day-precision end on the day it started is fine.
        if signal.ends_at is not None and signal.ends_at.latest < signal.at.start:
            yield Diagnostic(
                entry.origin, f"signal {signal.id!r} ends before it starts"
            )
        for position, service in enumerate(signal.services):
            if service not in catalog.services and record.signals_source is not None:
                yield Diagnostic(
                    _at(record.signals_source, "signals", index, "services", position),
                    unknown("service", service, catalog.services),
                )
    for index, note_entry in enumerate(record.notes):
        about = note_entry.note.about
        if about is not None and about not in signal_ids and record.notes_source:
            yield Diagnostic(
                _at(record.notes_source, "notes", index, "about"),
                unknown("signal", about, signal_ids, None),
            )
    yield from _curation_rules(record, set(seen))
    yield from _postmortem_rules(catalog, record, set(seen))


def _curation_rules(
    record: IncidentRecord, entry_ids: set[str]
) -> Iterator[Diagnostic]:
    curation = record.incident.timeline
    lists = (("hidden", curation.hidden), ("starred", curation.starred))
    for name, ids in lists:
        seen: set[str] = set()
        for index, entry_id in enumerate(ids):
            where = _at(record.source, "timeline", name, index)
            if entry_id not in entry_ids:
                problem = unknown("signal or note", entry_id, entry_ids, None)
                yield Diagnostic(where, problem)
            elif entry_id in seen:
                yield Diagnostic(where, f"{entry_id!r} is listed twice; keep one")
            elif name == "starred" and entry_id in curation.hidden:
                yield Diagnostic(
                    where,
                    f"{entry_id!r} is both hidden and starred; remove it from one list",
                )
            seen.add(entry_id)


def _postmortem_rules(
    catalog: Catalog, record: IncidentRecord, entry_ids: set[str]
) -> Iterator[Diagnostic]:
    postmortem, source = record.postmortem, record.postmortem_source
    if postmortem is None or source is None:
        return
    notes = {entry.note.id for entry in record.notes}
    for index, decision in enumerate(postmortem.decisions):
        if decision.note is not None and decision.note not in notes:
            yield Diagnostic(
                _at(source, "decisions", index, "note"),
                unknown("note", decision.note, notes, None),
            )
    categories = [c.id for c in catalog.factor_categories]
    for index, factor in enumerate(postmortem.contributing_factors):
        if factor.category not in categories:
            yield Diagnostic(
                _at(source, "contributing_factors", index, "category"),
                unknown("factor category", factor.category, categories),
            )
        yield from _evidence(
            source, ("contributing_factors", index), factor.evidence, entry_ids
        )
    for index, hypothesis in enumerate(postmortem.hypotheses):
        yield from _evidence(
            source, ("hypotheses", index), hypothesis.evidence, entry_ids
        )
    seen: set[str] = set()
    for index, item in enumerate(postmortem.action_items):
        if item.id in seen:
            yield Diagnostic(
                _at(source, "action_items", index, "id"),
                f"action item id {item.id!r} is used twice; give each its own id",
            )
        seen.add(item.id)


def _evidence(
    source: Document, key: PathKey, evidence: list[str], entry_ids: set[str]
) -> Iterator[Diagnostic]:
    for position, entry_id in enumerate(evidence):
        if entry_id not in entry_ids:
            yield Diagnostic(
                source.location((*key, "evidence", position)),
                unknown("signal or note", entry_id, entry_ids, None),
            )
