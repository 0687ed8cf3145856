from __future__ import annotations

from datetime import UTC, datetime

import pytest

from incidentlore.author.times import is_time_of_day, now_text, typed_date, typed_time
from incidentlore.errors import UsageError
from incidentlore.model.times import parse_instant

STARTED = parse_instant("2026-11-30 00:30 Europe/Berlin")  # 23:30 UTC the day before


def test_a_bare_time_takes_the_date_of_the_start_in_the_zone() -> None:
    assert typed_time("mitigated", "15:40", "Europe/Berlin", STARTED).text == (
        "2026-11-30 15:40 Europe/Berlin"
    )
    assert (
        typed_time("mitigated", "9:05", "UTC", STARTED).text == "2026-11-29 09:05 UTC"
    )
    assert (
        typed_time("at", "23:59:30", "UTC", STARTED).text == "2026-11-29 23:59:30 UTC"
    )


def test_a_bare_time_may_name_its_zone() -> None:
    instant = typed_time("at", "15:40 America/New_York", None, STARTED)
    assert instant.text == "2026-11-29 15:40 America/New_York"


def test_a_bare_time_without_any_zone_is_refused() -> None:
    with pytest.raises(UsageError) as raised:
        typed_time("mitigated", "15:40", None, STARTED)
    assert str(raised.value) == (
        "mitigated: '15:40' names no zone and neither the incident (timezone:) nor "
        "lore.yaml (default_timezone:) gives one; write the zone, e.g. '15:40 UTC', "
        "or the full time, e.g. '2026-11-30 14:02 Europe/Berlin'"
    )


def test_full_times_are_kept_or_given_the_rules_zone() -> None:
    assert typed_time("at", "2026-12-01 08:00 +01:00", "UTC", None).text == (
        "2026-12-01 08:00 +01:00"
    )
    assert typed_time("at", "2026-12-01  08:00", "Europe/Berlin", None).text == (
        "2026-12-01 08:00 Europe/Berlin"
    )


@pytest.mark.parametrize(
    ("text", "zone", "message"),
    [
        (
            "yesterday",
            "UTC",
            "at: 'yesterday' is not a time; write it like "
            "'2026-11-30 14:02 Europe/Berlin'",
        ),
        (
            "2026-12-01 08:00",
            None,
            "at: '2026-12-01 08:00' has no time zone; add one ('2026-12-01 08:00 UTC', "
            "'2026-12-01 08:00 +02:00') or set default_timezone in lore.yaml",
        ),
        (
            "25:00",
            "UTC",
            "at: '2026-11-29 25:00 UTC' is not a real date or time "
            "(hour must be in 0..23)",
        ),
        (
            "15:40",
            "Mars/Olympus",
            "at: unknown time zone 'Mars/Olympus'; use an IANA "
            "name such as Europe/Berlin",
        ),
    ],
)
def test_times_that_cannot_be_read(text: str, zone: str | None, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        typed_time("at", text, zone, STARTED)
    assert str(raised.value) == message


def test_is_time_of_day() -> None:
    assert is_time_of_day("15:40")
    assert is_time_of_day(" 9:05  UTC ")
    assert not is_time_of_day("2026-11-30 15:40")


def test_now_text() -> None:
    now = datetime(2026, 11, 30, 14, 2, 59, tzinfo=UTC)
    assert now_text(now, "Europe/Berlin") == "2026-11-30 15:02 Europe/Berlin"
    assert now_text(now, None) == "2026-11-30 14:02 UTC"


def test_typed_date() -> None:
    assert typed_date("--due", " 2026-12-15 ") == "2026-12-15"
    with pytest.raises(UsageError) as raised:
        typed_date("--due", "15.12.2026")
    assert (
        str(raised.value) == "--due: '15.12.2026' is not a date; write it as 2026-12-31"
    )


def test_a_bare_time_needs_a_day() -> None:
    with pytest.raises(UsageError) as raised:
        typed_time("--started", "15:40", "UTC", None)
    assert str(raised.value) == (
        "--started: '15:40' needs a date, e.g. '2026-11-30 14:02 Europe/Berlin'"
    )
