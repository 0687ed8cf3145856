"""Problems found in a repository, and the exceptions that carry them to the edge."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from incidentlore.wording import printable, printable_line


class ExitCode(enum.IntEnum):
    OK = 0
    PROBLEMS = 1
    MISUSE = 2
    BUG = 3


class Location(NamedTuple):
    """A place in a file: 1-based line and column; 0 means "the whole file".

    A named tuple rather than a frozen dataclass: every signal carries one, and
    tuples are several times cheaper to make.
    """

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        path = printable_line(self.path)  # a file name may hold any character
        if self.line == 0:
            return path
        return f"{path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    location: Location
    message: str
    severity: str = "error"
    # Further places worth showing, such as the first of two duplicate keys.
    related: tuple[Location, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {printable(self.message)}"
        for other in self.related:
            text += f"\n{other}: note: first defined here"
        return text


class LoreError(Exception):
    """An expected failure: bad input or a request that cannot be met."""

    exit_code = ExitCode.PROBLEMS


class UsageError(LoreError):
    exit_code = ExitCode.MISUSE


class ProblemsFound(LoreError):
    """The repository has errors; they are all listed."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__(f"{len(self.diagnostics)} problem(s) found")


def relative(path: Path, root: Path) -> str:
    """The path as users see it: relative to the repository root, with slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
