"""Showing instants to people: in one zone, with the offset, dates where they change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from incidentlore.assemble.timeline import Entry, Timeline
from incidentlore.model.times import Instant, Precision, format_offset

# Read once per timeline entry; a module name is cheaper to look up than a member.
SECOND, HOUR, DAY, MONTH = (
    Precision.SECOND,
    Precision.HOUR,
    Precision.DAY,
    Precision.MONTH,
)
COARSE = (DAY, MONTH)


@dataclass(frozen=True, slots=True)
class Row:
    """One timeline line as shown: the date only where it changes."""

    entry: Entry
    date: str
    time: str
    until: str = ""

    @property
    def when(self) -> str:
        """The time, and where the entry lasts a while, when it ends."""
        return f"{self.time} until {self.until}" if self.until else self.time


def local_date(instant: Instant, zone: tzinfo) -> date:
    # A day or month is a calendar period where it was written, so it keeps that date.
    if instant.precision in COARSE:
        return instant.local_start().date()
    return instant.start.astimezone(zone).date()


def show_date(instant: Instant, zone: tzinfo) -> str:
    if instant.precision is MONTH:
        return instant.local_start().strftime("%Y-%m")
    return local_date(instant, zone).isoformat()


def show_time(instant: Instant, zone: tzinfo) -> str:
    """The time of day in `zone`, as precise as the instant and no more."""
    approx = "~" if instant.approximate else ""
    if instant.precision is MONTH:
        return f"{approx}(some day that month)"
    if instant.precision is DAY:
        return f"{approx}(some time that day)"
    local = instant.start.astimezone(zone)
    offset = format_offset(local)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if instant.precision is HOUR:
        end = instant.end.astimezone(zone)
        return f"{approx}{clock}–{end.hour:02d}:{end.minute:02d} {offset}"
    if instant.precision is SECOND:
        clock += f":{local.second:02d}"
    return f"{approx}{clock} {offset}"


def show_instant(instant: Instant, zone: tzinfo) -> str:
    """Date and time together, for places where each instant stands alone."""
    if instant.precision in COARSE:
        approx = "~" if instant.approximate else ""
        return f"{approx}{show_date(instant, zone)} ({instant.precision} precision)"
    return f"{show_date(instant, zone)} {show_time(instant, zone)}"


def show_until(entry: Entry, zone: tzinfo) -> str:
    """The end of a signal that lasts a while; its date only if it is another day."""
    end = entry.ends_at
    if end is None:
        return ""
    coarse = end.precision in COARSE
    if coarse or local_date(end, zone) != local_date(entry.at, zone):
        return show_instant(end, zone)
    return show_time(end, zone)


def rows(timeline: Timeline, zone: tzinfo, *, hidden: bool = True) -> list[Row]:
    """The lines to show; `hidden=False` leaves out entries curated away."""
    shown: list[Row] = []
    previous: date | None = None
    for entry in timeline.entries:
        if entry.hidden and not hidden:
            continue
        day = local_date(entry.at, zone)
        coarse = entry.at.precision in COARSE
        label = show_date(entry.at, zone) if day != previous or coarse else ""
        time = show_time(entry.at, zone)
        shown.append(Row(entry, label, time, show_until(entry, zone)))
        previous = day
    return shown
