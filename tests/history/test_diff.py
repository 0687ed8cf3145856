from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gitrepo import FOLDER, GitRepo, Scripted
from incidentlore.errors import LoreError, UsageError
from incidentlore.history.diff import repository_diff
from incidentlore.history.diff_report import diff_json, diff_markdown, diff_text

CHECKOUT = "incidents/2025/INC-2025-0017-checkout-errors"
CHECKOUT_INCIDENT = """\
id: INC-2025-0017
title: Checkout errors after a configuration push
severity: SEV2
status: resolved
services: [checkout]
teams: [payments]
times:
  started: 2025-03-04 14:00 UTC
  detected: 2025-03-04 14:12 UTC
  resolved: 2025-03-04 15:00 UTC
"""


@pytest.fixture
def pull_request(scripted: Scripted, tmp_path: Path) -> GitRepo:
    """main gains a checkout incident; a branch then edits two incidents, adds one."""
    repo = scripted.copy(tmp_path / "repo")
    repo.write(f"{CHECKOUT}/incident.yaml", CHECKOUT_INCIDENT)
    repo.commit("Add the checkout incident", "2025-03-05T10:00:00+00:00")
    repo.git("checkout", "--quiet", "-b", "pull-request")
    repo.edit(f"{CHECKOUT}/incident.yaml", "14:12 UTC", "14:15 UTC")
    repo.edit(f"{FOLDER}/incident.yaml", "severity: SEV1", "severity: SEV0")
    added = CHECKOUT_INCIDENT.replace("0017", "0018").replace("14:12", "14:20")
    repo.write("incidents/2025/INC-2025-0018-checkout-again/incident.yaml", added)
    return repo


def test_the_working_tree_against_the_default_branch(pull_request: GitRepo) -> None:
    diff = repository_diff(pull_request.path)
    base = pull_request.git("rev-parse", "main")

    assert diff.base == base
    assert (
        diff_text(diff)
        == f"""\
lore diff {base[:10]}..working tree: 1 added, 2 changed; times in UTC
~ INC-2018-0001  GitHub degraded for a day by a MySQL split-brain
    severity SEV1 → SEV0
~ INC-2025-0017  Checkout errors after a configuration push
    detected 14:12 → 14:15 (+3 min)
+ INC-2025-0018  Checkout errors after a configuration push
    incident added: "Checkout errors after a configuration push" (SEV2, resolved)

New validation problems (1):
  {FOLDER}/incident.yaml:3:11: error: unknown severity 'SEV0'; did you mean 'SEV4'? \
Known: SEV1, SEV2, SEV3, SEV4 (add new ones to lore.yaml)

Metrics:
  all incidents: median time to detect 7 min → 15 min, because INC-2025-0017 detected \
moved, INC-2025-0018 added
  all incidents: median time to resolve 12 h 35 min 30 s → 1 h, because INC-2025-0018 \
added
  team payments; service checkout: median time to detect 12 min → 17 min 30 s, \
because INC-2025-0017 detected moved, INC-2025-0018 added
"""
    )


def test_markdown_for_a_pull_request_comment(pull_request: GitRepo) -> None:
    pull_request.commit("Review changes", "2025-03-06T10:00:00+00:00")
    diff = repository_diff(pull_request.path, "main", "HEAD")
    base, head = (pull_request.git("rev-parse", ref)[:10] for ref in ("main", "HEAD"))

    assert (
        diff_markdown(diff)
        == f"""\
### Incident changes: `{base}` → `{head}`

1 added, 2 changed. Times in UTC.

**INC-2018-0001** GitHub degraded for a day by a MySQL split-brain (changed)

- severity SEV1 → SEV0

**INC-2025-0017** Checkout errors after a configuration push (changed)

- detected 14:12 → 14:15 (+3 min)

**INC-2025-0018** Checkout errors after a configuration push (added)

- incident added: "Checkout errors after a configuration push" (SEV2, resolved)

#### New validation problems (1)

- `{FOLDER}/incident.yaml:3:11` unknown severity 'SEV0'; did you mean 'SEV4'? Known: \
SEV1, SEV2, SEV3, SEV4 (add new ones to lore.yaml)

#### Effect on metrics

| group | metric | before | after | because |
| --- | --- | --- | --- | --- |
| all incidents | median time to detect | 7 min | 15 min | INC-2025-0017 detected \
moved, INC-2025-0018 added |
| all incidents | median time to resolve | 12 h 35 min 30 s | 1 h | INC-2025-0018 \
added |
| team payments; service checkout | median time to detect | 12 min | 17 min 30 s | \
INC-2025-0017 detected moved, INC-2025-0018 added |
"""
    )


def test_json_for_bots(pull_request: GitRepo) -> None:
    pull_request.git("rm", "--quiet", "-r", "-f", CHECKOUT)
    shutil.rmtree(pull_request.path / "incidents/2025/INC-2025-0018-checkout-again")

    document = json.loads(diff_json(repository_diff(pull_request.path, "main")))

    unknown = (
        "unknown severity 'SEV0'; did you mean 'SEV4'? Known: SEV1, SEV2, SEV3, SEV4 "
        "(add new ones to lore.yaml)"
    )
    assert document["base"] == pull_request.git("rev-parse", "main")
    assert document["head"] is None
    removed = document["incidents"][1].pop("changes")
    assert [(c["field"], c["change"], c["old"]) for c in removed][:3] == [
        ("id", "removed", "INC-2025-0017"),
        ("title", "removed", "Checkout errors after a configuration push"),
        ("severity", "removed", "SEV2"),
    ]
    assert {c["change"] for c in removed} == {"removed"}
    assert document["incidents"] == [
        {
            "id": "INC-2018-0001",
            "kind": "changed",
            "folder": FOLDER,
            "previous_folder": None,
            "summary": ["severity SEV1 → SEV0"],
            "changes": [
                {"field": "severity", "change": "changed", "old": "SEV1", "new": "SEV0"}
            ],
            "problems": [],
        },
        {
            "id": "INC-2025-0017",
            "kind": "removed",
            "folder": CHECKOUT,
            "previous_folder": None,
            "summary": ["incident removed"],
            "problems": [],
        },
    ]
    assert document["new_problems"] == [
        {
            "file": f"{FOLDER}/incident.yaml",
            "line": 3,
            "column": 11,
            "message": unknown,
            "problems_in_file": 1,
        }
    ]
    assert document["metrics"][0] == {
        "groups": [{"kind": "all", "name": None}],
        "metric": "time_to_detect",
        "median_minutes_before": 7.0,
        "median_minutes_after": 2.0,
        "because": ["INC-2025-0017 removed"],
        "text": "all incidents: median time to detect 7 min → 2 min, "
        "because INC-2025-0017 removed",
    }
    assert [metric["text"] for metric in document["metrics"][1:]] == [
        "all incidents: median time to resolve 12 h 35 min 30 s → 24 h 11 min, "
        "because INC-2025-0017 removed",
        "team payments; service checkout: median time to detect 12 min → none, "
        "because INC-2025-0017 removed",
        "team payments; service checkout: median time to resolve 1 h → none, "
        "because INC-2025-0017 removed",
    ]


def test_a_moved_folder_is_the_same_incident(scripted: Scripted) -> None:
    diff = repository_diff(scripted.path, scripted.commits["post-mortem"], "HEAD")

    (change,) = diff.incidents
    assert (change.kind, change.previous_folder, change.folder) == (
        "changed",
        "incidents/2019/INC-2018-0001-mysql",
        FOLDER,
    )
    assert diff.fixed_problems == 1  # the folder is now under the year it started
    assert diff.new_problems == ()


def test_nothing_changed(scripted: Scripted) -> None:
    diff = repository_diff(scripted.path, "HEAD")

    assert diff_text(diff) == (
        f"lore diff {scripted.short('crlf')}..working tree: no incident changed; "
        "times in UTC\n"
    )


def test_without_a_default_branch_base_must_be_given(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    repo.git("branch", "--quiet", "-m", "main", "trunk")

    with pytest.raises(UsageError) as raised:
        repository_diff(repo.path)

    assert str(raised.value) == (
        "no default branch to compare with (looked for origin/HEAD, origin/main, "
        "origin/master, main, master); give BASE, e.g. 'lore diff main'"
    )


def test_the_default_branch_of_a_clone_is_origin_head(
    scripted: Scripted, tmp_path: Path
) -> None:
    clone = scripted.clone(tmp_path / "clone")
    clone.git("checkout", "--quiet", "-b", "work")
    clone.edit(f"{FOLDER}/incident.yaml", "status: closed", "status: resolved")
    clone.commit("Reopen the review", "2018-12-01T10:00:00+00:00")
    clone.git("branch", "--quiet", "-D", "main")

    diff = repository_diff(clone.path)

    assert diff.base == scripted.commits["crlf"]
    assert [
        (change.field, change.old.text if change.old else None)
        for incident in diff.incidents
        for change in incident.changes
    ] == [("status", "closed")]


def test_an_unknown_base(scripted: Scripted) -> None:
    with pytest.raises(UsageError) as raised:
        repository_diff(scripted.path, "no-such-branch")

    assert str(raised.value) == (
        f"'no-such-branch' names no commit in {scripted.path}; give a commit, "
        "branch or tag (see 'git log --oneline')"
    )


def test_a_file_that_does_not_validate_is_named_and_left_out(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    repo.edit(f"{FOLDER}/postmortem.yaml", "state: published", "state: finished")
    repo.edit(f"{FOLDER}/incident.yaml", "status: closed", "status: resolved")

    diff = repository_diff(repo.path, "HEAD")

    assert diff_text(diff).splitlines()[1:4] == [
        "~ INC-2018-0001  GitHub degraded for a day by a MySQL split-brain",
        f"    does not validate here: {FOLDER}/postmortem.yaml:46:10: error: "
        "review.state: 'finished' is not allowed here. Allowed: draft, in-review, "
        "reviewed, published",
        "    status closed → resolved",
    ]


def test_a_shallow_clone_without_the_merge_base_says_what_to_do(
    scripted: Scripted, tmp_path: Path
) -> None:
    repo = scripted.copy(tmp_path / "repo")
    repo.git("checkout", "--quiet", "-b", "work", scripted.commits["notes"])
    repo.edit(f"{FOLDER}/incident.yaml", "status: closed", "status: resolved")
    repo.commit("Reopen", "2018-12-01T10:00:00+00:00")
    repo.git("checkout", "--quiet", "main")
    clone = GitRepo(tmp_path / "clone")
    # The tips of main and work, and nothing they have in common.
    repo.git(
        "clone",
        "--quiet",
        "--depth=1",
        "--no-single-branch",
        f"file://{repo.path}",
        str(clone.path),
    )
    clone.git("checkout", "--quiet", "-b", "work", "origin/work")

    with pytest.raises(LoreError) as raised:
        repository_diff(clone.path)

    assert str(raised.value) == (
        "HEAD and origin/HEAD have no commit in common here; in a shallow clone, "
        "fetch the history first (git fetch --unshallow), or give BASE"
    )


def test_fixed_problems_are_counted(scripted: Scripted) -> None:
    diff = repository_diff(scripted.path, scripted.commits["corrected"], "HEAD")

    assert diff.fixed_problems == 1
    assert diff_text(diff).splitlines()[-2:] == ["", "Validation problems fixed: 1"]
    assert "Validation problems fixed: 1." in diff_markdown(diff).splitlines()


def test_a_pull_request_comment_mentions_nobody(pull_request: GitRepo) -> None:
    pull_request.edit(
        f"{CHECKOUT}/incident.yaml",
        "title: Checkout errors after a configuration push",
        "title: Checkout errors after @octocat pushed for @acme/payments",
    )
    pull_request.commit("Review changes", "2025-03-06T10:00:00+00:00")
    markdown = diff_markdown(repository_diff(pull_request.path, "main", "HEAD"))
    assert "@<!-- -->octocat pushed for @<!-- -->acme/payments" in markdown
    assert "@octocat" not in markdown


def test_a_merge_conflict_in_an_incident_is_a_problem_not_a_removal(
    pull_request: GitRepo,
) -> None:
    path = pull_request.path / FOLDER / "incident.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "severity: SEV0",
            "<<<<<<< HEAD\nseverity: SEV0\n=======\nseverity: SEV2\n>>>>>>> other",
        )
    )
    lines = diff_text(repository_diff(pull_request.path, "main")).splitlines()
    assert lines[1].startswith("~ INC-2018-0001")
    assert lines[2].startswith(f"    does not validate here: {FOLDER}/incident.yaml:")
    assert not any(
        line.startswith(("+ INC-2018-0001", "- INC-2018-0001")) for line in lines
    )
