from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

import pytest

from incidentlore.model.times import Precision, TimeError
from incidentlore.normalise.timestamps import read_any, read_epoch, read_time
from normalise.corpus import ZONE_ADVICE, utc


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
        # Written out, these would be 300 million digits: they are refused as written.
        (Decimal("1e300000000"), "'1E\\+300000000' is not a number of seconds"),
        (Decimal("1e-300000000"), "'1E-300000000' is not a number of seconds"),
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


@pytest.mark.parametrize("word", ["PST", "XYZ", "EST"])
def test_a_zone_word_lore_cannot_read_is_refused_not_ignored(word: str) -> None:
    text = f"2026-03-29 01:40:00 {word}"
    with pytest.raises(TimeError) as error:
        read_time(text, "Asia/Tokyo")
    assert str(error.value) == f"{text!r}: {word!r} {ZONE_ADVICE}"


@pytest.mark.parametrize(
    ("text", "start", "zone"),
    [
        (
            "2026-03-29 01:40:00 America/Los_Angeles",
            utc(2026, 3, 29, 8, 40),
            "America/Los_Angeles",
        ),
        ("2026-03-29T01:40:00.25 UTC", utc(2026, 3, 29, 1, 40, 0, 250000), "UTC"),
    ],
)
def test_a_zone_named_after_a_time_is_its_zone(
    text: str, start: datetime, zone: str
) -> None:
    instant = read_time(text, "Asia/Tokyo")
    assert instant is not None
    assert (instant.start, instant.zone, instant.text) == (start, zone, text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-29T01:40:00Z PST",  # Go writes a zone's abbreviation after an offset
        "2026-03-29 01:40:00 PST m=+1.5",
        "2026-03-29 01:40:00 UTC later",
    ],
)
def test_other_text_after_a_time_is_refused(text: str) -> None:
    with pytest.raises(TimeError) as error:
        read_time(text, "Asia/Tokyo")
    assert str(error.value) == f"{text!r} is not a time such as '2024-03-01T02:09:00Z'"


RULE = (
    "epoch times are read as seconds (up to 10 digits), milliseconds (13), "
    "microseconds (16) or nanoseconds (19)"
)


@pytest.mark.parametrize(
    ("value", "digits", "readings"),
    [
        # 9999-12-31 23:59:59 in seconds, and the second after it.
        (253402300799, 12, "as seconds it would be 9999, as milliseconds 1978"),
        (253402300800, 12, "as seconds it would be after 9999, as milliseconds 1978"),
        (99_999_999_999, 11, "as seconds it would be 5138, as milliseconds 1973"),
        (
            "253402300799999",
            15,
            "as milliseconds it would be 9999, as microseconds 1978",
        ),
        (10**16, 17, "as microseconds it would be 2286, as nanoseconds 1970"),
        (10**19, 20, "as nanoseconds it would be 2286"),
    ],
)
def test_an_epoch_number_of_no_unit_s_length_is_refused(
    value: int | str, digits: int, readings: str
) -> None:
    with pytest.raises(TimeError) as error:
        read_epoch(value)
    assert str(error.value) == (
        f"'{value}' has {digits} digits, which fits no unit: {readings}; {RULE}"
    )


@pytest.mark.parametrize(
    ("value", "start"),
    [
        (0, utc(1970, 1, 1)),
        (9_999_999_999, utc(2286, 11, 20, 17, 46, 39)),  # the last in seconds
        (10**12, utc(2001, 9, 9, 1, 46, 40)),  # the first in milliseconds
        (9_999_999_999_999, utc(2286, 11, 20, 17, 46, 39, 999000)),
        (10**15, utc(2001, 9, 9, 1, 46, 40)),  # microseconds
        (10**18, utc(2001, 9, 9, 1, 46, 40)),  # nanoseconds
        (9_999_999_999_999_999_999, utc(2286, 11, 20, 17, 46, 39, 999999)),
    ],
)
def test_epoch_units_at_the_edges_of_their_ranges(value: int, start: datetime) -> None:
    assert read_epoch(value).start == start


@pytest.mark.parametrize(
    ("read", "value"),
    [
        (read_time, "9999-12-31T23:59:59Z"),
        (read_time, "9999-12-31T20:00:00-05:00"),
        (read_time, "9999-12-31 23:59:59"),
        (read_time, "0001-01-02T02:00:00+05:00"),
        (read_any, "9999-12-31T23:59:59.999999Z"),
    ],
)
def test_times_at_the_ends_of_the_calendar_are_refused(
    read: Callable[[str, str | None], object], value: str
) -> None:
    with pytest.raises(TimeError) as error:
        read(value, "UTC")
    assert str(error.value) == (
        f"{value!r} lies at the very end of the calendar (year 1 or 9999), where lore "
        "cannot place it on a timeline; exporters write such values to mean 'never'"
    )


def test_an_epoch_in_seconds_past_the_calendar_is_refused() -> None:
    with pytest.raises(TimeError) as error:
        read_epoch(253402300800, "s")
    assert str(error.value) == "'253402300800' is too far in the future to be a time"
