"""Options and state shared by every command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from incidentlore.build.shards import MAX_JOBS
from incidentlore.load.discover import find_root

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class LoreContext:
    directory: Path

    def root(self) -> Path:
        return find_root(self.directory)


pass_lore = click.make_pass_decorator(LoreContext)


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1, max=MAX_JOBS),
    default=None,
    help="Worker processes (default: one per core for large repositories).",
)
