"""The pre-commit hooks and the GitHub Actions workflow that the project ships."""

from __future__ import annotations

import re
import shlex

import yaml

from support import PROJECT, SAMPLE_REPO, run_lore

WORKFLOW = SAMPLE_REPO / ".github" / "workflows" / "lore.yml"


def hooks() -> list[dict[str, object]]:
    loaded = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(loaded, list)
    return loaded


def test_hooks_have_what_pre_commit_requires() -> None:
    assert [
        (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"])
        for hook in hooks()
    ] == [
        ("lore-validate", "lore validate", "python", False),
        ("lore-check", "lore check", "python", False),
    ]
    assert all({"id", "name", "entry", "language"} <= set(hook) for hook in hooks())


def test_hooks_run_on_incident_files_only() -> None:
    validate = re.compile(str(hooks()[0]["files"]))
    matched = [
        path
        for path in (
            "lore.yaml",
            "handbook/lore.yaml",
            "incidents/2018/INC-2018-0001-x/incident.yaml",
            "incidents/2018/INC-2018-0001-x/raw/slack/export.json",
            "README.md",
            "docs/incidents.md",
            "templates/incident.md.j2",
        )
        if validate.search(path)
    ]
    assert matched == [
        "lore.yaml",
        "handbook/lore.yaml",
        "incidents/2018/INC-2018-0001-x/incident.yaml",
        "incidents/2018/INC-2018-0001-x/raw/slack/export.json",
    ]


def test_hook_entries_run() -> None:
    for hook in hooks():
        program, *arguments = shlex.split(str(hook["entry"]))
        assert program == "lore"
        result = run_lore("-C", SAMPLE_REPO, *arguments)
        assert result.exit_code == 0, result.stderr


def test_the_workflow_checks_and_comments() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]

    assert steps[0]["with"] == {"fetch-depth": 0}
    assert [step.get("run") for step in steps[2:5]] == [
        "pip install incidentlore",
        "lore check --format github",
        'lore diff "origin/$BASE" HEAD --format markdown > lore-diff.md',
    ]
    assert steps[5]["run"] == (
        'gh pr comment "$NUMBER" --body-file lore-diff.md --edit-last || '
        'gh pr comment "$NUMBER" --body-file lore-diff.md'
    )
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}


def test_the_documented_workflow_is_the_shipped_one() -> None:
    docs = (PROJECT / "docs" / "history.md").read_text("utf-8")

    assert f"```yaml\n{WORKFLOW.read_text('utf-8')}```\n" in docs
