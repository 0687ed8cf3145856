"""The example repositories: each case's command gives exactly the expected output."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from support import run_lore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASES = sorted(
    path for kind in ("invalid", "valid") for path in (EXAMPLES / kind).iterdir()
)


def lay_out(case: Path, target: Path) -> Path:
    """A copy of the base repository with the case's files laid over it."""
    shutil.copytree(EXAMPLES / "base", target)
    for path in sorted(case.rglob("*")):
        if path.is_file() and path.name not in ("command", "expected"):
            destination = target / path.relative_to(case)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    return target


def commands(case: Path) -> list[list[str]]:
    script = case / "command"
    lines = script.read_text("utf-8").splitlines() if script.exists() else ["validate"]
    return [shlex.split(line) for line in lines if line.strip()]


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES]
)
def test_example(case: Path, tmp_path: Path) -> None:
    repository = lay_out(case, tmp_path / "repo")
    *setup, last = commands(case)
    for arguments in setup:
        assert run_lore("-C", repository, *arguments).exit_code == 0
    result = run_lore("-C", repository, *last)

    expected = (case / "expected").read_text("utf-8")
    status, _, text = expected.partition("\n")
    shown = result.stderr if case.parent.name == "invalid" else result.stdout
    assert (f"exit {result.exit_code}", shown) == (status, text)
