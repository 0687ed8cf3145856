from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import FIXTURES, run_lore


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURES / "authoring" / "repo", target)
    return target


def test_init_then_validate(tmp_path: Path) -> None:
    result = run_lore("-C", tmp_path, "init", "incidents")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"created an incident repository in {tmp_path / 'incidents'}\n"
        "next: edit lore.yaml (services, teams), then 'lore new'\n"
    )
    assert run_lore("validate", cwd=tmp_path / "incidents").stdout == (
        "ok: 0 incidents, 0 signals, 0 notes\n"
    )
    again = run_lore("init", cwd=tmp_path / "incidents")
    assert again.exit_code == 1
    assert again.stderr == (
        f"lore: {tmp_path / 'incidents' / 'lore.yaml'} already exists; lore init does "
        "not overwrite an incident repository\n"
    )


def test_init_says_which_files_it_kept(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# ours\n")
    result = run_lore("init", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr == "kept existing README.md\n"


def test_new_from_a_folder_inside_the_repository_prints_the_path(repo: Path) -> None:
    inside = repo / "incidents" / "2026"
    result = run_lore(
        "new",
        "Payments API returns 500",
        "--severity",
        "SEV2",
        "--service",
        "payments-api",
        "--started",
        "2026-12-03 10:15 Europe/Berlin",
        cwd=inside,
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "INC-2026-0004-payments-api-returns-500\n",
        "created INC-2026-0004, started 2026-12-03 09:15 UTC\n",
    )
    assert (
        inside / "INC-2026-0004-payments-api-returns-500" / "incident.yaml"
    ).is_file()


@pytest.mark.parametrize("title", ["two\nlines", "next\x85line", "form\x0cfeed"])
def test_new_refuses_a_title_of_more_than_one_line(repo: Path, title: str) -> None:
    result = run_lore("-C", repo, "new", title, "--severity", "SEV2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "lore: the title is one line; write the details elsewhere\n"


def test_new_with_an_unknown_service(repo: Path) -> None:
    result = run_lore(
        "-C", repo, "new", "x", "--severity", "SEV2", "--service", "chekout"
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lore: --service: unknown service 'chekout'; did you mean 'checkout'? Known: "
        "checkout, database, payments-api (add new ones to lore.yaml)\n"
    )


def test_set_prints_the_instant_it_stored(repo: Path) -> None:
    run_lore("-C", repo, "set", "INC-2026-0003", "timezone", "Europe/Berlin")
    result = run_lore("-C", repo, "set", "INC-2026-0003", "mitigated", "15:40")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "INC-2026-0003: times.mitigated = 2026-11-30 15:40 Europe/Berlin "
        "(= 2026-11-30 14:40 UTC)\n"
    )
    same = run_lore("-C", repo, "set", "INC-2026-0003", "severity", "SEV2")
    assert same.stdout == "INC-2026-0003: severity is already SEV2\n"
    text = run_lore("-C", repo, "set", "INC-2026-0003", "summary", "one\ntwo")
    assert text.stdout == "INC-2026-0003: summary = (text)\n"
    escape = run_lore("-C", repo, "set", "INC-2026-0003", "title", "a \x1b[31mb")
    assert escape.stdout == "INC-2026-0003: title = a <U+001B>[31mb\n"
    again = run_lore("-C", repo, "set", "INC-2026-0003", "title", "a \x1b[31mb")
    assert again.stdout == "INC-2026-0003: title is already a <U+001B>[31mb\n"


def test_set_misuse_and_unknown_incident(repo: Path) -> None:
    misuse = run_lore("-C", repo, "set", "INC-2026-0003", "mitigated", "later")
    assert (misuse.exit_code, misuse.stderr) == (
        2,
        "lore: mitigated: 'later' is not a time; write it like "
        "'2026-11-30 14:02 Europe/Berlin'\n",
    )
    unknown = run_lore("-C", repo, "set", "INC-2026-0033", "severity", "SEV1")
    assert (unknown.exit_code, unknown.stderr) == (
        1,
        "lore: unknown incident 'INC-2026-0033'; did you mean 'INC-2026-0003'? "
        "Known: INC-2026-0001, INC-2026-0003\n",
    )


def test_status_hints_at_the_key_time(repo: Path) -> None:
    result = run_lore("-C", repo, "status", "INC-2026-0003", "resolved")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "INC-2026-0003: status = resolved\n",
        "hint: to record when, run: lore set INC-2026-0003 resolved TIME\n",
    )


def test_an_edit_reports_problems_it_did_not_cause(repo: Path) -> None:
    postmortem = repo / "incidents/2026/INC-2026-0003-checkout-errors/postmortem.yaml"
    postmortem.write_text(
        postmortem.read_text().replace("category: change", "category: changes")
    )
    result = run_lore("-C", repo, "status", "INC-2026-0003", "closed")
    assert (result.exit_code, result.stdout) == (0, "INC-2026-0003: status = closed\n")
    assert result.stderr == (
        "warning: INC-2026-0003 still has 1 problem that this edit did not cause:\n"
        "  incidents/2026/INC-2026-0003-checkout-errors/postmortem.yaml:6:15: error: "
        "unknown factor category 'changes'; did you mean 'change'? Known: change, "
        "monitoring-gap (add new ones to lore.yaml)\n"
    )


def test_outside_a_repository(tmp_path: Path) -> None:
    result = run_lore("status", "INC-1", "closed", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"lore: no lore.yaml in {tmp_path.resolve()} or any folder above it; run "
        "inside an incident repository, pass -C PATH, or create one with 'lore init'\n"
    )
