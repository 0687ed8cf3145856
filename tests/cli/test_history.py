from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import FOLDER, Scripted, outside_git
from support import run_lore


def test_history(scripted: Scripted) -> None:
    result = run_lore(
        "-C", scripted.path, "history", "INC-2018-0001", "--as-of", "2018-10-31"
    )

    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == f"""\
INC-2018-0001: 2 revisions, newest first; times in UTC

{scripted.short("corrected")}  2018-10-31 10:00 +00:00  Grace Example  Correct the \
detection time after review
    severity SEV2 → SEV1
    detected 23:08 → 22:54 (−14 min)

{scripted.short("created")}  2018-10-30 10:00 +00:00  Ada Example  Add the GitHub \
split-brain incident
    incident added: "MySQL split-brain after a 43-second network parti…" (SEV2, closed)
    signals + 17 (manual 17)
"""
    )


def test_history_json(scripted: Scripted) -> None:
    result = run_lore(
        "-C", scripted.path, "history", "INC-2018-0001", "--format", "json"
    )

    document = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (document["incident"], document["folder"], document["shallow"]) == (
        "INC-2018-0001",
        FOLDER,
        False,
    )
    renamed = document["revisions"][7]
    assert {
        key: renamed[key] for key in ("commit", "kind", "folder", "previous_folder")
    } == {
        "commit": scripted.commits["renamed"],
        "kind": "changed",
        "folder": FOLDER,
        "previous_folder": "incidents/2018/INC-2018-0001-mysql",
    }
    assert renamed["summary"] == [
        "moved from incidents/2018/INC-2018-0001-mysql",
        "contributing_factors + configuration",
        "action item AI-1 status open → done",
    ]
    assert renamed["files"] == [
        {"path": "incident.yaml", "status": "R"},
        {"path": "postmortem.yaml", "status": "R"},
        {"path": "signals.yaml", "status": "R"},
    ]


def test_blame(scripted: Scripted) -> None:
    result = run_lore(
        "-C", scripted.path, "blame", "INC-2018-0001", "postmortem.review.state"
    )

    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "INC-2018-0001 postmortem.review.state = published\n"
        f"{scripted.short('published')}  2018-11-05 10:00 +00:00  Grace Example "
        "<grace@example.org>  Publish the post-mortem\n"
        "    review state in-review → published\n"
    )


def test_blame_of_an_unknown_incident_exits_1(scripted: Scripted) -> None:
    result = run_lore("-C", scripted.path, "blame", "INC-2018-0009", "severity")

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lore: no incident 'INC-2018-0009' in the history of HEAD; "
        "did you mean INC-2018-0001?\n"
    )


def test_diff_markdown(scripted: Scripted, tmp_path: Path) -> None:
    repo = scripted.copy(tmp_path / "repo")
    repo.edit(f"{FOLDER}/incident.yaml", "status: closed", "status: resolved")

    result = run_lore("-C", repo.path, "diff", "HEAD", "--format", "markdown")

    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == f"""\
### Incident changes: `{scripted.short("crlf")}` → working tree

1 changed. Times in UTC.

**INC-2018-0001** GitHub degraded for a day by a MySQL split-brain (changed)

- status closed → resolved
"""
    )


def test_control_characters_are_shown_not_sent(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    title = "title: GitHub degraded for a day by a MySQL split-brain"
    repo.edit(f"{FOLDER}/incident.yaml", title, 'title: "DB \\e]0;x\\a failover"')
    repo.commit("Retitle \x1b[31mred", "2018-11-02T10:00:00+00:00")
    short = repo.git("rev-parse", "--short=10", "HEAD").strip()

    history = run_lore("-C", repo.path, "history", "INC-2018-0001")
    assert history.stdout.splitlines()[2:4] == [
        f"{short}  2018-11-02 10:00 +00:00  Ada Example  Retitle <U+001B>[31mred",
        '    title "GitHub degraded for a day by a MySQL split-brain" → '
        '"DB <U+001B>]0;x<U+0007> failover"',
    ]
    blame = run_lore("-C", repo.path, "blame", "INC-2018-0001", "title")
    assert "\x1b" not in blame.stdout and "<U+001B>[31mred" in blame.stdout
    for fmt in ("text", "markdown"):
        diff = run_lore("-C", repo.path, "diff", "HEAD~1", "HEAD", "--format", fmt)
        assert "\x1b" not in diff.stdout and "U+0007" in diff.stdout


def test_diff_with_a_bad_revision_is_misuse(scripted: Scripted) -> None:
    result = run_lore("-C", scripted.path, "diff", "--", "-x")

    assert result.exit_code == 2
    assert result.stderr == (
        f"lore: '-x' names no commit in {scripted.path}; give a commit, branch or "
        "tag (see 'git log --oneline')\n"
    )


def test_history_outside_git_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = outside_git(tmp_path / "repo", monkeypatch)

    result = run_lore("-C", root, "history", "INC-2018-0001")

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"lore: {root} is not inside a git repository, so it has no history; run "
        "'git init' and commit the incident files (build and validate work without "
        "git)\n"
    )
