from __future__ import annotations

import pytest
from pydantic import ValidationError

from incidentlore.model.ingest import Mapping
from incidentlore.normalise.adapter import Context
from incidentlore.normalise.mapping import MappingAdapter
from incidentlore.normalise.testkit import parse_bytes
from normalise.corpus import rejected, utc

CSV = Mapping.model_validate(
    {
        "format": "csv",
        "kind": "status",
        "columns": {
            "id": "id",
            "created_at": "at",
            "resolved_at": "ends_at",
            "title": "summary",
            "impact": "severity",
            "component": "services",
            "link": "url",
        },
    }
)


def test_csv_rows_become_signals() -> None:
    text = (
        "id,created_at,resolved_at,title,impact,component,link,region\n"
        "p1,2021-01-04T15:07:00Z,2021-01-04T17:30:00Z,API errors,major,api,"
        "https://status.example.com/p1,us\n"
        'p2,1609773000,,"Slow, then ""down""",minor,,,eu\n'
        "p3,yesterday,,Bad time,minor,,,eu\n"
    )
    result = parse_bytes(MappingAdapter("statuspage", CSV), text.encode(), "page.csv")
    assert [(s.id, s.at.start, s.summary, s.severity) for s, _ in result.signals] == [
        ("statuspage:p1", utc(2021, 1, 4, 15, 7), "API errors", "major"),
        ("statuspage:p2", utc(2021, 1, 4, 15, 10), 'Slow, then "down"', "minor"),
    ]
    first = result.signals[0][0]
    assert first.ends_at is not None and first.ends_at.start == utc(2021, 1, 4, 17, 30)
    assert (first.services, first.labels, first.url) == (
        ["api"],
        {"region": "us"},
        "https://status.example.com/p1",
    )
    assert [where.line for _, where in result.signals] == [2, 3]
    assert rejected(result) == [
        "page.csv:4:1: warning: created_at: 'yesterday' is not a time such as "
        "'2024-03-01T02:09:00Z'"
    ]


def test_a_missing_column_is_named() -> None:
    result = parse_bytes(
        MappingAdapter("statuspage", CSV), b"id,when,title\n1,2,3\n", "page.csv"
    )
    assert rejected(result) == [
        "page.csv:1:1: warning: the header has no column 'created_at'; it has 'id', "
        "'when', 'title'"
    ]


def test_json_records_under_a_path_with_nested_keys() -> None:
    mapping = Mapping.model_validate(
        {
            "format": "json",
            "records": "data.items",
            "columns": {
                "attributes.at": "at",
                "attributes.what": "summary",
                "x": "ignore",
            },
            "other_columns": "ignore",
        }
    )
    text = (
        '{"data": {"items": [\n'
        '  {"attributes": {"at": "2020-05-01 10:00", "what": "Failover"}, "x": 1},\n'
        '  {"attributes": {"at": "2020-05-01 10:05", "what": "Failover"}, "x": 1},\n'
        '  {"attributes": {"at": "2020-05-01 10:05", "what": "Failover"}, "x": 1}\n'
        "]}}"
    )
    adapter = MappingAdapter("failovers", mapping)
    result = parse_bytes(adapter, text.encode(), "f.json", Context("Europe/Berlin"))
    assert [
        (s.id.split(":")[0], s.at.start, where.line) for s, where in result.signals
    ] == [
        ("failovers", utc(2020, 5, 1, 8), 2),
        ("failovers", utc(2020, 5, 1, 8, 5), 3),
        ("failovers", utc(2020, 5, 1, 8, 5), 4),
    ]
    ids = [s.id for s, _ in result.signals]
    assert ids[2] == ids[1] + "-2"  # a repeated row is a repetition, not a duplicate
    assert result.signals[0][0].labels == {}


def test_a_mapping_needs_a_time_and_a_summary() -> None:
    with pytest.raises(ValidationError, match="columns: map one column to 'summary'"):
        Mapping.model_validate({"format": "csv", "columns": {"a": "at"}})
    with pytest.raises(ValidationError, match="only one column can be 'at'"):
        Mapping.model_validate(
            {"format": "csv", "columns": {"a": "at", "b": "at", "c": "summary"}}
        )
