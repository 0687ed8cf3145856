"""The DuckDB index: rebuilt from the files every time, swapped in whole."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import duckdb

from incidentlore.assemble.resolve import DURATIONS, ResolvedIncident
from incidentlore.emit.revision_views import REVISION_VIEWS
from incidentlore.emit.tables import TABLES, Row, catalog_rows, incident_rows
from incidentlore.model.catalog import Catalog

INDEX_FILE = "index.duckdb"
INDEX_SCHEMA_VERSION = 1
_EXACT = "IN ('second', 'minute')"


def _durations_view() -> str:
    """Exact durations where both ends are exact; else the range they allow."""
    columns = []
    for name, (first, last) in DURATIONS.items():
        exact = f"{first}_precision {_EXACT} AND {last}_precision {_EXACT}"
        shortest = f"greatest({last}_at - {first}_end, INTERVAL 0 SECOND)"
        longest = f"{last}_end - {first}_at"
        columns += [
            f"CASE WHEN {exact} THEN {last}_at - {first}_at END AS {name}",
            f"CASE WHEN {exact} THEN epoch({last}_at - {first}_at) / 60 END "
            f"AS {name}_minutes",
            f"CASE WHEN {exact} THEN epoch({last}_at - {first}_at) / 60 "
            f"ELSE epoch({shortest}) / 60 END AS {name}_shortest_minutes",
            f"CASE WHEN {exact} THEN epoch({last}_at - {first}_at) / 60 "
            f"ELSE epoch({longest}) / 60 END AS {name}_longest_minutes",
        ]
    return (
        "CREATE VIEW durations AS SELECT id AS incident_id, severity, status, "
        "started_at, " + ", ".join(columns) + " FROM incidents"
    )


def write_index(
    target: Path,
    catalog: Catalog,
    incidents: Iterable[ResolvedIncident],
    revisions: Iterable[Row] = (),
    revisions_from: str = "",
) -> None:
    """Build the index beside `target`, then rename it into place.

    `revisions` are the rows of the revisions table, read from git at the commit
    `revisions_from` (empty when there was no history to read).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".index-") as staging:
        folder = Path(staging)
        _stage_rows(folder, catalog, incidents, revisions)
        fresh = folder / INDEX_FILE
        connection = duckdb.connect(str(fresh))
        try:
            connection.execute("SET TimeZone = 'UTC'")
            _load(connection, folder, catalog, revisions_from)
        finally:
            connection.close()
        fresh.replace(target)


def _stage_rows(
    folder: Path,
    catalog: Catalog,
    incidents: Iterable[ResolvedIncident],
    revisions: Iterable[Row],
) -> None:
    # Newline-delimited JSON read by DuckDB is far faster than inserting row by row.
    files: dict[str, IO[str]] = {
        name: (folder / f"{name}.jsonl").open("w", encoding="utf-8") for name in TABLES
    }
    try:
        for table, rows in catalog_rows(catalog).items():
            _write(files[table], rows)
        for resolved in incidents:
            for table, row in incident_rows(resolved, catalog):
                files[table].write(json.dumps(row, ensure_ascii=False) + "\n")
        _write(files["revisions"], revisions)
    finally:
        for handle in files.values():
            handle.close()


def _write(handle: IO[str], rows: Iterable[Row]) -> None:
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _load(
    connection: duckdb.DuckDBPyConnection,
    folder: Path,
    catalog: Catalog,
    revisions_from: str,
) -> None:
    for table, columns in TABLES.items():
        definition = ", ".join(f'"{name}" {kind}' for name, kind in columns)
        connection.execute(f"CREATE TABLE {table} ({definition})")
        source = folder / f"{table}.jsonl"
        if source.stat().st_size == 0:
            continue
        spec = ", ".join(f"'{name}': '{kind}'" for name, kind in columns)
        connection.execute(
            f"INSERT INTO {table} SELECT * FROM read_json(?, "
            f"format = 'newline_delimited', columns = {{{spec}}})",
            [str(source)],
        )
    connection.execute(_durations_view())
    for view in REVISION_VIEWS:
        connection.execute(view)
    connection.execute("CREATE TABLE metadata (key VARCHAR, value VARCHAR)")
    connection.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [
            ("schema_version", str(INDEX_SCHEMA_VERSION)),
            ("display_timezone", catalog.display_timezone),
            ("revisions_from", revisions_from),
        ],
    )
