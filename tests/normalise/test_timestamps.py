from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from incidentlore.model.times import Precision, TimeError
from incidentlore.normalise.timestamps import read_any, read_epoch, read_time
from normalise.corpus import utc


@pytest.mark.parametrize(
    ("text", "start", "zone"),
    [
        (
            "2018-03-07T06:33:21.873077559-05:00",
            utc(2018, 3, 7, 11, 33, 21, 873077),
            "-05:00",
        ),
        ("2017-05-09T07:08:37.81827Z", utc(2017, 5, 9, 7, 8, 37, 818270), "UTC"),
        ("2016-03-02T22:59:04.66649744Z", utc(2016, 3, 2, 22, 59, 4, 666497), "UTC"),
        (
            "2019-01-10T11:18:58,448+0100",
            utc(2019, 1, 10, 10, 18, 58, 448000),
            "+01:00",
        ),
        (
            "2026-05-27 15:36:00.112013015 +0000 UTC m=+8560.285724134",
            utc(2026, 5, 27, 15, 36, 0, 112013),
            "+00:00",
        ),
        ("2024-03-01T02:09:00Z", utc(2024, 3, 1, 2, 9), "UTC"),
    ],
)
def test_rfc3339_and_go_times(text: str, start: datetime, zone: str) -> None:
    instant = read_time(text)
    assert instant is not None
    assert (instant.start, instant.zone, instant.text) == (start, zone, text)
    assert instant.precision is Precision.SECOND


@pytest.mark.parametrize(
    "text", ["0001-01-01T00:00:00Z", "0001-01-01 00:00:00 +0000 UTC"]
)
def test_go_zero_time_means_not_ended(text: str) -> None:
    assert read_time(text) is None


def test_a_naive_time_takes_the_zone_given() -> None:
    instant = read_time("2019-06-14T10:40:20.912134", "Europe/Berlin")
    assert instant is not None
    assert instant.start == utc(2019, 6, 14, 8, 40, 20, 912134)
    assert instant.zone == "Europe/Berlin"


def test_a_naive_time_without_a_zone_says_how_to_fix_it() -> None:
    with pytest.raises(TimeError) as error:
        read_time("2019-06-14T10:40:20.912134")
    assert str(error.value) == (
        "'2019-06-14T10:40:20.912134' has no time zone; set 'timezone' in "
        "incident.yaml or 'default_timezone' in lore.yaml to say which zone it was "
        "written in"
    )


@pytest.mark.parametrize(
    ("value", "start"),
    [
        (1420452224764002246, utc(2015, 1, 5, 10, 3, 44, 764002)),  # nanoseconds
        ("1448435477000", utc(2015, 11, 25, 7, 11, 17)),  # milliseconds as text
        (1502709956288, utc(2017, 8, 14, 11, 25, 56, 288000)),
        ("1516454398.000069", utc(2018, 1, 20, 13, 19, 58, 69)),  # seconds
        (Decimal("1516454398.000069"), utc(2018, 1, 20, 13, 19, 58, 69)),
        (1516454398123456, utc(2018, 1, 20, 13, 19, 58, 123456)),  # microseconds
    ],
)
def test_epoch_values_in_any_unit(value: int | str | Decimal, start: datetime) -> None:
    instant = read_epoch(value)
    assert instant.start == start
    written = format(value, "f") if isinstance(value, Decimal) else str(value)
    assert instant.text == written


def test_nineteen_digits_are_never_rounded_through_a_float() -> None:
    # As a float, 1502709956288000110 ns would become ...288000000 or ...288000256.
    instant = read_epoch(1502709956288000999)
    assert instant.start == utc(2017, 8, 14, 11, 25, 56, 288000)
    assert instant.text == "1502709956288000999"


def test_slack_ts_is_seconds_and_kept_as_written() -> None:
    instant = read_epoch("1516454398.000069", "s")
    assert (instant.text, instant.start.microsecond) == ("1516454398.000069", 69)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "True is not a time"),
        ("soon", "'soon' is not a number of seconds since 1970"),
        ("123456789012345678901", "'123456789012345678901' is not a number of seconds"),
    ],
)
def test_unreadable_epochs(value: object, message: str) -> None:
    with pytest.raises(TimeError, match=message):
        read_epoch(value)  # type: ignore[arg-type]


def test_read_any_picks_the_form() -> None:
    text_time = read_any("2018-04-05T17:31:00Z")
    number = read_any(1448435530000)
    numeric_text = read_any("1448435530000")
    assert text_time is not None and number is not None and numeric_text is not None
    assert number.start == numeric_text.start == utc(2015, 11, 25, 7, 12, 10)
    with pytest.raises(TimeError, match="expected a time, got an object"):
        read_any({"at": 1})


def test_impossible_values_are_errors() -> None:
    with pytest.raises(TimeError, match="is not a real date or time"):
        read_time("2019-02-30T00:00:00Z")
    with pytest.raises(TimeError, match="impossible UTC offset"):
        read_time("2019-02-03T00:00:00+25:00")
    with pytest.raises(TimeError, match="is not a time such as"):
        read_time("yesterday")
