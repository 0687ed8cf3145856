"""Shared pieces of the as-written models."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
)

from incidentlore.model.times import (
    Instant,
    Precision,
    TimeError,
    parse_instant,
    zone_named,
)

TIMEZONE_CONTEXT = "timezone"
IDENTIFIER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$"
URL_PATTERN = r"^https?://\S+$"


class StrictModel(BaseModel):
    """Unknown keys are errors: a misspelt field must never be dropped quietly."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _yaml_bool(value: Any) -> Any:
    # Only true/false: YAML 1.1's yes/no/on/off are too easy to write by accident.
    if isinstance(value, str):
        if value in ("true", "True", "TRUE"):
            return True
        if value in ("false", "False", "FALSE"):
            return False
        raise ValueError(f"{value!r} is not true or false")
    return value


Flag = Annotated[bool, BeforeValidator(_yaml_bool)]

Identifier = Annotated[
    str,
    Field(
        pattern=IDENTIFIER_PATTERN,
        max_length=200,
        description="A name made of letters, digits and . _ : / @ + -",
    ),
]

_TIME_OBJECT_KEYS = {"at", "precision", "stated", "approximate"}


def _read_time(value: Any, info: ValidationInfo) -> Instant:
    if isinstance(value, Instant):
        return value
    context = info.context or {}
    zone: str | None = context.get(TIMEZONE_CONTEXT)
    try:
        if isinstance(value, str):
            return parse_instant(value, zone)
        if isinstance(value, dict):
            return _read_time_object(value, zone)
    except TimeError as error:
        raise ValueError(str(error)) from None
    raise ValueError(
        "expected a time such as '2026-11-30 14:02 Europe/Berlin', or a mapping "
        "with 'at' and 'precision'"
    )


def _read_time_object(value: dict[str, Any], zone: str | None) -> Instant:
    unknown = sorted(set(value) - _TIME_OBJECT_KEYS)
    if unknown:
        raise TimeError(
            f"unknown key {unknown[0]!r} in a time; "
            f"allowed: {', '.join(sorted(_TIME_OBJECT_KEYS))}"
        )
    at = value.get("at")
    if not isinstance(at, str):
        raise TimeError("a time mapping needs 'at', e.g. at: 2017-01-31 18:00 UTC")
    precision = value.get("precision")
    if precision is not None and precision not in Precision.__members__.values():
        choices = ", ".join(p.value for p in Precision)
        raise TimeError(f"unknown precision {precision!r}; use one of {choices}")
    stated = value.get("stated")
    if stated is not None and not isinstance(stated, str):
        raise TimeError("'stated' is the source's own wording, as text")
    approximate = _yaml_bool(value.get("approximate", False))
    return parse_instant(
        at,
        zone,
        Precision(precision) if precision else None,
        stated=stated,
        approximate=approximate,
    )


def _written_time(instant: Instant) -> str | dict[str, Any]:
    if instant.stated is None and not instant.approximate:
        return instant.text
    written: dict[str, Any] = {"at": instant.text, "precision": instant.precision.value}
    if instant.stated is not None:
        written["stated"] = instant.stated
    if instant.approximate:
        written["approximate"] = True
    return written


_TIME_PATTERN = (
    r"^\d{4}-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}([.,]\d{1,9})?)?)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*)?$"
)
_TIME_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {
            "type": "string",
            "pattern": _TIME_PATTERN,
            "description": (
                "ISO 8601 date and time with a zone: UTC, an offset or an IANA name. "
                "Leave out the time of day for day precision, the day for month "
                "precision."
            ),
            "examples": ["2018-10-21 22:52 UTC", "2021-10-28 America/Los_Angeles"],
        },
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["at"],
            "properties": {
                "at": {"type": "string", "pattern": _TIME_PATTERN},
                "precision": {"enum": [p.value for p in Precision]},
                "stated": {
                    "type": "string",
                    "description": "The time as the source wrote it, e.g. '9:37AM PST'",
                },
                "approximate": {"type": "boolean"},
            },
        },
    ]
}

Time = Annotated[
    Instant,
    PlainValidator(_read_time),
    PlainSerializer(_written_time),
    WithJsonSchema(_TIME_SCHEMA),
]

Text = Annotated[str, Field(min_length=1)]


# What Python's str.splitlines breaks lines at, and so Markdown and terminals may.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def has_line_break(text: str) -> bool:
    return any(mark in text for mark in LINE_BREAKS)


def _one_line(value: str) -> str:
    # A title becomes a Markdown heading and a table cell: a line break there would
    # start a heading or a paragraph of its own.
    if has_line_break(value):
        raise ValueError("a title is one line; put the details in 'summary'")
    return value


# The same rule for editors, in the schema: none of LINE_BREAKS.
_ONE_LINE_PATTERN = "^[^" + "".join(f"\\u{ord(c):04x}" for c in LINE_BREAKS) + "]*$"

Title = Annotated[
    str,
    Field(min_length=1, json_schema_extra={"pattern": _ONE_LINE_PATTERN}),
    AfterValidator(_one_line),
]


def _known_zone(value: str) -> str:
    try:
        zone_named(value)
    except TimeError as error:
        raise ValueError(str(error)) from None
    return value


ZoneName = Annotated[
    str,
    AfterValidator(_known_zone),
    Field(
        description="UTC, an offset such as +02:00, or an IANA name such as Europe/Berlin"
    ),
]

Url = Annotated[
    str,
    Field(pattern=URL_PATTERN, description="An http(s) address, kept as written"),
]
