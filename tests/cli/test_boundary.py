from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from incidentlore.cli import repo
from support import BASE_INCIDENT, example_repository, run_lore


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


def test_the_machine_saying_no_is_a_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(path: Path, *_: object, **__: object) -> bool:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("incidentlore.build.write_atomic", refused)
    repository = example_repository(tmp_path / "repo")
    result = run_lore("-C", repository, "build")
    assert (result.exit_code, result.stderr) == (
        1,
        f"lore: {repository / 'build' / 'README.md'}: Permission denied\n",
    )


def test_a_missing_folder_for_minus_c_is_misuse(tmp_path: Path) -> None:
    result = run_lore("-C", tmp_path / "nowhere", "validate")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Directory '{tmp_path / 'nowhere'}' does not exist.\n"
    )


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # More timeline than a pipe holds, so lore is still writing when head leaves.
    lines = ["signals:"]
    for number in range(3000):
        lines += [
            f"  - id: s{number}",
            "    kind: log",
            f"    at: 2024-03-05T13:{number // 60 % 60:02d}:{number % 60:02d}Z",
            f"    summary: log line {number} " + "x" * 40,
        ]
    files = {
        f"{BASE_INCIDENT}/signals.yaml": "\n".join(lines) + "\n",
        f"{BASE_INCIDENT}/notes.yaml": "notes: []\n",
        f"{BASE_INCIDENT}/postmortem.yaml": "summary: x\n",
    }
    repository = example_repository(tmp_path / "repo", files)
    command = f"{sys.executable} -m incidentlore -C {repository} timeline INC-2024-0001 | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        141,
        "INC-2024-0001: times in Europe/Berlin\n",
        "",
    )


def test_an_argument_that_is_not_utf8_is_misuse(tmp_path: Path) -> None:
    # Bytes from the shell, as a terminal in another encoding would send them.
    done = subprocess.run(
        [sys.executable, "-m", "incidentlore", "note", "INC-1", b"caf\xe9"],
        cwd=tmp_path,
        capture_output=True,
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == (
        b"lore: argument 3 (caf\\xe9) is not UTF-8 text; lore reads its arguments "
        b"as UTF-8: type it again in a UTF-8 terminal, or rename the file\n"
    )
