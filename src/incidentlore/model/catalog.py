"""lore.yaml: the repository's catalog of services and teams, and its settings."""

from __future__ import annotations

import re
import string
from pathlib import PurePosixPath

from pydantic import Field, field_validator, model_validator

from incidentlore.model.base import Identifier, StrictModel, Text, ZoneName
from incidentlore.model.ingest import IngestSettings

SCHEMA_VERSION = 1


class Team(StrictModel):
    name: Text | None = None
    contact: str | None = None


class Service(StrictModel):
    team: Identifier
    description: str | None = None


class Severity(StrictModel):
    id: Identifier
    description: str | None = None


class Named(StrictModel):
    id: Identifier
    description: str | None = None


class Catalog(StrictModel):
    """What an incident may refer to, and how the repository is built."""

    display_timezone: ZoneName = "UTC"
    default_timezone: ZoneName | None = None
    id_pattern: str = Field(
        default="INC-{year}-{seq:04}",
        description="How incident ids are made: {year} and {seq:NN} (zero-padded).",
    )
    build_dir: str = "build"
    teams: dict[Identifier, Team] = Field(default_factory=dict)
    services: dict[Identifier, Service] = Field(default_factory=dict)
    severities: list[Severity] = Field(min_length=1, description="Most severe first.")
    statuses: list[Named] = Field(min_length=1)
    outcomes: list[Named] = Field(default_factory=list)
    factor_categories: list[Named] = Field(default_factory=list)
    ingest: IngestSettings = Field(default_factory=IngestSettings)

    @field_validator("build_dir")
    @classmethod
    def _own_folder(cls, value: str) -> str:
        parts = PurePosixPath(value).parts
        if (
            not parts
            or parts[0] in (".", "/")
            or parts[0].startswith("~")  # not expanded: it would be a folder named ~
            or ".." in parts
            or value.strip() in ("", ".")
        ):
            raise ValueError(
                f"{value!r} is not a folder of its own; write a relative path such as build"
            )
        return value

    @field_validator("id_pattern")
    @classmethod
    def _usable_pattern(cls, value: str) -> str:
        id_regex(value)
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> Catalog:
        for name in ("severities", "statuses", "outcomes", "factor_categories"):
            seen: set[str] = set()
            for entry in getattr(self, name):
                if entry.id in seen:
                    raise ValueError(f"{name}: {entry.id!r} is listed twice")
                seen.add(entry.id)
        return self

    def severity_rank(self, severity: str) -> int:
        """0 for the most severe."""
        return [s.id for s in self.severities].index(severity)


_PLACEHOLDER = re.compile(r"\{(year|seq)(?::0?(\d+))?\}")


def id_regex(pattern: str) -> re.Pattern[str]:
    """The regular expression that ids made by `pattern` match."""
    _check_literal(pattern)
    parts: list[str] = []
    position = 0
    names: set[str] = set()
    for match in _PLACEHOLDER.finditer(pattern):
        parts.append(re.escape(pattern[position : match.start()]))
        name, width = match.group(1), match.group(2)
        if name in names:
            raise ValueError(f"id_pattern names {{{name}}} twice; keep one")
        if width is not None and not 1 <= int(width) <= MAX_WIDTH:
            raise ValueError(
                f"{{seq:{width}}}: the width of {{seq}} is 1 to {MAX_WIDTH}"
            )
        names.add(name)
        if name == "year":
            parts.append(r"(?P<year>\d{4})")
        else:
            parts.append(rf"(?P<seq>\d{{{width or 1},}})")
        position = match.end()
    parts.append(re.escape(pattern[position:]))
    if "seq" not in names:
        raise ValueError("id_pattern needs {seq}, e.g. INC-{year}-{seq:04}")
    return re.compile("".join(parts))


MAX_WIDTH = 9


# Ids name folders and files, so the text around the placeholders must not reach
# outside the year's folder ('/', '..') or need quoting in a shell.
_LITERAL = frozenset(string.ascii_letters + string.digits + "-_.")


def _check_literal(pattern: str) -> None:
    leftover = _PLACEHOLDER.sub("", pattern)
    if "{" in leftover or "}" in leftover:
        raise ValueError(
            "id_pattern knows only {year} and {seq} or {seq:NN} (NN: how many "
            "digits, e.g. {seq:04})"
        )
    wrong = [repr(c) for c in dict.fromkeys(leftover) if c not in _LITERAL]
    if wrong:
        raise ValueError(
            "id_pattern may hold only ASCII letters, digits, '-', '_' and '.' besides "
            "{year} and {seq:NN}, since ids name folders; remove "
            f"{', '.join(wrong)} (e.g. INC-{{year}}-{{seq:04}})"
        )
    if pattern.startswith("."):
        raise ValueError(
            "id_pattern must not start with '.': lore skips hidden folders "
            "(e.g. INC-{year}-{seq:04})"
        )
