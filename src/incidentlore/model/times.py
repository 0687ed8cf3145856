"""Instants as incident write-ups state them: aware, and only as precise as the source.

A time is written as ISO 8601 with a zone (`2018-10-21 22:52 UTC`,
`2017-02-28T09:37-08:00`, `2026-11-30 14:02 Europe/Berlin`). Leaving out the time of
day, or the day, makes the value coarser: `2021-10-28` means "some time that day" and is
kept as an interval, never as midnight. Minute and second precision count as exact.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Precision(enum.StrEnum):
    SECOND = "second"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"

    @property
    def exact(self) -> bool:
        return self in _EXACT

    @property
    def rank(self) -> int:
        """0 for the finest; a coarser precision has a larger rank."""
        return _RANKS[self]


_RANKS = {precision: rank for rank, precision in enumerate(Precision)}
_EXACT = frozenset((Precision.SECOND, Precision.MINUTE))

_TIME = re.compile(
    r"""
    (?P<year>\d{4})-(?P<month>\d{2})
    (?:-(?P<day>\d{2})
      (?:[T\x20](?P<hour>\d{2})
        (?::(?P<minute>\d{2})
          (?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?
        )?
      )?
    )?
    \s*(?P<zone>Z|[+-]\d{2}:?\d{2}|[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*)?
    """,
    re.VERBOSE | re.ASCII,  # ASCII: \d must not match other scripts' digits
)

EXAMPLE = "2026-11-30 14:02 Europe/Berlin"


class TimeError(ValueError):
    """A time that cannot be read; the message says how to write it."""


class Instant(NamedTuple):
    """The interval [start, end) that a written time names, both ends in UTC.

    A named tuple: immutable, and much cheaper to make than a frozen dataclass, which
    matters when an export brings a hundred thousand of them.
    """

    start: datetime
    end: datetime
    precision: Precision
    zone: str
    text: str
    stated: str | None = None
    approximate: bool = False

    @property
    def exact(self) -> bool:
        return self.precision.exact

    @property
    def latest(self) -> datetime:
        """The latest moment the time can mean; exact times are points."""
        return self.start if self.exact else self.end

    def local_start(self) -> datetime:
        """The start in the zone the time was written in."""
        return self.start.astimezone(zone_named(self.zone))

    def sort_key(self) -> tuple[datetime, int]:
        return (self.start, self.precision.rank)


# IANA names without a slash that say exactly what they mean: Greenwich time, and the
# US rules with both offsets in the name. EST, MST and HST are IANA names too, but fixed
# offsets that sources misuse for the summer time; they are refused with PST and CET.
_UNSLASHED = re.compile(r"GMT|UCT|Universal|Zulu|[A-Z]{3}[0-9][A-Z]{3}")


def zone_named(name: str) -> tzinfo:
    """A zone from `UTC`, `Z`, an offset such as `+02:00`, or an IANA name."""
    if name in ("Z", "UTC"):
        return UTC
    if not name:
        raise TimeError("no time zone given; write UTC, an offset or an IANA name")
    if name[0] in "+-":
        digits = name[1:].replace(":", "")
        if len(digits) != 4 or not digits.isdigit():
            raise TimeError(f"{name!r} is not a UTC offset; write it as +HH:MM")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise TimeError(f"{name!r} is not a UTC offset; write it as +HH:MM")
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if name[0] == "-" else delta)
    if "/" not in name and not _UNSLASHED.fullmatch(name):
        raise TimeError(
            f"{name!r} is not an IANA time zone; abbreviations such as PST are "
            "ambiguous: write the offset (-08:00) or a zone name (America/Los_Angeles)"
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeError(
            f"unknown time zone {name!r}; use an IANA name such as Europe/Berlin"
        ) from None


def parse_instant(
    text: str,
    default_zone: str | None = None,
    precision: Precision | None = None,
    *,
    stated: str | None = None,
    approximate: bool = False,
) -> Instant:
    """Read a written time; `precision` may only make it coarser than written."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise TimeError(f"{text!r} is not a time; write it like {EXAMPLE!r}")
    parts = match.groupdict()
    written = _written_precision(parts)
    if precision is None:
        precision = written
    elif precision.rank < written.rank:
        raise TimeError(
            f"{text!r} gives only {written} precision, so it cannot be {precision}"
        )
    zone = parts["zone"] or default_zone
    if zone is None:
        raise TimeError(
            f"{text!r} has no time zone; add one ('{text} UTC', '{text} +02:00') "
            "or set default_timezone in lore.yaml"
        )
    tz = zone_named(zone)
    naive = _naive(parts, text)
    _check_truncated(naive, precision, text)
    if not FIRST_YEAR <= naive.year <= LAST_YEAR:
        raise TimeError(
            f"{text!r} is outside the years lore reads ({FIRST_YEAR} to {LAST_YEAR})"
        )
    start = _to_utc(naive, tz, text, zone, strict=precision.rank <= Precision.HOUR.rank)
    end = _to_utc(_advance(naive, precision), tz, text, zone, strict=False)
    return Instant(start, end, precision, zone, text, stated, approximate)


# Far enough from Python's year 1 and 9999 that no zone offset or interval can
# overflow a datetime, and wider than any incident record needs.
FIRST_YEAR, LAST_YEAR = 1000, 9000


def exact_instant(
    moment: datetime, text: str, zone: str, precision: Precision = Precision.SECOND
) -> Instant:
    """A machine timestamp: the aware `moment` it names and `text` exactly as written.

    Exports state instants to the second or finer, so the interval is one second (or
    one minute) long from the moment, like a written time of that precision.
    """
    if moment.tzinfo is None:
        raise TimeError(f"{text!r} has no time zone")
    try:
        start = moment.astimezone(UTC)
        if not _CALENDAR_START < start < _CALENDAR_END:
            raise OverflowError
    except OverflowError:
        raise TimeError(
            f"{text!r} lies at the very end of the calendar (year 1 or 9999), where "
            "lore cannot place it on a timeline; exporters write such values to mean "
            "'never'"
        ) from None
    step = _MINUTE if precision is Precision.MINUTE else _SECOND
    return Instant(start, start + step, precision, zone, text)


_SECOND, _MINUTE = timedelta(seconds=1), timedelta(minutes=1)


# Later steps move a time by up to a day (display zones, the margin around an
# incident's window); machine times this close to the ends of what a datetime holds
# could not be moved, so they are refused when read.
_CALENDAR_ROOM = timedelta(days=2)
_CALENDAR_START = datetime.min.replace(tzinfo=UTC) + _CALENDAR_ROOM
_CALENDAR_END = datetime.max.replace(tzinfo=UTC) - _CALENDAR_ROOM


def _written_precision(parts: dict[str, str | None]) -> Precision:
    for name, precision in (
        ("second", Precision.SECOND),
        ("minute", Precision.MINUTE),
        ("hour", Precision.HOUR),
        ("day", Precision.DAY),
    ):
        if parts[name] is not None:
            return precision
    return Precision.MONTH


def _naive(parts: dict[str, str | None], text: str) -> datetime:
    fraction = parts["fraction"] or ""
    try:
        return datetime(
            int(parts["year"] or 0),
            int(parts["month"] or 1),
            int(parts["day"] or 1),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
            int(fraction[:6].ljust(6, "0")),
        )
    except ValueError as error:
        raise TimeError(f"{text!r} is not a real date or time ({error})") from None


def _check_truncated(naive: datetime, precision: Precision, text: str) -> None:
    finer = {
        Precision.SECOND: 0,  # fractions of a second are kept as written
        Precision.MINUTE: naive.second or naive.microsecond,
        Precision.HOUR: naive.minute or naive.second or naive.microsecond,
        Precision.DAY: naive.hour or naive.minute or naive.second,
        Precision.MONTH: naive.day != 1 or naive.hour or naive.minute,
    }[precision]
    if finer:
        raise TimeError(
            f"{text!r} is more precise than {precision}; drop the finer part "
            f"or choose a finer precision"
        )


def _advance(naive: datetime, precision: Precision) -> datetime:
    if precision is Precision.MONTH:
        year, month = divmod(naive.month, 12)
        return naive.replace(year=naive.year + year, month=month + 1)
    return naive + _STEPS[precision]


_STEPS = {
    Precision.SECOND: timedelta(seconds=1),
    Precision.MINUTE: timedelta(minutes=1),
    Precision.HOUR: timedelta(hours=1),
    Precision.DAY: timedelta(days=1),
}


def _to_utc(
    naive: datetime, tz: tzinfo, text: str, zone: str, *, strict: bool
) -> datetime:
    first = naive.replace(tzinfo=tz, fold=0)
    if strict and isinstance(tz, ZoneInfo):
        second = naive.replace(tzinfo=tz, fold=1)
        if first.utcoffset() != second.utcoffset():
            back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
            if back != naive:
                raise TimeError(
                    f"{text!r} does not exist in {zone}: the clocks skipped that "
                    "hour for daylight saving time; check the source and write "
                    "the UTC offset explicitly"
                )
            offsets = sorted(_offset(value.utcoffset()) for value in (first, second))
            raise TimeError(
                f"{text!r} happened twice in {zone} (daylight saving time ended); "
                f"write the offset to say which: {offsets[1]} or {offsets[0]}"
            )
    return first.astimezone(UTC)


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def format_offset(moment: datetime) -> str:
    return _offset(moment.utcoffset())


@dataclass(frozen=True, slots=True)
class Span:
    """Time between two instants: exact, or the range their precisions allow."""

    shortest: timedelta
    longest: timedelta
    approximate: bool = False

    @property
    def exact(self) -> bool:
        return self.shortest == self.longest

    def __str__(self) -> str:
        about = "about " if self.approximate else ""
        if self.exact:
            return about + format_duration(self.shortest)
        return (
            f"{about}between {format_duration(self.shortest)} "
            f"and {format_duration(self.longest)}"
        )


def span(first: Instant, last: Instant) -> Span:
    approximate = first.approximate or last.approximate
    if first.exact and last.exact:
        delta = last.start - first.start
        return Span(delta, delta, approximate)
    shortest = max(last.start - first.latest, timedelta())
    return Span(shortest, last.latest - first.start, approximate)


def format_duration(delta: timedelta) -> str:
    """Hours and minutes, as post-mortems state them: "24 h 11 min", "73 h"."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3_600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        f"{value} {unit}"
        for value, unit in ((hours, "h"), (minutes, "min"), (seconds, "s"))
        if value
    ]
    return sign + (" ".join(parts) if parts else "0 min")
