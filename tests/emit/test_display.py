from __future__ import annotations

from datetime import UTC

from incidentlore.assemble.timeline import Entry, Timeline
from incidentlore.emit.display import rows, show_until
from incidentlore.errors import Location
from incidentlore.model.times import parse_instant


def ranged(start: str, end: str | None) -> Entry:
    return Entry(
        kind="signal",
        category="action",
        source="manual",
        id="work",
        at=parse_instant(start),
        ends_at=parse_instant(end) if end else None,
        text="Work",
        origin=Location("signals.yaml", 3, 5),
    )


def test_an_end_on_the_same_day_shows_only_its_time() -> None:
    entry = ranged("2021-01-04 07:00 -08:00", "2021-01-04 08:15 -08:00")
    assert show_until(entry, UTC) == "16:15 +00:00"


def test_an_end_on_another_day_in_the_display_zone_shows_its_date() -> None:
    entry = ranged("2021-10-28 16:00 America/Los_Angeles", "2021-10-28 19:00 -07:00")
    assert show_until(entry, UTC) == "2021-10-29 02:00 +00:00"


def test_a_coarse_end_shows_its_day() -> None:
    entry = ranged("2021-10-28 16:00 UTC", "2021-10-29 UTC")
    assert show_until(entry, UTC) == "2021-10-29 (day precision)"


def test_rows_show_the_end_after_the_start() -> None:
    timeline = Timeline(
        "INC-1",
        (
            ranged("2017-02-28 09:37 -08:00", "2017-02-28 11:37 -08:00"),
            ranged("2017-02-28 12:26 -08:00", None),
        ),
    )
    shown = [(row.date, row.when) for row in rows(timeline, UTC)]
    assert shown == [
        ("2017-02-28", "17:37 +00:00 until 19:37 +00:00"),
        ("", "20:26 +00:00"),
    ]
