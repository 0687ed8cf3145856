from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import FIXTURES, run_lore


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURES / "authoring" / "repo", target)
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Kai Berg\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return target


def test_note_takes_the_author_from_git(repo: Path) -> None:
    result = run_lore(
        "-C",
        repo,
        "note",
        "INC-2026-0003",
        "Paged late",
        "--about",
        "alert-checkout-5xx",
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout == "INC-2026-0003: added N3 at 2026-11-30 13:09 UTC by Kai Berg\n"
    )
    notes = (
        repo / "incidents/2026/INC-2026-0003-checkout-errors/notes.yaml"
    ).read_text()
    assert (
        "    author: Kai Berg\n    about: alert-checkout-5xx\n    text: Paged late\n"
        in notes
    )


def test_note_with_an_unknown_signal(repo: Path) -> None:
    result = run_lore("-C", repo, "note", "INC-2026-0003", "x", "--about", "deploy")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lore: --about: unknown signal 'deploy'; did you mean 'deploy-4-2-1'? Known: "
        "alert-checkout-5xx, deploy-4-2-1\n"
    )


def test_note_kind_must_be_known(repo: Path) -> None:
    result = run_lore("-C", repo, "note", "INC-2026-0003", "x", "--kind", "idea")
    assert result.exit_code == 2
    assert "Invalid value for '--kind': 'idea' is not one of 'note', 'decision'" in (
        result.stderr
    )


def test_link(repo: Path) -> None:
    args = (
        "-C",
        repo,
        "link",
        "INC-2026-0003",
        "INC-2026-0001",
        "--relation",
        "caused-by",
    )
    first, second = run_lore(*args), run_lore(*args)
    assert first.stdout == "INC-2026-0003 now links to INC-2026-0001 as caused-by\n"
    assert (
        second.stdout == "INC-2026-0003 already links to INC-2026-0001 as caused-by\n"
    )


def test_action_titles_are_one_line(repo: Path) -> None:
    base = ("-C", repo, "action", "INC-2026-0003", "add")
    refused = run_lore(*base, "Fix \u2028 this")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "lore: the action item's title is one line; write the details elsewhere\n",
    )
    kept = run_lore(*base, "  two  spaces\tkept  ")
    assert (kept.exit_code, kept.stdout) == (0, "INC-2026-0003: added AI-3\n")
    postmortem = next(repo.glob("incidents/2026/INC-2026-0003-*/postmortem.yaml"))
    assert 'title: "two  spaces\\tkept"' in postmortem.read_text()


def test_action_add_done_drop_reopen(repo: Path) -> None:
    base = ("-C", repo, "action", "INC-2026-0003")
    outputs = [
        run_lore(*base, "add", "Page on checkout latency", "--priority", "P1").stdout,
        run_lore(*base, "done", "AI-3").stdout,
        run_lore(*base, "done", "AI-3").stdout,
        run_lore(*base, "drop", "AI-2").stdout,
        run_lore(*base, "reopen", "AI-2").stdout,
    ]
    assert outputs == [
        "INC-2026-0003: added AI-3\n",
        "INC-2026-0003: AI-3 is now done\n",
        "INC-2026-0003: AI-3 is already done\n",
        "INC-2026-0003: AI-2 is now dropped\n",
        "INC-2026-0003: AI-2 is now open\n",
    ]
    unknown = run_lore(*base, "done", "AI-7")
    assert (unknown.exit_code, unknown.stderr) == (
        1,
        "lore: unknown action item 'AI-7'; did you mean 'AI-3'? Known: AI-1, AI-2, "
        "AI-3\n",
    )


def test_hide_and_star(repo: Path) -> None:
    hidden = run_lore("-C", repo, "hide", "INC-2026-0003", "deploy-4-2-1", "N1")
    assert hidden.stdout == (
        "INC-2026-0003: deploy-4-2-1 is now hidden\nINC-2026-0003: N1 is now hidden\n"
    )
    undone = run_lore("-C", repo, "hide", "INC-2026-0003", "N1", "N2", "--undo")
    assert undone.stdout == (
        "INC-2026-0003: N1 is now not hidden\n"
        "INC-2026-0003: N2 was already not hidden\n"
    )
    clash = run_lore("-C", repo, "star", "INC-2026-0003", "deploy-4-2-1")
    assert (clash.exit_code, clash.stderr) == (
        1,
        "lore: 'deploy-4-2-1' is hidden; run 'lore hide INC-2026-0003 deploy-4-2-1 "
        "--undo' first\n",
    )
    timeline = run_lore("-C", repo, "timeline", "INC-2026-0003")
    assert "checkout 4.2.1 rolled out to all regions (hidden)" in timeline.stdout
