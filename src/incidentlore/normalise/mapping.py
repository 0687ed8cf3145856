"""Any CSV or JSON export, read through a column mapping in lore.yaml.

```yaml
ingest:
  mappings:
    statuspage:
      format: csv
      kind: status
      columns: {created_at: at, resolved_at: ends_at, title: summary, id: id}
```

A record is named by its `id` column, or else by a digest of the whole row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from incidentlore.errors import Location
from incidentlore.model.ingest import Column, Mapping
from incidentlore.model.times import Instant, TimeError
from incidentlore.normalise.adapter import (
    Adapter,
    BadRecord,
    Context,
    Detection,
    Export,
    ParseResult,
    RawFile,
    Sample,
    new_signal,
)
from incidentlore.normalise.fields import http_url, one_line, scalar
from incidentlore.normalise.ids import signal_id
from incidentlore.normalise.jsondoc import Broken, Lines, documents
from incidentlore.normalise.logs import LineIds
from incidentlore.normalise.timestamps import read_any

Row = dict[str, Any]


class MappingAdapter(Adapter):
    """An adapter made from one `ingest.mappings` entry of lore.yaml."""

    def __init__(self, name: str, mapping: Mapping) -> None:
        self.name = name
        self.mapping = mapping
        self.title = mapping.title or f"{mapping.format.upper()} mapped in lore.yaml"
        self.expected = (
            f"{mapping.format.upper()} records with the columns "
            + ", ".join(repr(column) for column in mapping.columns)
            + f" (ingest.mappings.{name} in lore.yaml)"
        )
        self.suffix = "." + mapping.format

    def detect(self, sample: Sample) -> Detection | None:
        header = sample.lines[0] if sample.lines else ""
        if self.mapping.format == "csv" and all(
            c in header for c in self.mapping.columns
        ):
            return Detection(
                60, f"a CSV header with every column of ingest.mappings.{self.name}"
            )
        return None

    def parse(self, export: Export, context: Context, result: ParseResult) -> None:
        for file in export.files:
            ids = LineIds(self.name)
            for where, row in self._rows(file, result):
                with result.record(where):
                    result.add(self._signal(row, ids, context), where)

    def _rows(
        self, file: RawFile, result: ParseResult
    ) -> Iterator[tuple[Location, Row]]:
        text = file.text(result)
        if self.mapping.format == "csv":
            yield from self._csv_rows(file, text, result)
            return
        lines = Lines(text)
        path = tuple(self.mapping.records.split(".")) if self.mapping.records else ()
        for found in documents(text, depth=len(path) + 1):
            if isinstance(found, Broken):
                result.reject(file.at(*lines.at(found.offset)), found.reason)
                continue
            records = _lookup(found.value, path) if path else found.value
            if not isinstance(records, list):
                records, path = [records], ()
            for index, row in enumerate(records):
                offset = found.offsets.get((*path, index), found.offset)
                where = file.at(*lines.at(offset))
                if isinstance(row, dict):
                    yield where, row
                else:
                    result.reject(where, f"not a record: expected {self.expected}")

    def _csv_rows(
        self, file: RawFile, text: str, result: ParseResult
    ) -> Iterator[tuple[Location, Row]]:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [column for column in self.mapping.columns if column not in header]
        if missing:
            result.reject(
                file.at(1),
                f"the header has no column {missing[0]!r}; it has "
                + (", ".join(repr(name) for name in header) or "nothing"),
            )
            return
        start = reader.line_num + 1
        try:
            for row in reader:
                if None in row:
                    result.reject(
                        file.at(start), "the row has more cells than the header"
                    )
                else:
                    yield file.at(start), row
                start = reader.line_num + 1
        except csv.Error as error:
            result.reject(file.at(reader.line_num), f"not valid CSV: {error}")

    def _signal(self, row: Row, ids: LineIds, context: Context) -> Any:
        fields: dict[Column, list[tuple[str, Any]]] = {}
        for column, field in self.mapping.columns.items():
            fields.setdefault(field, []).append(
                (column, _lookup(row, tuple(column.split("."))))
            )
        at = self._time(fields, Column.AT, context)
        if at is None:
            raise BadRecord(f"the {_name(fields, Column.AT)!r} column is empty")
        summary = " ".join(
            scalar(value) for _, value in fields[Column.SUMMARY] if value
        )
        identity = _first(fields, Column.ID)
        return new_signal(
            id=signal_id(self.name, identity)
            if identity
            else ids.next(_canonical(row)),
            source=self.name,
            kind=self.mapping.kind,
            at=at,
            ends_at=self._time(fields, Column.ENDS_AT, context),
            summary=one_line(summary),
            severity=_first(fields, Column.SEVERITY),
            services=[
                name.strip()
                for _, value in fields.get(Column.SERVICES, [])
                for name in scalar(value).split(",")
                if name.strip()
            ],
            labels=self._labels(row, fields),
            url=http_url(_first(fields, Column.URL)),
        )

    def _time(
        self,
        fields: dict[Column, list[tuple[str, Any]]],
        field: Column,
        context: Context,
    ) -> Instant | None:
        value = _first_value(fields, field)
        if value is None:
            return None
        try:
            return read_any(value, context.zone)
        except TimeError as error:
            raise BadRecord(f"{_name(fields, field)}: {error}") from None

    def _labels(
        self, row: Row, fields: dict[Column, list[tuple[str, Any]]]
    ) -> dict[str, str]:
        labels = {
            column: scalar(value)
            for column, value in fields.get(Column.LABEL, [])
            if value not in (None, "")
        }
        if self.mapping.other_columns == "label":
            labels |= {
                key: scalar(value)
                for key, value in row.items()
                if key not in self.mapping.columns and value not in (None, "")
            }
        return labels


def _lookup(record: Any, path: tuple[str, ...]) -> Any:
    if isinstance(record, dict) and ".".join(path) in record:
        return record[".".join(path)]
    for part in path:
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record


def _first_value(fields: dict[Column, list[tuple[str, Any]]], field: Column) -> Any:
    values = [value for _, value in fields.get(field, []) if value not in (None, "")]
    return values[0] if values else None


def _first(fields: dict[Column, list[tuple[str, Any]]], field: Column) -> str | None:
    value = _first_value(fields, field)
    return None if value is None else scalar(value)


def _name(fields: dict[Column, list[tuple[str, Any]]], field: Column) -> str:
    return fields[field][0][0]


def _canonical(row: Row) -> str:
    return "\x1f".join(f"{key}={scalar(value)}" for key, value in sorted(row.items()))
