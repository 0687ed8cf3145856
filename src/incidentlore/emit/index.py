"""The DuckDB index: rebuilt from the files every time, swapped in whole."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic_core import to_json

from incidentlore.assemble.resolve import DURATIONS
from incidentlore.emit.revision_views import REVISION_VIEWS
from incidentlore.emit.tables import TABLES, Row, catalog_rows
from incidentlore.emit.write import folder_beside, mode_for
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


def write_index(
    target: Path,
    catalog: Catalog,
    tables: dict[str, list[bytes]],
    revisions: list[Row] | None = None,
    revisions_from: str = "",
) -> None:
    """Build the index beside `target`, then rename it into place.

    `tables` holds, per table, JSON arrays of rows (see `table_json`), one per part of
    the repository that was rendered on its own. `revisions` are the rows of the
    revisions table, read from git at the commit `revisions_from` (empty when there
    was no history to read).
    """
    import duckdb  # heavy, and only building needs it

    if revisions:
        tables = {**tables, "revisions": [table_json(revisions)]}
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".index-") as staging:
        folder = Path(staging)
        sources = _stage(folder, catalog, tables)
        fresh = folder / INDEX_FILE
        connection = duckdb.connect(str(fresh))
        try:
            connection.execute("SET TimeZone = 'UTC'")
            _load(connection, sources, catalog, revisions_from)
        except duckdb.InterruptException:
            # DuckDB turns Ctrl-C into its own error; it is still Ctrl-C.
            raise KeyboardInterrupt from None
        finally:
            connection.close()
        fresh.chmod(mode_for(target))
        fresh.replace(target)


def table_json(rows: list[Row]) -> bytes:
    """Rows as one JSON array: DuckDB reads such files far faster than inserts."""
    return to_json(rows)


def _stage(
    folder: Path, catalog: Catalog, tables: dict[str, list[bytes]]
) -> dict[str, list[str]]:
    """The staged files of each table."""
    parts = {name: list(chunks) for name, chunks in tables.items()}
    for name, rows in catalog_rows(catalog).items():
        parts.setdefault(name, []).append(table_json(list(rows)))
    sources: dict[str, list[str]] = {}
    for name in TABLES:
        for number, chunk in enumerate(parts.get(name, ())):
            path = folder / f"{name}.{number}.json"
            path.write_bytes(chunk)
            sources.setdefault(name, []).append(str(path))
    return sources


def _load(
    connection: duckdb.DuckDBPyConnection,
    sources: dict[str, list[str]],
    catalog: Catalog,
    revisions_from: str,
) -> None:
    for table, columns in TABLES.items():
        definition = ", ".join(f'"{name}" {kind}' for name, kind in columns)
        connection.execute(f"CREATE TABLE {table} ({definition})")
        if table not in sources:
            continue
        spec = ", ".join(f"'{name}': '{kind}'" for name, kind in columns)
        connection.execute(
            f"INSERT INTO {table} SELECT * FROM read_json(?, "
            f"format = 'array', columns = {{{spec}}})",
            [sources[table]],
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


PARQUET_DIR = "parquet"


def export_parquet(index: Path, target: Path) -> tuple[str, ...]:
    """Every table and view of the index as a Parquet file in `target`.

    For readers past one machine (Spark, Trino, DuckDB elsewhere). The folder is
    written beside `target` and then swapped in, so readers never see half of it.
    """
    import duckdb  # heavy, and only building needs it

    staging = folder_beside(target)
    try:
        connection = duckdb.connect(str(index), read_only=True)
        try:
            names = [
                name
                for (name,) in connection.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = 'main' ORDER BY table_name"
                ).fetchall()
            ]
            for name in names:
                path = staging / f"{name}.parquet"
                connection.execute(
                    f"COPY (SELECT * FROM {name}) TO '{path}' (FORMAT PARQUET)"
                )
        finally:
            connection.close()
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return tuple(f"{name}.parquet" for name in names)


def _swap(fresh: Path, target: Path) -> None:
    if not target.exists():
        fresh.replace(target)
        return
    retired = target.with_name(f".{target.name}-retired")
    shutil.rmtree(retired, ignore_errors=True)
    target.replace(retired)
    fresh.replace(target)
    shutil.rmtree(retired)
