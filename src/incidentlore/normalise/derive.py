"""Signals derived from stored exports, at every build: parse, merge, name services.

The same signal may come from several exports (an alert firing in one payload and
resolved in the next, an event list exported twice). One signal is kept per id, chosen
the same way whatever order the files were added in: the one that says the most about
when it ended, then the one stored under the first name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from incidentlore.errors import Diagnostic, Location, LoreError
from incidentlore.model.catalog import Catalog
from incidentlore.model.incident import Incident
from incidentlore.model.signal import Signal
from incidentlore.normalise.adapter import (
    Adapter,
    Context,
    Export,
    ParseResult,
    replaced,
)
from incidentlore.normalise.registry import Registry
from incidentlore.normalise.storage import StoredExport, read_export, stored_exports
from incidentlore.records import SignalRecord

FIRST = datetime.min
# An adapter's parse method.
Parser = Callable[[Export, Context, ParseResult], None]


@dataclass(slots=True)
class Derivation:
    signals: list[SignalRecord] = field(default_factory=list)
    rejected: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    duplicates: int = 0


def incident_context(incident: Incident, zone: str | None) -> Context:
    """The zone for naive times and the window that years are taken from."""
    present = [instant for _, instant in incident.times.present()]
    start = incident.times.started.start
    end = max(instant.end for instant in present)
    return Context(zone=zone, window=(start, end))


def derive(
    exports: Iterable[StoredExport],
    registry: Registry,
    context: Context,
    catalog: Catalog,
) -> Derivation:
    """Every stored export read by its adapter, merged into one signal per id."""
    derivation = Derivation()
    found: list[tuple[Signal, Location]] = []
    for stored in exports:
        try:
            adapter = registry.get(stored.source)
        except LoreError as error:
            derivation.errors.append(Diagnostic(Location(stored.name), str(error)))
            continue
        export = read_export(stored)
        result = parse(adapter.parse, export, replace(context, year=stored.year))
        if not result.signals:  # it was put there for a reason: say it is unread
            message = no_signals(adapter, export, stored.path.is_dir())
            derivation.errors.append(Diagnostic(Location(stored.name), message))
        found += result.signals
        derivation.rejected += result.rejected
        derivation.notes += result.notes
    merged, derivation.duplicates = merge(found)
    name = ServiceNames(catalog).name
    derivation.signals = [
        SignalRecord(name(signal), origin) for signal, origin in merged
    ]
    return derivation


def no_signals(adapter: Adapter, export: Export, folder: bool) -> str:
    """Why an export gave no signal at all, and what its adapter reads."""
    if folder and not export.files:
        why = "the folder holds no files"
    elif not any(file.data.strip() for file in export.files):
        why = "the folder's files are empty" if folder else "the file is empty"
    else:
        why = f"no signals in this {'folder' if folder else 'file'}"
    return f"{adapter.name}: {why}; expected {adapter.expected}"


def parse(parser: Parser, export: Export, context: Context) -> ParseResult:
    """One export through its adapter, with the checks every signal must pass."""
    result = ParseResult()
    parser(export, context, result)
    kept = []
    for signal, origin in result.signals:
        if signal.ends_at is not None and signal.ends_at.start < signal.at.start:
            result.reject(origin, f"signal {signal.id!r} ends before it starts")
        elif not _is_text(signal):
            result.reject(
                origin,
                "the record escapes half of a UTF-16 pair (such as \\ud800), which "
                "is not text; the export is damaged there",
            )
        else:
            kept.append((signal, origin))
    result.signals = kept
    return result


def merge(
    found: Iterable[tuple[Signal, Location]],
) -> tuple[list[tuple[Signal, Location]], int]:
    """One signal per id, ordered by time then id; and how many were left out."""
    best: dict[str, tuple[Signal, Location]] = {}
    duplicates = 0
    for candidate in found:
        current = best.get(candidate[0].id)
        if current is None:
            best[candidate[0].id] = candidate
            continue
        duplicates += 1
        if _preferred(candidate, current):
            best[candidate[0].id] = candidate
    ordered = sorted(best.values(), key=lambda item: (item[0].at.start, item[0].id))
    return ordered, duplicates


def _preferred(one: tuple[Signal, Location], other: tuple[Signal, Location]) -> bool:
    def ending(item: tuple[Signal, Location]) -> tuple[bool, datetime]:
        ends = item[0].ends_at
        return (ends is not None, ends.start.replace(tzinfo=None) if ends else FIRST)

    if ending(one) != ending(other):
        return ending(one) > ending(other)
    return one[1] < other[1]


class ServiceNames:
    """Names the services of signals from their labels, as lore.yaml's
    ingest.services says; the settings are read once for many signals."""

    def __init__(self, catalog: Catalog) -> None:
        settings = catalog.ingest.services
        self.labels = tuple(settings.labels)
        self.aliases = settings.aliases
        self.known = catalog.services

    def name(self, signal: Signal) -> Signal:
        """`signal` with the services its labels name, in the catalog's spelling."""
        named = signal.services
        labels = signal.labels
        services: list[str] = []
        for service in named:
            self._add(service, services)
        for label in self.labels:
            value = labels.get(label)
            if value:
                self._add(value, services)
        unknown = [name for name in named if name not in services]
        if services == named and not unknown:
            return signal
        if unknown:
            labels = labels | {"services": ",".join(unknown)}
        return replaced(signal, services=services, labels=labels)

    def _add(self, value: str, services: list[str]) -> None:
        name = self.aliases.get(value, value)
        if name in self.known and name not in services:
            services.append(name)


def derived_records(
    base: Path, root: Path, registry: Registry, context: Context, catalog: Catalog
) -> tuple[tuple[SignalRecord, ...], list[Diagnostic]]:
    """The signals of the exports under `base` (raw/ or signals/) and their problems.

    Rejected records are warnings; an export that gives no signal at all (or that no
    adapter reads) is an error.
    """
    exports, problems = stored_exports(base, root)
    derivation = derive(exports, registry, context, catalog)
    problems += [*derivation.errors, *derivation.rejected]
    return tuple(derivation.signals), problems


def _is_text(signal: Signal) -> bool:
    """Whether every text of the signal can be written as UTF-8."""
    texts = [
        signal.id,
        signal.summary,
        signal.severity or "",
        signal.url or "",
        *signal.services,
        *signal.labels,
        *signal.labels.values(),
    ]
    try:
        for text in texts:
            text.encode()
    except UnicodeEncodeError:
        return False
    return True
