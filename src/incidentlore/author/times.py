"""Times typed on the command line, turned into the text a file stores.

A bare time of day ("15:40") takes its date from the incident and its zone from the
repository's rule: the incident's `timezone:`, else `default_timezone` in lore.yaml.
What is stored always names its zone, so the file says which instant it means.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from incidentlore.errors import UsageError
from incidentlore.model.catalog import Catalog
from incidentlore.model.incident import Incident
from incidentlore.model.times import (
    EXAMPLE,
    Instant,
    TimeError,
    parse_instant,
    zone_named,
)

_TIME_OF_DAY = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?: (\S+))?")


def is_time_of_day(text: str) -> bool:
    """Whether `text` is a bare time such as 15:40 (maybe with a zone), no date."""
    return _TIME_OF_DAY.fullmatch(" ".join(text.split())) is not None


def zone_rule(incident: Incident | None, catalog: Catalog) -> str | None:
    """The zone for times written without one: the incident's, else the default."""
    if incident is not None and incident.timezone:
        return incident.timezone
    return catalog.default_timezone


def typed_time(what: str, text: str, zone: str | None, day: Instant | None) -> Instant:
    """The instant `text` names, as it will be stored; `day` gives a bare time its
    date (the day `day` starts on in `zone`)."""
    text = " ".join(text.split())
    match = _TIME_OF_DAY.fullmatch(text)
    if match is not None:
        return _time_of_day(what, match, match.group(4) or zone, day)
    try:
        return parse_instant(text)
    except TimeError:
        pass
    try:
        parse_instant(text, zone)
    except TimeError as error:
        raise UsageError(f"{what}: {error}") from None
    return _parse(what, f"{text} {zone}")


def _time_of_day(
    what: str, match: re.Match[str], zone: str | None, day: Instant | None
) -> Instant:
    shown = match.group(0)
    if zone is None:
        raise UsageError(
            f"{what}: {shown!r} names no zone and neither the incident (timezone:) "
            "nor lore.yaml (default_timezone:) gives one; write the zone, e.g. "
            f"'{shown} UTC', or the full time, e.g. {EXAMPLE!r}"
        )
    if day is None:
        raise UsageError(f"{what}: {shown!r} needs a date, e.g. {EXAMPLE!r}")
    hours, minutes, seconds, _ = match.groups()
    clock = f"{int(hours):02d}:{minutes}" + (f":{seconds}" if seconds else "")
    try:
        local_day = day.start.astimezone(zone_named(zone)).date()
    except TimeError as error:
        raise UsageError(f"{what}: {error}") from None
    return _parse(what, f"{local_day.isoformat()} {clock} {zone}")


def _parse(what: str, text: str) -> Instant:
    try:
        return parse_instant(text)
    except TimeError as error:
        raise UsageError(f"{what}: {error}") from None


def now_text(now: datetime, zone: str | None) -> str:
    """The current minute, written in `zone` (UTC without one)."""
    zone = zone or "UTC"
    return f"{now.astimezone(zone_named(zone)):%Y-%m-%d %H:%M} {zone}"


def typed_date(what: str, text: str) -> str:
    """A calendar date as YYYY-MM-DD, the form postmortem.yaml stores."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise UsageError(
            f"{what}: {text!r} is not a date; write it as 2026-12-31"
        ) from None
