"""Helpers every test may import: `from support import run_lore, SAMPLE_REPO`."""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from incidentlore.cli import main

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_REPO = PROJECT / "sample-repo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parent / "examples"
BASE_INCIDENT = "incidents/2024/INC-2024-0001-checkout-latency"


def utc(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    micro: int = 0,
) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


def example_repository(target: Path, files: dict[str, str] | None = None) -> Path:
    """A copy of tests/examples/base at `target`, with `files` (path -> text) over it."""
    shutil.copytree(EXAMPLES / "base", target)
    for name, text in (files or {}).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_lore(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run `lore` in this process, as a user would from a shell in `cwd`."""
    stdout, stderr = io.StringIO(), io.StringIO()
    code = 0
    with (
        _working_directory(cwd),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            main([str(arg) for arg in args])
        except SystemExit as done:
            code = int(done.code or 0)
    return Run(code, stdout.getvalue(), stderr.getvalue())


@contextlib.contextmanager
def _working_directory(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    """Run with the process's umask set to `mask`; the old one comes back after."""
    before = os.umask(mask)
    try:
        yield
    finally:
        os.umask(before)


def changed_lines(before: str, after: str) -> list[str]:
    """The edit as a unified diff without context: hunk headers, - and + lines."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), n=0
        )
    ][2:]


def index_contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table and view of a built index, rows in a fixed order, for comparing."""
    import duckdb

    from incidentlore.emit.tables import TABLES

    connection = duckdb.connect(str(path), read_only=True)
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in [*TABLES, "durations", "metadata"]
        }
    finally:
        connection.close()


def outputs(folder: Path) -> dict[str, bytes]:
    """The Markdown and JSON a build wrote (not lore's own hidden files)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and path.suffix in (".md", ".json")
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    }
