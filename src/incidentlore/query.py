"""Questions over the built index: filtered incident lists and read-only SQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidentlore.build.output import unfinished
from incidentlore.errors import LoreError, UsageError
from incidentlore.model.catalog import Catalog
from incidentlore.model.times import Instant, TimeError, parse_instant
from incidentlore.validate.rules import unknown

if TYPE_CHECKING:
    import duckdb

# Statement types that only read. Everything else (writes, COPY TO, ATTACH, INSTALL,
# SET) is refused before it runs; the connection is read-only as a second guard.
_READING = {"SELECT", "EXPLAIN"}

QUERY_COLUMNS = (
    "id",
    "title",
    "severity",
    "status",
    "outcome",
    "started_at",
    "time_to_resolve",
    "services",
    "teams",
)


@dataclass(frozen=True, slots=True)
class Result:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Filters:
    since: str | None = None
    until: str | None = None
    services: Sequence[str] = field(default=())
    teams: Sequence[str] = field(default=())
    severities: Sequence[str] = field(default=())
    severity_at_least: str | None = None
    outcomes: Sequence[str] = field(default=())
    statuses: Sequence[str] = field(default=())


def open_index(path: Path) -> duckdb.DuckDBPyConnection:
    import duckdb  # heavy, and only index commands need it

    if not path.is_file():
        raise LoreError(f"{path}: no index here yet; run 'lore build' first")
    try:
        connection = duckdb.connect(
            str(path), read_only=True, config={"enable_external_access": False}
        )
    except duckdb.Error as error:
        raise LoreError(f"{path}: cannot open the index: {error}") from None
    connection.execute("SET TimeZone = 'UTC'")
    return connection


def sql(path: Path, statement: str) -> Result:
    import duckdb  # heavy, and only index commands need it

    connection = open_index(path)
    try:
        try:
            parsed = connection.extract_statements(statement)
        except duckdb.Error as error:
            raise UsageError(f"SQL does not parse: {_first_line(error)}") from None
        if not parsed:
            raise UsageError("no SQL statement given")
        for item in parsed:
            kind = item.type.name
            if kind not in _READING:
                raise UsageError(
                    f"the index is read-only: {kind} statements are refused; "
                    "use SELECT (the index is rebuilt from the files by 'lore build')"
                )
        if len(parsed) > 1:
            raise UsageError(
                f"give one statement at a time ({len(parsed)} were given); the "
                "results of all but the last would be lost"
            )
        result = _run(connection, statement)
    finally:
        connection.close()
    return Result(result.columns, result.rows, stale(path))


def _run(
    connection: duckdb.DuckDBPyConnection,
    statement: str,
    parameters: list[Any] | None = None,
) -> Result:
    import duckdb  # heavy, and only index commands need it

    try:
        cursor = connection.execute(statement, parameters or [])
        rows = cursor.fetchall()
    except duckdb.Error as error:
        raise UsageError(f"SQL failed: {_first_line(error)}") from None
    columns = tuple(column[0] for column in cursor.description or ())
    return Result(columns, rows)


def _first_line(error: Exception) -> str:
    return (
        str(error).strip().splitlines()[0]
        if str(error).strip()
        else type(error).__name__
    )


def incidents(path: Path, catalog: Catalog, filters: Filters) -> Result:
    where, parameters = _conditions(catalog, filters)
    statement = f"""
        SELECT i.id, i.title, i.severity, i.status, i.outcome, i.started_at,
               d.time_to_resolve,
               list_sort(list(DISTINCT s.service_id) FILTER (s.service_id IS NOT NULL)),
               list_sort(list(DISTINCT t.team_id) FILTER (t.team_id IS NOT NULL))
        FROM incidents i
        JOIN durations d ON d.incident_id = i.id
        LEFT JOIN incident_services s ON s.incident_id = i.id
        LEFT JOIN incident_teams t ON t.incident_id = i.id
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY ALL
        ORDER BY i.started_at, i.id
    """
    connection = open_index(path)
    try:
        result = _run(connection, statement, parameters)
    finally:
        connection.close()
    return Result(QUERY_COLUMNS, result.rows, stale(path))


def _conditions(catalog: Catalog, filters: Filters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    parameters: list[Any] = []
    zone = catalog.display_timezone
    since = None if filters.since is None else _bound(filters.since, zone, "--since")
    until = None if filters.until is None else _bound(filters.until, zone, "--until")
    if since is not None and until is not None and since.start >= until.end:
        raise UsageError(
            f"--since {filters.since} is after --until {filters.until}; "
            "the period would be empty"
        )
    if since is not None:
        where.append("i.started_at >= ?")
        parameters.append(since.start)
    if until is not None:
        where.append("i.started_at < ?")
        parameters.append(until.end)
    severities = [s.id for s in catalog.severities]
    for value in filters.severities:
        _known("--severity", "severity", value, severities)
    if filters.severity_at_least:
        _known("--severity-at-least", "severity", filters.severity_at_least, severities)
    if filters.severity_at_least:
        where.append("i.severity_rank <= ?")
        parameters.append(severities.index(filters.severity_at_least))
    members = (
        ("i.severity", filters.severities, None),
        ("i.outcome", filters.outcomes, [o.id for o in catalog.outcomes]),
        ("i.status", filters.statuses, [s.id for s in catalog.statuses]),
    )
    for column, values, known in members:
        if values:
            for value in values:
                if known is not None:
                    kind = column.removeprefix("i.")
                    _known(f"--{kind}", kind, value, known)
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            parameters.extend(values)
    if filters.services:
        for value in filters.services:
            _known("--service", "service", value, catalog.services)
        marks = ", ".join("?" * len(filters.services))
        where.append(
            f"i.id IN (SELECT incident_id FROM incident_services WHERE service_id IN ({marks}))"
        )
        parameters.extend(filters.services)
    if filters.teams:
        for value in filters.teams:
            _known("--team", "team", value, catalog.teams)
        marks = ", ".join("?" * len(filters.teams))
        # A team is involved when it is named, or when it owns an affected service.
        where.append(
            f"i.id IN (SELECT incident_id FROM incident_teams WHERE team_id IN ({marks}) "
            "UNION SELECT s.incident_id FROM incident_services s "
            f"JOIN services v ON v.id = s.service_id WHERE v.team IN ({marks}))"
        )
        parameters.extend([*filters.teams, *filters.teams])
    return where, parameters


def _bound(text: str, zone: str, option: str) -> Instant:
    try:
        return parse_instant(text, zone)
    except TimeError as error:
        raise UsageError(f"{option}: {error}") from None


def _known(option: str, kind: str, value: str, known: Iterable[str]) -> None:
    """A name the catalog does not have is an error in the data asked for, as in
    the commands that edit incidents (exit 1), with the closest known name."""
    names = list(known)
    if value not in names:
        raise LoreError(f"{option}: {unknown(kind, value, names, None)}")


def stale(index: Path) -> tuple[str, ...]:
    """Warnings about the index: a build that was stopped half-way, say."""
    if unfinished(index.parent):
        return (
            f"the last build into {index.parent} stopped before it finished, so its "
            "outputs may mix old and new; run 'lore build'",
        )
    return ()
