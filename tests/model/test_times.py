from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incidentlore.model.times import (
    Precision,
    TimeError,
    exact_instant,
    format_duration,
    parse_instant,
    span,
)
from support import utc


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("2018-10-21 22:52 UTC", utc(2018, 10, 21, 22, 52), Precision.MINUTE),
        ("2018-10-21T22:52:00Z", utc(2018, 10, 21, 22, 52), Precision.SECOND),
        (
            "2018-10-21T22:52:07.123456789Z",
            utc(2018, 10, 21, 22, 52, 7, 123456),
            Precision.SECOND,
        ),
        ("2017-02-28T09:37-08:00", utc(2017, 2, 28, 17, 37), Precision.MINUTE),
        ("2017-02-28 09:37 -0800", utc(2017, 2, 28, 17, 37), Precision.MINUTE),
        ("2026-11-30 14:02 Europe/Berlin", utc(2026, 11, 30, 13, 2), Precision.MINUTE),
        ("2017-01-31 18 UTC", utc(2017, 1, 31, 18), Precision.HOUR),
        ("2021-10-28 America/Los_Angeles", utc(2021, 10, 28, 7), Precision.DAY),
        ("2022-01 UTC", utc(2022, 1, 1), Precision.MONTH),
    ],
)
def test_written_forms(text: str, start: datetime, precision: Precision) -> None:
    instant = parse_instant(text)
    assert (instant.start, instant.precision, instant.text) == (start, precision, text)


def test_day_precision_is_the_whole_local_day() -> None:
    day = parse_instant("2021-10-28 America/Los_Angeles")
    assert (day.start, day.end) == (utc(2021, 10, 28, 7), utc(2021, 10, 29, 7))
    assert not day.exact


def test_month_interval_crosses_the_year() -> None:
    month = parse_instant("2021-12 UTC")
    assert month.end == utc(2022, 1, 1)


def test_naive_time_takes_the_default_zone() -> None:
    assert parse_instant("2024-03-05 14:02", "Europe/Berlin").start == utc(
        2024, 3, 5, 13, 2
    )


def test_naive_time_without_default_is_an_error() -> None:
    with pytest.raises(TimeError, match="has no time zone"):
        parse_instant("2024-03-05 14:02")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-03-31 02:30 Europe/Berlin", "does not exist in Europe/Berlin"),
        (
            "2024-10-27 02:30 Europe/Berlin",
            r"write the offset to say which: \+02:00 or \+01:00",
        ),
        ("2024-03-05 14:02 PST", "'PST' is not an IANA time zone"),
        ("2024-03-05 14:02 Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("2024-02-30 10:00 UTC", "is not a real date or time"),
        ("2024-03-05 14:02 +25:00", "is not a UTC offset"),
        ("yesterday", "is not a time"),
        ("14:30", "is not a time"),
    ],
)
def test_unreadable_times(text: str, message: str) -> None:
    with pytest.raises(TimeError, match=message):
        parse_instant(text)


def test_coarse_day_over_a_dst_change_is_not_an_error() -> None:
    day = parse_instant("2024-03-31 Europe/Berlin")
    assert day.end - day.start == timedelta(hours=23)


def test_precision_can_only_be_coarser() -> None:
    hour = parse_instant("2017-01-31 18:00 UTC", precision=Precision.HOUR)
    assert (hour.start, hour.end) == (utc(2017, 1, 31, 18), utc(2017, 1, 31, 19))
    with pytest.raises(TimeError, match="gives only day precision"):
        parse_instant("2017-01-31 UTC", precision=Precision.MINUTE)
    with pytest.raises(TimeError, match="more precise than hour"):
        parse_instant("2017-01-31 18:20 UTC", precision=Precision.HOUR)


def test_exact_span() -> None:
    started = parse_instant("2018-10-21 22:52 UTC")
    resolved = parse_instant("2018-10-22 23:03 UTC")
    assert str(span(started, resolved)) == "24 h 11 min"


def test_day_precision_span_is_a_range() -> None:
    started = parse_instant("2021-10-28 America/Los_Angeles")
    resolved = parse_instant("2021-10-31 America/Los_Angeles")
    result = span(started, resolved)
    assert (result.shortest, result.longest) == (timedelta(days=2), timedelta(days=4))
    assert str(result) == "between 48 h and 96 h"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 min"),
        (45, "45 s"),
        (27 * 60, "27 min"),
        (73 * 3600, "73 h"),
        (-120, "-2 min"),
    ],
)
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(timedelta(seconds=seconds)) == text


@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1)))
def test_iso_round_trip(moment: datetime) -> None:
    moment = moment.replace(microsecond=0, tzinfo=UTC)
    assert parse_instant(moment.strftime("%Y-%m-%dT%H:%M:%SZ")).start == moment


@pytest.mark.parametrize(
    "text", ["9999-12-31 23:59 UTC", "0001-01-01 00:00 +01:00", "9999-12 UTC"]
)
def test_years_at_the_ends_of_the_calendar_are_refused(text: str) -> None:
    with pytest.raises(
        TimeError, match=r"outside the years lore reads \(1000 to 9000\)"
    ):
        parse_instant(text)


def test_digits_of_other_scripts_are_not_read_as_a_time() -> None:
    with pytest.raises(TimeError, match="is not a time"):
        parse_instant("\uff12\uff10\uff12\uff16-03-29 10:00 UTC")  # full-width digits


@pytest.mark.parametrize(
    "moment",
    [
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(9999, 12, 31, 20, tzinfo=timezone(timedelta(hours=-5))),
        datetime(1, 1, 1, 3, tzinfo=timezone(timedelta(hours=2))),
    ],
)
def test_an_exact_instant_at_the_ends_of_the_calendar_is_a_time_error(
    moment: datetime,
) -> None:
    with pytest.raises(TimeError) as error:
        exact_instant(moment, "as written", "UTC")
    assert str(error.value) == (
        "'as written' lies at the very end of the calendar (year 1 or 9999), where "
        "lore cannot place it on a timeline; exporters write such values to mean "
        "'never'"
    )


@pytest.mark.parametrize("name", ["GMT", "EST5EDT", "PST8PDT"])
def test_iana_names_without_a_slash_that_are_unambiguous(name: str) -> None:
    assert parse_instant(f"2024-03-05 14:02 {name}").zone == name
