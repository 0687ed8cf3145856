"""Showing instants to people: in one zone, with the offset, dates where they change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from incidentlore.assemble.timeline import Entry, Timeline
from incidentlore.model.times import Instant, Precision, format_offset


@dataclass(frozen=True, slots=True)
class Row:
    """One timeline line as shown: the date only where it changes."""

    entry: Entry
    date: str
    time: str


def local_date(instant: Instant, zone: tzinfo) -> date:
    # A day or month is a calendar period where it was written, so it keeps that date.
    if instant.precision in (Precision.DAY, Precision.MONTH):
        return instant.local_start().date()
    return instant.start.astimezone(zone).date()


def show_date(instant: Instant, zone: tzinfo) -> str:
    if instant.precision is Precision.MONTH:
        return instant.local_start().strftime("%Y-%m")
    return local_date(instant, zone).isoformat()


def show_time(instant: Instant, zone: tzinfo) -> str:
    """The time of day in `zone`, as precise as the instant and no more."""
    approx = "~" if instant.approximate else ""
    if instant.precision is Precision.MONTH:
        return f"{approx}(some day that month)"
    if instant.precision is Precision.DAY:
        return f"{approx}(some time that day)"
    local = instant.start.astimezone(zone)
    offset = format_offset(local)
    if instant.precision is Precision.HOUR:
        end = instant.end.astimezone(zone)
        return f"{approx}{local:%H:%M}–{end:%H:%M} {offset}"
    shown = (
        f"{local:%H:%M:%S}"
        if instant.precision is Precision.SECOND
        else f"{local:%H:%M}"
    )
    return f"{approx}{shown} {offset}"


def show_instant(instant: Instant, zone: tzinfo) -> str:
    """Date and time together, for places where each instant stands alone."""
    if instant.precision in (Precision.DAY, Precision.MONTH):
        approx = "~" if instant.approximate else ""
        return f"{approx}{show_date(instant, zone)} ({instant.precision} precision)"
    return f"{show_date(instant, zone)} {show_time(instant, zone)}"


def rows(timeline: Timeline, zone: tzinfo, *, hidden: bool = True) -> list[Row]:
    """The lines to show; `hidden=False` leaves out entries curated away."""
    shown: list[Row] = []
    previous: date | None = None
    for entry in timeline.entries:
        if entry.hidden and not hidden:
            continue
        day = local_date(entry.at, zone)
        coarse = entry.at.precision in (Precision.DAY, Precision.MONTH)
        label = show_date(entry.at, zone) if day != previous or coarse else ""
        shown.append(Row(entry, label, show_time(entry.at, zone)))
        previous = day
    return shown
