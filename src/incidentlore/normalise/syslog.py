"""Syslog text: RFC 3164 (BSD) lines, RFC 5424 lines, and lines led by an ISO time.

BSD stamps (`Dec 13 11:35:28`) have no year and no zone. The zone is the incident's
(incident.yaml `timezone`, else lore.yaml `default_timezone`); the year is `--year`, or
the one that puts the first line nearest the incident's window, and it moves on by one
where the months go backwards (December, then April). Either choice is stated in a
note. Lines that start with white space continue the record above them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from incidentlore.model.signal import SignalKind
from incidentlore.model.times import Instant, TimeError, exact_instant, zone_named
from incidentlore.normalise.adapter import (
    BadRecord,
    Context,
    Detection,
    ParseResult,
    RawFile,
    Sample,
    new_signal,
)
from incidentlore.normalise.fields import led, one_line
from incidentlore.normalise.logs import EMPTY, FileReader, LogAdapter, physical_lines
from incidentlore.normalise.timestamps import zone_word

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
MONTHS += ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SEVERITIES = ["emergency", "alert", "critical", "error"]
SEVERITIES += ["warning", "notice", "info", "debug"]
_PRI = r"(?:<(?P<pri>\d{1,3})>)?"
_BSD = re.compile(
    _PRI + r"(?P<month>" + "|".join(MONTHS) + r")\x20{1,2}(?P<day>\d{1,2})"
    r"\x20(?P<time>\d{2}:\d{2}:\d{2})\x20(?P<rest>.*)"
)
_RFC5424 = re.compile(
    r"<(?P<pri>\d{1,3})>1\x20(?P<stamp>\S+)\x20(?P<host>\S+)\x20(?P<app>\S+)"
    r"\x20(?P<procid>\S+)\x20(?P<msgid>\S+)"
    r"\x20(?P<sd>-|(?:\[(?:[^\]\\]|\\.)*\])+)(?:\x20(?P<message>.*))?"
)
_ISO = re.compile(_PRI + r"(?P<stamp>\d{4}-\d{2}-\d{2}T\S+)\x20(?P<rest>.*)")
_HOST_TAG = re.compile(
    r"(?P<host>\S+)\x20(?P<tag>[^\s:\[]+)(?:\[(?P<pid>[^\]]*)\])?:\x20?(?P<message>.*)"
)
FORMATS = (
    "an RFC 3164 line ('Dec 13 11:35:28 host program[pid]: message'), an RFC 5424 "
    "line ('<34>1 2003-10-11T22:14:15.003Z host app - - - message') or an ISO 8601 "
    "time, host and message"
)


@dataclass(slots=True)
class _Record:
    line: int
    at: Instant
    parts: dict[str, str]
    message: str
    raw: list[str] = field(default_factory=list)


class SyslogAdapter(LogAdapter):
    name = "syslog"
    title = "Syslog files (RFC 3164 without a year, RFC 5424, ISO 8601 stamps)"
    expected = FORMATS
    uses_year = True

    def detect(self, sample: Sample) -> Detection | None:
        lines = [line for line in sample.lines[:20] if not line[:1].isspace()]
        matched = [line for line in lines if _kind(line)]
        if not lines or len(matched) * 5 < len(lines) * 4:
            return None
        kinds = sorted({_kind(line) for line in matched})
        return Detection(80, f"lines in syslog form ({', '.join(kinds)})")

    def read(self, file: RawFile, context: Context, result: ParseResult) -> None:
        _Reader(self.name, file, context, result).read()


def _kind(line: str) -> str:
    if _RFC5424.match(line):
        return "RFC 5424"
    if _BSD.match(line):
        return "RFC 3164"
    if _ISO.match(line):
        return "ISO 8601 time first"
    return ""


class _Reader(FileReader):
    def __init__(
        self, source: str, file: RawFile, context: Context, result: ParseResult
    ) -> None:
        super().__init__(source, file, context, result)
        self.years = _Years(context, file, result)
        self.current: _Record | None = None

    def read(self) -> None:
        for number, line in enumerate(physical_lines(self.file.text(self.result)), 1):
            if not line.strip():
                continue
            if line[:1].isspace():
                self._continue(number, line)
                continue
            self._flush()
            try:
                self.current = self._record(number, line)
            except BadRecord as bad:
                self.result.reject(self.file.at(number), str(bad))
        self._flush()

    def _continue(self, number: int, line: str) -> None:
        if self.current is None:
            self.result.reject(
                self.file.at(number),
                "an indented line continues a record, but no record is above it",
            )
            return
        self.current.raw.append(line)

    def _record(self, number: int, line: str) -> _Record:
        match = _RFC5424.match(line)
        if match:
            return self._rfc5424(number, line, match)
        match = _BSD.match(line)
        if match:
            zone, rest = zone_word(match.group("rest"))
            at = self.years.instant(match, number, zone)
            parts, message = _split(rest, match.group("pri"))
            return _Record(number, at, parts, message, [line])
        match = _ISO.match(line)
        if match:
            stamp, rest = match.group("stamp"), match.group("rest")
            stamped, rest = led(stamp, rest, self.context.zone, "timestamp")
            parts, message = _split(rest, match.group("pri"))
            return _Record(number, stamped, parts, message, [line])
        raise BadRecord(f"not a syslog line: expected {FORMATS}")

    def _rfc5424(self, number: int, line: str, match: re.Match[str]) -> _Record:
        stamp = match.group("stamp")
        if stamp == "-":
            raise BadRecord("the line has no timestamp (RFC 5424 '-')")
        after = line[match.end("stamp") :]
        at, rest = led(stamp, after, self.context.zone, "timestamp")
        if rest != after:  # a zone was named after the time: the fields follow it
            again = _RFC5424.match(f"<{match.group('pri')}>1 {stamp} {rest}")
            if again is None:
                raise BadRecord(f"not a syslog line: expected {FORMATS}")
            match = again
        parts = _pri_parts(match.group("pri"))
        for key, group in (("host", "host"), ("program", "app"), ("pid", "procid")):
            if match.group(group) != "-":
                parts[key] = match.group(group)
        for key in ("msgid", "sd"):
            if match.group(key) != "-":
                parts[key] = match.group(key)
        message = (match.group("message") or "").removeprefix("\ufeff")
        return _Record(number, at, parts, message, [line])

    def _flush(self) -> None:
        record, self.current = self.current, None
        if record is None:
            return
        extra = " ".join(line.strip() for line in record.raw[1:])
        text = f"{record.message} {extra}".strip()
        program = record.parts.get("program")
        signal = new_signal(
            id=self.ids.next("\n".join(record.raw)),
            source=self.source,
            kind=SignalKind.LOG,
            at=record.at,
            summary=one_line(f"{program}: {text}" if program else text) or EMPTY,
            severity=record.parts.pop("severity", None),
            labels=record.parts,
        )
        self.result.add(signal, self.file.at(record.line))


def _split(rest: str, pri: str | None) -> tuple[dict[str, str], str]:
    parts = _pri_parts(pri)
    match = None if rest.startswith("--- ") else _HOST_TAG.fullmatch(rest)
    if match is None:
        return parts, rest
    parts["host"] = match.group("host")
    parts["program"] = match.group("tag")
    if match.group("pid"):
        parts["pid"] = match.group("pid")
    return parts, match.group("message")


def _zone(zone: str | None, text: str, *, named: bool) -> tzinfo:
    """The zone of a BSD line: `named` after its time, or else the incident's."""
    if zone is None:
        raise TimeError(
            f"{text!r} has no time zone; set 'timezone' in incident.yaml or "
            "'default_timezone' in lore.yaml to say which zone the log used"
        )
    try:
        return zone_named(zone)
    except TimeError as error:
        raise TimeError(f"{text!r}: {error}" if named else str(error)) from None


def _pri_parts(pri: str | None) -> dict[str, str]:
    if pri is None or int(pri) > 191:
        return {}
    facility, severity = divmod(int(pri), 8)
    return {"facility": str(facility), "severity": SEVERITIES[severity]}


class _Years:
    """The year of each BSD line: --year or the incident's, rolling over in order."""

    def __init__(self, context: Context, file: RawFile, result: ParseResult) -> None:
        self.context, self.file, self.result = context, file, result
        self.year: int | None = None
        self.previous = 0

    def instant(self, match: re.Match[str], line: int, zone: str | None) -> Instant:
        """The line's time; `zone` is the one named after it, if any."""
        month = MONTHS.index(match.group("month")) + 1
        day, clock = int(match.group("day")), match.group("time")
        if self.year is None:
            self.year = self._first_year(month, day, line)
        elif month < self.previous:
            self.year += 1
            self.result.note(
                self.file.at(line),
                f"the months go back from {MONTHS[self.previous - 1]} to "
                f"{match.group('month')}: read as {self.year}",
            )
        self.previous = month
        text = match.group(0)[: match.start("rest")].rstrip()
        text += f" {zone}" if zone else ""
        stamp = f"{self.year:04d}-{month:02d}-{day:02d}T{clock}"
        try:
            naive = datetime.fromisoformat(stamp)
            label = zone or self.context.zone
            tz = _zone(label, text, named=zone is not None)
            return exact_instant(naive.replace(tzinfo=tz), text, str(label))
        except (TimeError, ValueError) as error:
            raise BadRecord(f"timestamp: {error}") from None

    def _first_year(self, month: int, day: int, line: int) -> int:
        year = self._guess_year(month, day, line)
        if self.result.year is None:
            self.result.year = year
        return year

    def _guess_year(self, month: int, day: int, line: int) -> int:
        where = self.file.at(line)
        if self.context.year is not None:
            self.result.note(
                where,
                f"BSD syslog lines have no year: read as {self.context.year} (--year)",
            )
            return self.context.year
        window = self.context.window
        if window is None:
            raise BadRecord(
                "BSD syslog lines have no year and there is no incident to take it "
                "from; ingest with --year YYYY"
            )
        start, end = window

        def distance(year: int) -> float:
            try:
                moment = datetime(year, month, day, tzinfo=start.tzinfo)
            except ValueError:  # 29 February in a common year
                return float("inf")
            if start.replace(hour=0, minute=0) <= moment <= end:
                return 0.0
            return min(
                abs((moment - start).total_seconds()),
                abs((moment - end).total_seconds()),
            )

        year = min((start.year - 1, start.year, start.year + 1), key=distance)
        self.result.note(
            where,
            f"BSD syslog lines have no year: read as {year}, the year that puts "
            f"them nearest the incident (started {start:%Y-%m-%d}); "
            "ingest with --year to choose another",
        )
        return year
