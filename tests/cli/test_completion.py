from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from incidentlore.cli import main
from support import FIXTURES, run_lore

# Bash's default COMP_WORDBREAKS.
WORDBREAKS = " \t\n\"'@><=;|&(:"
# The ids of the signals in the Alertmanager export, and what follows their first colon.
AFTER_3B = "3b1b9ffc68d34f1f:20180307T113321.873077Z"
AFTER_B9 = "b94cbdf6935e6829:20180307T113321.873077Z"
ALERT_3B = f"alertmanager:{AFTER_3B}"
ALERT_B9 = f"alertmanager:{AFTER_B9}"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURES / "authoring" / "repo", target)
    return target


def _complete(
    monkeypatch: pytest.MonkeyPatch, line: str, cwd: Path
) -> tuple[int, list[str]]:
    """What lore tells bash after `line`, typed up to the cursor."""
    monkeypatch.setenv("_LORE_COMPLETE", "bashline_complete")
    monkeypatch.setenv("COMP_LINE", line)
    monkeypatch.setenv("COMP_WORDBREAKS", WORDBREAKS)
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
        ("lore note INC-2026-0003 'at 10:02, a' --about=d", ["plain,deploy-4-2-1"]),
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
    # Bash keeps what precedes the last colon, so the replies leave it out.
    assert _complete(monkeypatch, line, repo) == (
        0,
        [f"plain,{AFTER_3B}", f"plain,{AFTER_B9}"],
    )
    hide = "lore hide INC-2026-0003 alertm"
    assert _complete(monkeypatch, hide, repo) == (
        0,
        [f"plain,{ALERT_3B}", f"plain,{ALERT_B9}"],
    )
    hide = "lore hide INC-2026-0003 alertmanager:b94cbdf6935e6829:2"
    assert _complete(monkeypatch, hide, repo) == (0, ["plain,20180307T113321.873077Z"])
    about = "lore note INC-2026-0003 text --about=alertmanager:b"
    assert _complete(monkeypatch, about, repo) == (0, [f"plain,{AFTER_B9}"])


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"[" * 200_000,
        b'{"timeline": 3}',
        b'{"timeline": [{"kind": "signal", "id": "zz\\nfile,zz"}]}',
    ],
)
def test_a_damaged_build_completes_only_the_hand_entered_signals(
    monkeypatch: pytest.MonkeyPatch, repo: Path, damage: bytes
) -> None:
    export = repo / "build" / "incidents" / "INC-2026-0003.json"
    export.parent.mkdir(parents=True)
    export.write_bytes(damage)
    line = "lore note INC-2026-0003 text --about "
    assert _complete(monkeypatch, line, repo) == (
        0,
        ["plain,alert-checkout-5xx", "plain,deploy-4-2-1"],
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


@pytest.fixture(scope="module")
def built_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("built") / "repo"
    shutil.copytree(FIXTURES / "authoring" / "repo", target)
    export = FIXTURES / "alertmanager" / "firing-two-alerts-offset-nanos.json"
    ingest = ("ingest", "alertmanager", export, "--incident", "INC-2026-0003")
    assert run_lore("-C", target, *ingest).exit_code == 0
    assert run_lore("-C", target, "build").exit_code == 0
    return target


def _bash_words(text: str) -> list[str]:
    """Words as bash splits a line for COMP_WORDS: at spaces, and around ':' and '='."""
    return re.findall(r"[^\s:=]+|[:=]+", text)


def _bash_completes(line: str, cwd: Path, tmp_path: Path) -> list[str]:
    """COMPREPLY after real bash runs lore's completion function on `line`.

    The cursor is at "|" if there is one, else at the end. The variables are set as
    bash sets them when Tab is pressed there.
    """
    before, _, after = line.partition("|")
    words = _bash_words(before) + ([""] if before.endswith(" ") else [])
    bin_dir = tmp_path / "bin"  # `lore` is this interpreter's, whatever PATH holds
    bin_dir.mkdir(exist_ok=True)
    lore = bin_dir / "lore"
    lore.write_text(
        f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m incidentlore "$@"\n'
    )
    lore.chmod(0o755)
    program = """
        eval "$LORE_SCRIPT"
        COMP_WORDS=("$@") COMP_CWORD=$WORD COMP_LINE=$LINE COMP_POINT=$POINT
        _lore_completion lore "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\\n' "${COMPREPLY[@]}"
    """
    env = os.environ | {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "LORE_SCRIPT": run_lore("completion", "bash").stdout,
        "LINE": before + after,
        "POINT": str(len(before)),
        "WORD": str(len(words) - 1),
    }
    env.pop("_LORE_COMPLETE", None)
    done = subprocess.run(
        ["bash", "-c", program, "bash", *words, *_bash_words(after)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr == ""
    return [reply for reply in done.stdout.split("\n") if reply]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("lore st", ["star", "status"]),
        ("lore note INC-2026-0003 text --about alertm", [ALERT_3B, ALERT_B9]),
        (
            "lore note INC-2026-0003 text --about alertmanager:",
            [AFTER_3B, AFTER_B9],
        ),
        (
            "lore note INC-2026-0003 text --about alertmanager:3b",
            [AFTER_3B],
        ),
        (
            "lore note INC-2026-0003 text --about alertmanager:3b1b9ffc68d34f1f:",
            ["20180307T113321.873077Z"],
        ),
        (
            "lore note INC-2026-0003 text --about=alertmanager:b",
            [AFTER_B9],
        ),
        ("lore note INC-2026-0003 text --about=d", ["deploy-4-2-1"]),
        ("lore hide INC-2026-0003 alertmanager:b| N1", [AFTER_B9]),
    ],
)
def test_real_bash_completes_ids_with_colons(
    built_repo: Path, tmp_path: Path, line: str, offered: list[str]
) -> None:
    assert _bash_completes(line, built_repo, tmp_path) == offered
