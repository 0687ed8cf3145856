from __future__ import annotations

from pathlib import Path

import click
import pytest

from incidentlore.cli import cli
from incidentlore.cli.reference import REFERENCE, commands, reference
from support import PROJECT, run_lore

COMMANDS = [context.command_path for context in commands(cli)]


def test_the_command_reference_is_up_to_date() -> None:
    written = (PROJECT / REFERENCE).read_text("utf-8")
    assert written == reference(cli), (
        "docs/cli.md is stale; run 'lore reference --output docs/cli.md'"
    )


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_shows_an_example(path: str) -> None:
    (context,) = [c for c in commands(cli) if c.command_path == path]
    _, example = context.get_help().split("\n  Example:\n", 1)
    assert example.startswith("    "), f"{path} --help has no example"
    assert "lore " in example.split("\n")[0], f"{path}: the example runs lore"


def test_the_reference_covers_every_visible_command() -> None:
    assert len(COMMANDS) == 26
    assert "lore action INCIDENT_ID done" in COMMANDS
    assert "lore reference" not in COMMANDS  # hidden: it writes this very file


def test_reference_command_writes_and_checks(tmp_path: Path) -> None:
    target = tmp_path / "cli.md"
    stale = run_lore("reference", "--output", target, "--check")
    assert (stale.exit_code, stale.stderr) == (
        1,
        f"lore: {target} is out of date; run 'lore reference --output {target}'\n",
    )
    assert run_lore("reference", "--output", target).stdout == f"wrote {target}\n"
    assert run_lore("reference", "--output", target).stdout == f"unchanged: {target}\n"
    fresh = run_lore("reference", "--output", target, "--check")
    assert (fresh.exit_code, fresh.stdout) == (0, f"{target} is up to date\n")
    assert target.read_text() == reference(cli)


def test_help_is_wrapped_the_same_on_every_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    assert reference(cli) == (PROJECT / REFERENCE).read_text("utf-8")
    assert isinstance(cli, click.Group)
