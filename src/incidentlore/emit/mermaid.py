"""A Mermaid gantt chart of an incident that GitHub renders in place."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from incidentlore.assemble.resolve import ResolvedIncident
from incidentlore.assemble.timeline import Entry
from incidentlore.wording import printable

# Beyond this many entries a chart is unreadable; the table below it has them all.
MAX_ENTRIES = 40
LABEL_LENGTH = 60
_PHASES = (
    ("Detection", "started", "detected"),
    ("Response", "detected", "mitigated"),
    ("Recovery", "mitigated", "resolved"),
)
# Characters Mermaid would not show as typed: : ends a task name, # starts an entity
# code (#quot;) and %% a directive. Each is written as Mermaid's own entity code (# is
# #35;), which is shown as the character. Only these: Mermaid measures a label before
# it decodes the codes, so each one widens the label's place by a few characters.
_SPECIAL = re.compile(r"[:#%]")


def label(text: str) -> str:
    """One line of at most LABEL_LENGTH visible characters that Mermaid shows as is."""
    flat = " ".join(printable(text, "U+{:04X}").split())  # no angle brackets here
    if len(flat) > LABEL_LENGTH:
        flat = flat[: LABEL_LENGTH - 1].rstrip() + "…"
    return _SPECIAL.sub(lambda match: f"#{ord(match.group())};", flat) or "entry"


def _stamp(moment: datetime, zone: tzinfo) -> str:
    # Wall-clock time in the display zone; the chart title names the zone. Mermaid reads
    # these in the viewer's own zone, so a viewer whose clocks skip an hour inside the
    # chart sees bars near that hour shifted or inverted; a gantt chart has no zone.
    return f"{moment.astimezone(zone):%Y-%m-%dT%H:%M}"


def _bar(
    name: str, start: datetime, end: datetime, zone: tzinfo, tags: str = ""
) -> str:
    prefix = f"{tags}, " if tags else ""
    return f"    {label(name)} :{prefix}{_stamp(start, zone)}, {_stamp(end, zone)}"


def _milestone(name: str, moment: datetime, zone: tzinfo, starred: bool = False) -> str:
    tags = "crit, milestone" if starred else "milestone"
    return f"    {label(name)} :{tags}, {_stamp(moment, zone)}, 0m"


def _entry_line(entry: Entry, zone: tzinfo) -> str:
    name = f"{entry.category} {entry.text}"
    # Starred entries are drawn in the chart's highlight colour.
    if entry.ends_at is not None and entry.ends_at.start > entry.at.start:
        tags = "crit, active" if entry.starred else "active"
        return _bar(name, entry.at.start, entry.ends_at.start, zone, tags)
    if not entry.at.exact:
        tags = "crit" if entry.starred else ""
        return _bar(name, entry.at.start, entry.at.end, zone, tags)
    return _milestone(name, entry.at.start, zone, entry.starred)


def gantt(resolved: ResolvedIncident, zone: tzinfo, zone_name: str) -> str:
    incident = resolved.record.incident
    times = dict(incident.times.present())
    lines = [
        "gantt",
        f"    title {label(incident.id + ' ' + incident.title)} ({label(zone_name)})",
        "    dateFormat YYYY-MM-DDTHH:mm",
        "    axisFormat %m-%d %H:%M",
    ]
    phases = [
        (name, times[first], times[last])
        for name, first, last in _PHASES
        if first in times and last in times
    ]
    if not phases:
        # Mermaid draws a chart without tasks with no axis (NaN coordinates), so an
        # incident with no phase still gets one task: from its start to its last time.
        phases = [("Incident", times["started"], incident.times.present()[-1][1])]
    lines.append("    section Phases")
    for name, first, last in phases:
        end = last.start if last.exact else last.end
        if end > first.start:
            tags = "crit" if name == "Detection" else ""
            lines.append(_bar(name, first.start, end, zone, tags))
        else:
            lines.append(_milestone(name, first.start, zone))
    entries = [
        e for e in resolved.timeline.entries if not e.is_key_time and not e.hidden
    ]
    if entries:
        shown = entries[:MAX_ENTRIES]
        title = (
            "Timeline"
            if len(shown) == len(entries)
            else (f"First {len(shown)} of {len(entries)} entries")
        )
        lines.append(f"    section {title}")
        lines.extend(_entry_line(entry, zone) for entry in shown)
    return "\n".join(lines) + "\n"
