"""What is already stored for a source when an export is ingested.

`KnownSignals` are the signals the stored exports give, one per id, with those an
ingest plans to add. `YearCopies` are stored copies of the same export read with
another year (`--year`): the name of a stored export holds its year, so one export
ingested with two years is two files, and only one of them may stay.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from incidentlore.errors import Diagnostic, Location
from incidentlore.model.catalog import Catalog
from incidentlore.model.signal import Signal
from incidentlore.normalise.adapter import NOTE, Adapter, Context, ParseResult
from incidentlore.normalise.derive import ServiceNames, derive, merge, parse
from incidentlore.normalise.registry import Registry
from incidentlore.normalise.storage import StoredExport, read_export, same_content


class KnownSignals:
    """The signals already there for the source: those stored, and those this
    ingest plans to store, one per id."""

    def __init__(
        self,
        exports: list[StoredExport],
        registry: Registry,
        context: Context,
        catalog: Catalog,
    ) -> None:
        self.exports, self.registry, self.context = exports, registry, context
        self.catalog = catalog
        self.planned: list[tuple[Signal, Location]] = []
        self.serviced = bool(exports)  # for the whole ingest: removing keeps it
        self.signals = self._derived()

    def _derived(self) -> dict[str, tuple[Signal, Location]]:
        found = derive(self.exports, self.registry, self.context, self.catalog)
        stored = [(record.signal, record.origin) for record in found.signals]
        merged, _ = merge([*stored, *self.planned])
        return {signal.id: (signal, origin) for signal, origin in merged}

    def as_stored(
        self, found: list[tuple[Signal, Location]]
    ) -> list[tuple[Signal, Location]]:
        """Signals as a build keeps them, with services named, to compare with those
        stored; with nothing stored, all are compared as read, which costs less."""
        if not self.serviced:
            return found
        name = ServiceNames(self.catalog).name
        return [(name(signal), where) for signal, where in found]

    def remove(self, copies: list[StoredExport]) -> None:
        self.exports = [e for e in self.exports if e not in copies]
        self.signals = self._derived()

    def add(self, found: list[tuple[Signal, Location]]) -> None:
        self.planned += found
        merged, _ = merge([*self.signals.values(), *found])
        self.signals = {signal.id: (signal, origin) for signal, origin in merged}


class YearCopies:
    """Other stored copies of an export that an adapter reads with a year (--year).

    A copy read as this ingest reads it makes the ingest a no-op. Without --year,
    copies stay as they are, read as they were. With --year, copies read otherwise
    are `replaced` by this one.
    """

    def __init__(
        self,
        adapter: Adapter,
        known: KnownSignals,
        target: Path,
        context: Context,
        result: ParseResult,
    ) -> None:
        copies = [] if not adapter.uses_year or target.exists() else known.exports
        self.read = {
            copy: parse(
                adapter.parse, read_export(copy), replace(context, year=copy.year)
            )
            for copy in same_content(copies, target.name)
        }
        signals = [signal for signal, _ in result.signals]
        self.same = any(
            [signal for signal, _ in read.signals] == signals
            for read in self.read.values()
        )
        self.guessed = context.year is None
        kept = self.same or (self.guessed and bool(self.read))
        self.stored = target.exists() or kept
        self.replaced = [] if kept else list(self.read)

    def notes(self, path: Path) -> tuple[Diagnostic, ...]:
        if self.same or not self.guessed:
            return ()
        return tuple(
            Diagnostic(
                Location(str(path)),
                f"already stored as {copy.name}, read as {read.year}; ingest with "
                "--year to read it as another year",
                severity=NOTE,
            )
            for copy, read in self.read.items()
        )
