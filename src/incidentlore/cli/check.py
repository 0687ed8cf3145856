"""`lore check`: the one command CI runs."""

from __future__ import annotations

from pathlib import Path

import click

from incidentlore import check_report
from incidentlore.check import build_drift, run_check
from incidentlore.cli.options import LoreContext, format_option, pass_lore
from incidentlore.errors import LoreError

_FORMATS = {
    "text": check_report.check_text,
    "github": check_report.check_github,
    "json": check_report.check_json,
}


@click.command("check")
@format_option(*_FORMATS, default="text")
@pass_lore
def check_command(lore: LoreContext, fmt: str) -> None:
    """Validate strictly, build in memory, and check generated files are current.

    Warnings fail too. Build outputs are compared when git tracks the build
    folder; JSON Schemas when the repository keeps a schemas/ folder. Exit 1
    when anything is wrong.

    \b
    Example:
      lore check
      lore check --format github   # annotations on a pull request's lines
      lore check --format json
    """
    result = run_check(lore.root())
    click.echo(_FORMATS[fmt](result), nl=False)
    if not result.ok:
        raise LoreError(check_report.failure(result))


def build_check(root: Path, output: Path | None) -> None:
    """`lore build --check`: print the drift as unified diffs; exit 1 if any."""
    drift = build_drift(root, output)
    for found in drift:
        click.echo(found.diff, nl=False)
    if drift:
        names = ", ".join(found.path for found in drift)
        raise LoreError(
            f"out of date: {names}; run 'lore build' (and 'lore schemas' for "
            "schemas) and commit the result"
        )
    click.echo("generated files are up to date")
