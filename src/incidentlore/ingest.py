"""`lore ingest`: store an export verbatim beside an incident and say what it adds.

Nothing derived is written: the export is stored under its content's name and every
build reads it again. An export is stored only if it adds a signal or changes one
already there (an alert that has since resolved), so ingesting the same export, or one
that another export already covers, changes no file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from incidentlore.errors import (
    Diagnostic,
    Location,
    LoreError,
    ProblemsFound,
    UsageError,
    relative,
)
from incidentlore.load.discover import find_incident
from incidentlore.lock import writes_repository
from incidentlore.model.signal import Signal
from incidentlore.normalise.adapter import (
    NOTE,
    Adapter,
    Context,
    Export,
    RawFile,
)
from incidentlore.normalise.derive import (
    incident_context,
    merge,
    no_signals,
    parse,
)
from incidentlore.normalise.intake import check_kind
from incidentlore.normalise.registry import Registry
from incidentlore.normalise.storage import (
    RAW_DIR,
    SIGNALS_DIR,
    export_files,
    remove_export,
    stored_exports,
    stored_name,
    write_export,
)
from incidentlore.normalise.stored import KnownSignals, YearCopies
from incidentlore.validate.repository import load_catalog, load_incident
from incidentlore.wording import plural


@dataclass(frozen=True, slots=True)
class FileOutcome:
    given: str
    stored: str  # where the export is (or would be) kept, relative to the root
    written: bool  # False when it added nothing, or was there already
    signals: int  # signals with ids not seen before
    resolved: int  # of those and the updated ones, how many have an end
    updated: int  # signals already there that this export changes
    duplicates: int  # records whose signal was already there
    rejected: tuple[Diagnostic, ...]
    notes: tuple[Diagnostic, ...]
    year: int | None = None  # what stamps without a year were read as
    replaced: tuple[Replaced, ...] = ()  # copies read with another year, removed

    def replacements(self) -> list[str]:
        return [
            f"replaced {copy.stored} (read as {self.year} instead of {copy.year})"
            if self.year and copy.year
            else f"replaced {copy.stored} (read with another --year)"
            for copy in self.replaced
        ]


@dataclass(frozen=True, slots=True)
class Replaced:
    """A stored copy of the same export that was read with another year."""

    stored: str
    year: int | None


@dataclass(frozen=True, slots=True)
class IngestResult:
    source: str
    target: str  # the incident folder, or signals/
    files: tuple[FileOutcome, ...]

    def total(self, name: str) -> int:
        return sum(getattr(outcome, name) for outcome in self.files)

    def summary(self) -> str:
        rejected = sum(len(outcome.rejected) for outcome in self.files)
        text = (
            f"{self.source}: {plural(self.total('signals'), 'signal')} "
            f"({self.total('resolved')} resolved), "
            f"{plural(self.total('duplicates'), 'duplicate')}, "
            f"{plural(rejected, 'line')} rejected"
        )
        updated = self.total("updated")
        return text + (f", {updated} updated" if updated else "")


@dataclass(slots=True)
class _Target:
    base: Path  # the raw/ or signals/ folder
    name: str
    context: Context


@writes_repository
def ingest(
    root: Path,
    source: str,
    paths: Sequence[Path],
    *,
    incident: str | None = None,
    repo_wide: bool = False,
    strict: bool = False,
    year: int | None = None,
) -> IngestResult:
    if incident is not None and repo_wide:
        raise UsageError("give --incident ID or --repo-wide, not both")
    if incident is None and not repo_wide:
        raise UsageError("say where the export belongs: --incident ID or --repo-wide")
    if not paths:
        raise UsageError("name at least one file to ingest")
    catalog = load_catalog(root)
    registry = Registry(catalog.ingest)
    adapter = registry.get(source)
    if year is not None and not adapter.uses_year:
        raise UsageError(f"--year means nothing to the {source} adapter; leave it out")
    if incident is not None:
        folder = find_incident(root, incident)
        record, zone = load_incident(root, folder, catalog)
        target = _Target(
            folder.path / RAW_DIR, folder.name, incident_context(record, zone)
        )
    else:
        target = _Target(
            root / SIGNALS_DIR, SIGNALS_DIR, Context(catalog.default_timezone)
        )
    exports, _ = stored_exports(target.base, root)
    known = KnownSignals(
        [e for e in exports if e.source == source], registry, target.context, catalog
    )
    context = replace(target.context, year=year)
    # Every file is read and checked before any is stored.
    planned = [
        _plan(root, adapter, path, target.base, context, known, strict)
        for path in paths
    ]
    for plan in planned:
        if plan.outcome.written:
            write_export(plan.target, plan.members)
        for copy in plan.replaced:
            remove_export(copy)
    return IngestResult(source, target.name, tuple(plan.outcome for plan in planned))


@dataclass(frozen=True, slots=True)
class _Plan:
    outcome: FileOutcome
    target: Path
    members: dict[str, bytes]
    replaced: tuple[Path, ...] = ()


def _plan(
    root: Path,
    adapter: Adapter,
    path: Path,
    base: Path,
    context: Context,
    known: KnownSignals,
    strict: bool,
) -> _Plan:
    members = _collect(adapter, path)
    suffix = path.suffix.lower() if path.is_file() and path.suffix else adapter.suffix
    year = context.year if adapter.uses_year else None
    target = base / adapter.name / stored_name(members, suffix, year)
    name = relative(target, root)
    files = export_files(name, members)
    export = Export(adapter.name, name, files)
    result = parse(adapter.parse, export, context)
    shown = _shown_as(path, files)
    rejected = tuple(_moved(d, shown) for d in result.rejected)
    notes = tuple(_moved(d, shown) for d in result.notes)
    notes += _outside_window(path, [signal for signal, _ in result.signals], context)
    if not result.signals:
        raise ProblemsFound(
            [
                Diagnostic(
                    Location(str(path)), no_signals(adapter, export, path.is_dir())
                ),
                *(replace(d, severity="error") for d in rejected),
            ]
        )
    if strict and rejected:
        raise ProblemsFound([replace(d, severity="error") for d in rejected])
    years = YearCopies(adapter, known, target, context, result)
    notes += years.notes(path)
    before = known.signals
    if years.replaced:  # their signals are updated by this reading, not new
        known.remove(years.replaced)
    found = known.as_stored(result.signals)
    merged, _ = merge([*known.signals.values(), *found])
    after = {signal.id: (signal, origin) for signal, origin in merged}
    new = [key for key in after if key not in before]
    updated = [k for k in before if k in after and after[k][0] != before[k][0]]
    written = bool(new or updated or years.replaced) and not years.stored
    if written:
        known.add(found)
    else:
        new, updated = [], []
    outcome = FileOutcome(
        given=str(path),
        stored=name,
        written=written,
        signals=len(new),
        resolved=sum(1 for key in [*new, *updated] if after[key][0].ends_at),
        updated=len(updated),
        duplicates=len(result.signals) - len(new),
        rejected=rejected,
        notes=notes,
        year=result.year,
        replaced=tuple(Replaced(c.name, years.read[c].year) for c in years.replaced),
    )
    return _Plan(outcome, target, members, tuple(c.path for c in years.replaced))


def _collect(adapter: Adapter, path: Path) -> dict[str, bytes]:
    check_kind(path)  # before any adapter reads it: a pipe or a device never ends
    if path.is_dir() and not adapter.folders:
        raise UsageError(
            f"{path} is a folder; the {adapter.name} adapter reads files: name them"
        )
    try:
        return dict(adapter.collect(path))
    except OSError as error:
        raise LoreError(f"{path}: cannot read: {error.strerror or error}") from None


def _shown_as(path: Path, files: tuple[RawFile, ...]) -> dict[str, str]:
    """Stored names -> the names the user gave, for messages about this ingest."""
    if len(files) == 1 and path.is_file() and not zipfile.is_zipfile(path):
        return {files[0].name: str(path)}
    return {file.name: f"{path}/{file.member}" for file in files}


def _moved(diagnostic: Diagnostic, shown: dict[str, str]) -> Diagnostic:
    where = diagnostic.location
    return replace(
        diagnostic, location=where._replace(path=shown.get(where.path, where.path))
    )


# Exports are often cut wider than the incident; signals further than this from its
# window are worth a word, since a wrong file or a wrong --incident looks the same.
WINDOW_MARGIN = timedelta(days=1)


def _outside_window(
    path: Path, signals: list[Signal], context: Context
) -> tuple[Diagnostic, ...]:
    if context.window is None or not signals:
        return ()
    start, end = context.window
    outside = sorted(
        signal.at.start
        for signal in signals
        if signal.at.start < start - WINDOW_MARGIN
        or signal.at.start > end + WINDOW_MARGIN
    )
    if not outside:
        return ()
    message = (
        f"{len(outside)} of {len(signals)} signals lie more than a day outside the "
        f"incident ({start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC): from "
        f"{outside[0]:%Y-%m-%d %H:%M} to {outside[-1]:%Y-%m-%d %H:%M} UTC; check that "
        "the export belongs to this incident"
    )
    return (Diagnostic(Location(str(path)), message, severity=NOTE),)
