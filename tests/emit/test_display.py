from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

from incidentlore.assemble.timeline import Entry, Timeline
from incidentlore.emit.display import rows, show_instant, show_time, show_until
from incidentlore.errors import Location
from incidentlore.model.times import Precision, parse_instant


def entry(at: str, entry_id: str) -> Entry:
    return Entry(
        "signal", "event", "manual", entry_id, parse_instant(at), "x", Location("f")
    )


def test_dates_shown_where_the_day_changes() -> None:
    timeline = Timeline(
        "INC-1",
        (
            entry("2018-10-21 22:52 UTC", "a"),
            entry("2018-10-21 23:13 UTC", "b"),
            entry("2018-10-22 00:05 UTC", "c"),
            entry("2018-10-22 23:03 UTC", "d"),
        ),
    )
    shown = [(row.date, row.time) for row in rows(timeline, UTC)]
    assert shown == [
        ("2018-10-21", "22:52 +00:00"),
        ("", "23:13 +00:00"),
        ("2018-10-22", "00:05 +00:00"),
        ("", "23:03 +00:00"),
    ]


def test_another_zone_moves_the_date_and_shows_the_offset() -> None:
    timeline = Timeline(
        "INC-1",
        (entry("2018-10-21 22:52 UTC", "a"), entry("2018-10-22 03:00 UTC", "b")),
    )
    shown = [(row.date, row.time) for row in rows(timeline, ZoneInfo("Asia/Tokyo"))]
    assert shown == [("2018-10-22", "07:52 +09:00"), ("", "12:00 +09:00")]


def test_coarse_times_show_only_what_is_known() -> None:
    zone = ZoneInfo("UTC")
    day = parse_instant("2021-10-28 America/Los_Angeles")
    assert show_time(day, zone) == "(some time that day)"
    assert show_instant(day, zone) == "2021-10-28 (day precision)"
    hour = parse_instant("2017-01-31 18:00 UTC", precision=Precision.HOUR)
    assert show_time(hour, zone) == "18:00–19:00 +00:00"
    month = parse_instant("2022-01 UTC")
    assert show_instant(month, zone) == "2022-01 (month precision)"


def test_day_precision_keeps_its_own_calendar_date() -> None:
    # Midnight in Los Angeles is already the next morning in Tokyo; the date stays.
    timeline = Timeline("INC-1", (entry("2021-10-28 America/Los_Angeles", "a"),))
    (row,) = rows(timeline, ZoneInfo("Asia/Tokyo"))
    assert row.date == "2021-10-28"


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
