from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from incidentlore.cli import repo
from support import example_repository, run_lore


def test_outside_a_repository_is_misuse(tmp_path: Path) -> None:
    result = run_lore("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"lore: no lore.yaml in {tmp_path} or any folder above it"
    )


def test_unknown_option_is_misuse() -> None:
    result = run_lore("build", "--xyzzy")
    assert (result.exit_code, result.stderr) == (
        2,
        "Usage: lore build [OPTIONS]\nTry 'lore build --help' for help.\n\n"
        "Error: No such option '--xyzzy'.\n",
    )


def test_a_bug_says_so_and_where_the_details_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(repo, "check", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    tempfile.tempdir = None  # forget the cached temporary folder
    result = run_lore("-C", example_repository(tmp_path / "repo"), "validate")
    tempfile.tempdir = None
    assert result.exit_code == 3
    assert "internal error; this is a bug in lore, not in your files" in result.stderr
    (report,) = tmp_path.glob("lore-crash-*.txt")
    assert "RuntimeError: boom" in report.read_text()


def test_version() -> None:
    result = run_lore("--version")
    assert (result.exit_code, result.stdout) == (0, "lore, version 0.1.0\n")
