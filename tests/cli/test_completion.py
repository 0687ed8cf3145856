from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from incidentlore.cli import main
from support import FIXTURES, run_lore


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURES / "authoring" / "repo", target)
    return target


def _complete(
    monkeypatch: pytest.MonkeyPatch, line: str, cwd: Path
) -> tuple[int, list[str]]:
    """What bash would offer after `line` (ending in a space: a new word)."""
    words = line.split(" ")
    monkeypatch.setenv("_LORE_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    monkeypatch.chdir(cwd)
    # Completion writes bytes, as to a real terminal, so stdout needs a buffer.
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(stdout), pytest.raises(SystemExit) as done:
        main([])
    stdout.flush()
    output = stdout.buffer.getvalue().decode("utf-8")
    return int(done.value.code or 0), [line for line in output.splitlines() if line]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("lore st", ["plain,star", "plain,status"]),
        ("lore note INC-2026-000", ["plain,INC-2026-0001", "plain,INC-2026-0003"]),
        (
            "lore new Title --service ",
            ["plain,checkout", "plain,database", "plain,payments-api"],
        ),
        ("lore new Title --severity SEV", ["plain,SEV1", "plain,SEV2", "plain,SEV3"]),
        ("lore new Title --team p", ["plain,payments", "plain,platform"]),
        ("lore new Title --outcome ", ["plain,degradation", "plain,full-outage"]),
        ("lore status INC-2026-0003 c", ["plain,closed"]),
        ("lore set INC-2026-0003 m", ["plain,mitigated"]),
        (
            "lore hide INC-2026-0003 ",
            ["plain,N1", "plain,N2", "plain,alert-checkout-5xx", "plain,deploy-4-2-1"],
        ),
        ("lore note INC-2026-0003 text --about d", ["plain,deploy-4-2-1"]),
        ("lore action INC-2026-0003 done AI", ["plain,AI-1", "plain,AI-2"]),
        ("lore hide INC-2026-0001 ", []),
        ("lore timeline INC-2026-000", ["plain,INC-2026-0001", "plain,INC-2026-0003"]),
        ("lore history INC-2026-0001 ", []),
        ("lore blame INC-2026-000", ["plain,INC-2026-0001", "plain,INC-2026-0003"]),
        ("lore query --service d", ["plain,database"]),
        ("lore query --severity-at-least SEV1", ["plain,SEV1"]),
        ("lore query --status c", ["plain,closed"]),
        ("lore ingest alert", ["plain,alertmanager"]),
        ("lore ingest slack --incident INC-2026-0001 ", ["file,"]),
        ("lore ingest slack ex", ["file,ex"]),
    ],
)
def test_completion_reads_the_repository(
    monkeypatch: pytest.MonkeyPatch, repo: Path, line: str, offered: list[str]
) -> None:
    assert _complete(monkeypatch, line, repo / "incidents") == (0, offered)


def test_completion_follows_minus_c(
    monkeypatch: pytest.MonkeyPatch, repo: Path, tmp_path: Path
) -> None:
    line = f"lore -C {repo} link INC-2026-0003 INC-2026-0001 --relation c"
    assert _complete(monkeypatch, line, tmp_path) == (0, ["plain,caused-by"])
    line = f"lore -C {repo} star INC-2026-0003 N"
    assert _complete(monkeypatch, line, tmp_path) == (0, ["plain,N1", "plain,N2"])


def test_ingested_signals_are_offered_once_built(
    monkeypatch: pytest.MonkeyPatch, repo: Path
) -> None:
    export = FIXTURES / "alertmanager" / "firing-two-alerts-offset-nanos.json"
    ingest = ("ingest", "alertmanager", export, "--incident", "INC-2026-0003")
    assert run_lore("-C", repo, *ingest).exit_code == 0
    line = "lore note INC-2026-0003 text --about alertmanager:"
    assert _complete(monkeypatch, line, repo) == (0, [])  # not built yet
    monkeypatch.delenv("_LORE_COMPLETE")  # lore builds, and does not complete
    assert run_lore("-C", repo, "build").exit_code == 0
    assert _complete(monkeypatch, line, repo) == (
        0,
        [
            "plain,alertmanager:3b1b9ffc68d34f1f:20180307T113321.873077Z",
            "plain,alertmanager:b94cbdf6935e6829:20180307T113321.873077Z",
        ],
    )
    hide = "lore hide INC-2026-0003 alertmanager:b"
    assert _complete(monkeypatch, hide, repo) == (
        0,
        ["plain,alertmanager:b94cbdf6935e6829:20180307T113321.873077Z"],
    )


def test_completion_outside_a_repository_offers_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert _complete(monkeypatch, "lore note ", tmp_path) == (0, [])
    assert _complete(monkeypatch, "lore new x --service ", tmp_path) == (0, [])


@pytest.mark.parametrize(
    ("shell", "first_line"),
    [
        ("bash", "_lore_completion() {"),
        ("zsh", "#compdef lore"),
        ("fish", "function _lore_completion;"),
    ],
)
def test_completion_scripts(shell: str, first_line: str) -> None:
    result = run_lore("completion", shell)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == first_line
    assert "_LORE_COMPLETE" in result.stdout
