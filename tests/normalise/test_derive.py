from __future__ import annotations

from dataclasses import replace

from incidentlore.errors import Location
from incidentlore.model.catalog import Catalog
from incidentlore.model.signal import Signal, SignalKind
from incidentlore.normalise.adapter import Export, RawFile, new_signal
from incidentlore.normalise.derive import ServiceNames, merge, no_signals
from incidentlore.normalise.timestamps import read_time
from normalise.corpus import REGISTRY, utc

CATALOG = Catalog.model_validate(
    {
        "teams": {"shop": {}},
        "services": {"checkout": {"team": "shop"}, "payments": {"team": "shop"}},
        "severities": [{"id": "SEV1"}],
        "statuses": [{"id": "open"}],
        "ingest": {
            "services": {
                "labels": ["service", "app.kubernetes.io/name"],
                "aliases": {"checkout-api": "checkout"},
            }
        },
    }
)


def alert(ends: str | None = None, **labels: str) -> Signal:
    at = read_time("2020-01-01T00:00:00Z")
    assert at is not None
    return new_signal(
        id="alertmanager:1",
        source="alertmanager",
        kind=SignalKind.ALERT,
        at=at,
        ends_at=read_time(ends) if ends else None,
        summary="High latency",
        labels=labels,
    )


def test_the_resolved_copy_wins_whatever_the_order() -> None:
    firing = (alert(), Location("raw/a/1.json", 1, 1))
    resolved = (alert("2020-01-01T00:10:00Z"), Location("raw/a/2.json", 1, 1))
    for found in ([firing, resolved], [resolved, firing]):
        merged, duplicates = merge(found)
        assert duplicates == 1
        ((signal, origin),) = merged
        assert signal.ends_at is not None and signal.ends_at.start == utc(
            2020, 1, 1, 0, 10
        )
        assert origin.path == "raw/a/2.json"


def test_equal_copies_keep_the_first_stored_name() -> None:
    one = (alert(), Location("raw/a/b.json", 3, 1))
    other = (alert(), Location("raw/a/a.json", 9, 1))
    assert merge([one, other])[0] == [other]
    assert merge([other, one])[0] == [other]


def test_services_from_labels_through_aliases() -> None:
    name = ServiceNames(CATALOG).name
    signal = name(
        alert(**{"service": "checkout-api", "app.kubernetes.io/name": "payments"})
    )
    assert signal.services == ["checkout", "payments"]
    unknown = name(alert(service="search"))
    assert (unknown.services, unknown.labels) == ([], {"service": "search"})


def test_why_an_export_gave_no_signal() -> None:
    adapter = REGISTRY.get("docker")
    expected = 'expected one JSON object per line with "log", "stream" and "time"'
    blank = RawFile("raw/docker/a/x.log", "x.log", b" \n")
    cases = [
        (Export("docker", "raw/docker/a", ()), True, "the folder holds no files"),
        (
            Export("docker", "raw/docker/a", (blank,)),
            True,
            "the folder's files are empty",
        ),
        (Export("docker", "raw/docker/b.log", (blank,)), False, "the file is empty"),
        (
            Export("docker", "raw/docker/c.log", (replace(blank, data=b"down\n"),)),
            False,
            "no signals in this file",
        ),
    ]
    for export, folder, why in cases:
        assert no_signals(adapter, export, folder) == f"docker: {why}; {expected}"
