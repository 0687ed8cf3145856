"""Times as machines write them, each read into an Instant that keeps the original text.

RFC 3339 with any number of fraction digits, a comma or a point before them, offsets
with or without a colon; Go's `time.String()` (`... +0000 UTC m=+8560.28`); epoch
numbers in seconds, milliseconds, microseconds or nanoseconds, as numbers or strings,
read with integer arithmetic so that 19-digit values stay exact. Go's zero time
(`0001-01-01T00:00:00Z`) is what exporters write for "not ended": it reads as None.

Nothing after a time is ignored: a zone named there is the time's zone (`UTC`,
`Europe/Berlin`), and anything else, an abbreviation such as PST included, makes the
time unreadable rather than read in the incident's zone.
"""

from __future__ import annotations

import functools
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
from incidentlore.normalise.jsondoc import number_text

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_ZONE_WORD = r"[A-Za-z][\w+\-]*(?:/[\w+\-]+)*"
_STAMP = re.compile(
    r"""
    (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})
    [Tt\x20]
    (?P<hour>\d{2}):(?P<minute>\d{2})
    (?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,18}))?)?
    (?:
      \x20?(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)
      # Go's time.String(): an offset, the zone's abbreviation, the monotonic clock
      | \x20(?P<go>[+-]\d{4})\x20(?:[A-Z]{1,6}|[+-]\d{2,4})(?:\x20m=[+-]\d+(?:\.\d+)?)?
      | \x20(?P<name>"""
    + _ZONE_WORD
    + r""")    # a zone's name (or an abbreviation)
    )?
    """,
    re.VERBOSE,
)
_NUMBER = re.compile(r"(?P<whole>\d{1,20})(?:\.(?P<fraction>\d{1,18}))?")

UNIT_NAMES = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
# An epoch number's unit, by the digits of its whole part: seconds up to 10 digits
# (1970 to 2286), milliseconds with 13, microseconds with 16, nanoseconds with 19 (2001
# to 2286). Other lengths are refused, not guessed: 12 digits are 1973 to 2001 in
# milliseconds but also past 5138 in seconds, where exporters put their "never"
# (253402300799 is 9999-12-31 23:59:59), and reading one as the other moves a time by
# thousands of years.
_UNITS = dict.fromkeys(range(1, 11), "s") | {13: "ms", 16: "us", 19: "ns"}
_UNIT_WORDS = {"s": "seconds", "ms": "milliseconds", "us": "microseconds"}
_UNIT_WORDS["ns"] = "nanoseconds"
_UNIT_RULE = (
    "epoch times are read as seconds (up to 10 digits), milliseconds (13), "
    "microseconds (16) or nanoseconds (19)"
)
EXAMPLE = "2024-03-01T02:09:00Z"


def read_time(text: str, zone: str | None = None) -> Instant | None:
    """An RFC 3339 or Go time; None for the zero time. `zone` is for naive stamps."""
    quick = read_iso(text)
    if quick is not None:
        return quick
    match = _STAMP.fullmatch(text.strip())
    if match is None:
        raise TimeError(f"{text!r} is not a time such as {EXAMPLE!r}")
    part = match.group
    if part("year") == "0001" and part("month") == "01" and part("day") == "01":
        return None
    tz, zone_label = _zone(part("offset") or part("go"), part("name") or zone, text)
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


def read_iso(text: str) -> Instant | None:
    """The common case, read by the standard library: a full stamp with a zone; None
    for anything else (read_time reads the rest)."""
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
        try:
            return zone_named(zone), zone
        except TimeError as error:
            raise TimeError(f"{text!r}: {error}") from None
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
        return number_text(value)  # 1e300000000 stays short, and fails to match
    return str(value).strip()


def _unit_of(whole: int, written: str) -> int:
    digits = len(str(whole))
    unit = _UNITS.get(digits)
    if unit is not None:
        return UNIT_NAMES[unit]
    coarser = _UNITS[max(d for d in _UNITS if d < digits)]
    finer = [_UNITS[d] for d in sorted(_UNITS) if d > digits][:1]
    why = f"as {_UNIT_WORDS[coarser]} it would be {_year(whole, coarser)}"
    why += "".join(f", as {_UNIT_WORDS[u]} {_year(whole, u)}" for u in finer)
    raise TimeError(
        f"{written!r} has {digits} digits, which fits no unit: {why}; {_UNIT_RULE}"
    )


def _year(whole: int, unit: str) -> str:
    """The year `whole` would be in `unit`, for messages about numbers that fit none."""
    try:
        return str((EPOCH + timedelta(seconds=whole // UNIT_NAMES[unit])).year)
    except OverflowError:
        return "after 9999"


# Zone abbreviations that logs write after a time. They are ambiguous (CST is three
# zones), so a log line whose time is followed by one is refused rather than read in
# the incident's zone. Only common ones are known: a rarer one begins the message.
ABBREVIATIONS = frozenset(
    (
        *("PST", "PDT", "MST", "MDT", "CST", "CDT", "EST", "EDT", "AKST", "AKDT"),
        *("HST", "HDT", "GMT", "BST", "WET", "WEST", "CET", "CEST", "EET", "EEST"),
        *("MSK", "IST", "IDT", "CAT", "EAT", "WAT", "SAST", "PKT", "WIB", "SGT"),
        *("HKT", "PHT", "JST", "KST", "AWST", "ACST", "ACDT", "AEST", "AEDT"),
        *("NZST", "NZDT"),
    )
)
_LED_WORD = re.compile(r"\x20*(?P<word>" + _ZONE_WORD + r"):?(?:\x20+|$)")
_OFFSET_LAST = re.compile(r"(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$")


def zone_word(rest: str) -> tuple[str | None, str]:
    """A zone named at the start of `rest` (the text after a log line's time), and the
    text after it; (None, rest) if `rest` does not start with one."""
    found = _LED_WORD.match(rest)
    if found is None:
        return None, rest
    word = found.group("word")
    if word == "UTC" or word in ABBREVIATIONS or ("/" in word and _is_zone(word)):
        return word, rest[found.end() :]
    return None, rest


@functools.lru_cache(maxsize=256)
def _is_zone(name: str) -> bool:
    try:
        zone_named(name)
    except TimeError:
        return False
    return True


def led_time(stamp: str, rest: str, zone: str | None) -> tuple[Instant | None, str]:
    """The time that leads a log line, and the rest of the line. A zone named right
    after a time without an offset is its zone; an abbreviation there is refused."""
    if _OFFSET_LAST.search(stamp) is None:
        word, after = zone_word(rest)
        if word is not None:
            return read_time(f"{stamp} {word}"), after
    return read_time(stamp, zone), rest


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
