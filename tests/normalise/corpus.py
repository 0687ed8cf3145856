"""Reading the fixture exports with the installed adapters, for the adapter tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from incidentlore.normalise.adapter import Context, ParseResult
from incidentlore.normalise.registry import Registry
from incidentlore.normalise.testkit import parse_bytes, parse_path
from support import FIXTURES
from support import utc as utc  # the tests of each adapter import it from here

REGISTRY = Registry()
# What a zone abbreviation after a time is refused with (model.times.zone_named).
ZONE_ADVICE = (
    "is not an IANA time zone; abbreviations such as PST are ambiguous: write the "
    "offset (-08:00) or a zone name (America/Los_Angeles)"
)


def fixture(*parts: str) -> Path:
    return FIXTURES.joinpath(*parts)


def read(source: str, *parts: str, **context: object) -> ParseResult:
    return parse_path(REGISTRY.get(source), fixture(*parts), **context)  # type: ignore[arg-type]


def read_text(source: str, text: str, context: Context | None = None) -> ParseResult:
    return parse_bytes(REGISTRY.get(source), text.encode(), "export", context)


def rows(result: ParseResult) -> list[tuple[str, datetime, datetime | None]]:
    """(id, start, end) of every signal, in the order found."""
    return [
        (s.id, s.at.start, s.ends_at.start if s.ends_at else None)
        for s, _ in result.signals
    ]


def rejected(result: ParseResult) -> list[str]:
    return [str(diagnostic) for diagnostic in result.rejected]
