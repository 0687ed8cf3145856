"""The DuckDB index: rebuilt from the files every time, swapped in whole."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from incidentlore.assemble.resolve import DURATIONS
from incidentlore.emit.tables import TABLES, catalog_rows
from incidentlore.model.catalog import Catalog

if TYPE_CHECKING:
    import duckdb

INDEX_FILE = "index.duckdb"
INDEX_SCHEMA_VERSION = 1
_EXACT = "IN ('second', 'minute')"


def _durations_view() -> str:
    """Exact durations where both ends are exact; else the range they allow."""
    columns = []
    for name, (first, last) in DURATIONS.items():
        exact = f"{first}_precision {_EXACT} AND {last}_precision {_EXACT}"
        # greatest() skips NULLs, so a missing key time must be ruled out first.
        shortest = (
            f"CASE WHEN {last}_at IS NOT NULL AND {first}_latest IS NOT NULL THEN "
            f"greatest({last}_at - {first}_latest, INTERVAL 0 SECOND) END"
        )
        longest = f"{last}_latest - {first}_at"
        columns += [
            f"CASE WHEN {exact} THEN {last}_at - {first}_at END AS {name}",
            f"CASE WHEN {exact} THEN epoch({last}_at - {first}_at) / 60 END "
            f"AS {name}_minutes",
            f"CASE WHEN {exact} THEN epoch({last}_at - {first}_at) / 60 "
            f"ELSE epoch({shortest}) / 60 END AS {name}_shortest_minutes",
            f"CASE WHEN {exact} THEN epoch({last}_at - {first}_at) / 60 "
            f"ELSE epoch({longest}) / 60 END AS {name}_longest_minutes",
            f"{first}_approximate OR {last}_approximate AS {name}_approximate",
        ]
    return (
        "CREATE VIEW durations AS SELECT id AS incident_id, severity, status, "
        "started_at, " + ", ".join(columns) + " FROM incidents"
    )


def write_index(target: Path, catalog: Catalog, tables: dict[str, list[str]]) -> None:
    """Build the index beside `target`, then rename it into place."""
    import duckdb  # heavy, and only building needs it

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".index-") as staging:
        folder = Path(staging)
        _stage_rows(folder, catalog, tables)
        fresh = folder / INDEX_FILE
        connection = duckdb.connect(str(fresh))
        try:
            connection.execute("SET TimeZone = 'UTC'")
            _load(connection, folder, catalog)
        finally:
            connection.close()
        fresh.replace(target)


def _stage_rows(folder: Path, catalog: Catalog, tables: dict[str, list[str]]) -> None:
    """One file of JSON lines per table: DuckDB reads them far faster than inserts."""
    catalog_tables = catalog_rows(catalog)
    for table in TABLES:
        with (folder / f"{table}.jsonl").open("w", encoding="utf-8") as handle:
            for row in catalog_tables.get(table, ()):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            for line in tables.get(table, ()):
                handle.write(line + "\n")


def _load(
    connection: duckdb.DuckDBPyConnection, folder: Path, catalog: Catalog
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
    connection.execute("CREATE TABLE metadata (key VARCHAR, value VARCHAR)")
    connection.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [
            ("schema_version", str(INDEX_SCHEMA_VERSION)),
            ("display_timezone", catalog.display_timezone),
        ],
    )
