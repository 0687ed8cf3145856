"""Times as machines write them, each read into an Instant that keeps the original text.

RFC 3339 with any number of fraction digits, a comma or a point before them, offsets
with or without a colon; Go's `time.String()` (`... +0000 UTC m=+8560.28`); epoch
numbers in seconds, milliseconds, microseconds or nanoseconds, as numbers or strings,
read with integer arithmetic so that 19-digit values stay exact. Go's zero time
(`0001-01-01T00:00:00Z`) is what exporters write for "not ended": it reads as None.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal

from incidentlore.model.times import (
    Instant,
    Precision,
    TimeError,
    exact_instant,
    format_offset,
    zone_named,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_STAMP = re.compile(
    r"""
    (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})
    [Tt\x20]
    (?P<hour>\d{2}):(?P<minute>\d{2})
    (?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,18}))?)?
    \x20?(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?
    (?:\x20(?:[A-Z]{1,6}|[+-]\d{2,4}))?      # Go: the zone's abbreviation
    (?:\x20m=[+-]\d+(?:\.\d+)?)?             # Go: the monotonic clock reading
    """,
    re.VERBOSE,
)
_NUMBER = re.compile(r"(?P<whole>\d{1,20})(?:\.(?P<fraction>\d{1,18}))?")

# An epoch value's unit, by the size of its whole part: seconds until the year 5138.
_UNITS = ((10**11, 1), (10**14, 1_000), (10**17, 1_000_000), (10**20, 1_000_000_000))
UNIT_NAMES = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
EXAMPLE = "2024-03-01T02:09:00Z"


def read_time(text: str, zone: str | None = None) -> Instant | None:
    """An RFC 3339 or Go time; None for the zero time. `zone` is for naive stamps."""
    quick = _iso(text)
    if quick is not None:
        return quick
    match = _STAMP.fullmatch(text.strip())
    if match is None:
        raise TimeError(f"{text!r} is not a time such as {EXAMPLE!r}")
    part = match.group
    if part("year") == "0001" and part("month") == "01" and part("day") == "01":
        return None
    tz, zone_label = _zone(part("offset"), zone, text)
    fraction = part("fraction") or ""
    try:
        naive = datetime(
            int(part("year")),
            int(part("month")),
            int(part("day")),
            int(part("hour")),
            int(part("minute")),
            int(part("second") or 0),
            int(fraction[:6].ljust(6, "0")),
        )
    except ValueError as error:
        raise TimeError(f"{text!r} is not a real date or time ({error})") from None
    precision = Precision.MINUTE if part("second") is None else Precision.SECOND
    return exact_instant(naive.replace(tzinfo=tz), text, zone_label, precision)


def _iso(text: str) -> Instant | None:
    """The common case, read by the standard library: a full stamp with a zone."""
    if len(text) < 20 or text[10] not in "Tt ":
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None or moment.year == 1:
        return None  # left to the slow path: it knows the zone, and the zero time
    label = "UTC" if text[-1] in "Zz" else format_offset(moment)
    precision = Precision.SECOND if text[16:17] == ":" else Precision.MINUTE
    return exact_instant(moment, text, label, precision)


def _zone(offset: str | None, zone: str | None, text: str) -> tuple[tzinfo, str]:
    if offset is None:
        if zone is None:
            raise TimeError(
                f"{text!r} has no time zone; set 'timezone' in incident.yaml or "
                "'default_timezone' in lore.yaml to say which zone it was written in"
            )
        return zone_named(zone), zone
    if offset in ("Z", "z"):
        return UTC, "UTC"
    digits = offset[1:].replace(":", "").ljust(4, "0")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise TimeError(f"{text!r} has an impossible UTC offset {offset!r}")
    delta = timedelta(hours=hours, minutes=minutes)
    label = f"{offset[0]}{digits[:2]}:{digits[2:]}"
    return timezone(-delta if offset[0] == "-" else delta), label


def read_epoch(
    value: int | str | Decimal, unit: str | None = None, text: str | None = None
) -> Instant:
    """Seconds (or finer units) since 1970 UTC; the unit is guessed from the size."""
    written = _epoch_text(value)
    match = _NUMBER.fullmatch(written)
    if match is None:
        raise TimeError(f"{written!r} is not a number of seconds since 1970")
    whole = int(match.group("whole"))
    fraction = match.group("fraction") or ""
    per_second = UNIT_NAMES[unit] if unit else _unit_of(whole, written)
    seconds, rest = divmod(whole, per_second)
    # The remainder and any written fraction, in microseconds, without floats.
    micros = rest * 1_000_000 // per_second
    if fraction:
        micros += int(fraction[:6].ljust(6, "0")) // per_second
    try:
        moment = EPOCH + timedelta(seconds=seconds, microseconds=micros)
    except OverflowError:
        raise TimeError(f"{written!r} is too far in the future to be a time") from None
    return exact_instant(moment, written if text is None else text, "UTC")


def _epoch_text(value: int | str | Decimal) -> str:
    if isinstance(value, bool):
        raise TimeError(f"{value!r} is not a time")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def _unit_of(whole: int, written: str) -> int:
    for limit, per_second in _UNITS:
        if whole < limit:
            return per_second
    raise TimeError(f"{written!r} is too large to be a time since 1970")


def read_any(value: object, zone: str | None = None) -> Instant | None:
    """A time given as RFC 3339 text, or as an epoch number or numeric string."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return read_epoch(value)
    if isinstance(value, str):
        if _NUMBER.fullmatch(value.strip()):
            return read_epoch(value, text=value)
        return read_time(value, zone)
    raise TimeError(f"expected a time, got {_shown(value)}")


def _shown(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    return "a list" if isinstance(value, list) else repr(value)
