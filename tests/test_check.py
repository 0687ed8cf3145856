from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import FOLDER, GitRepo, fixture, outside_git
from incidentlore.build import build
from incidentlore.check import build_drift, run_check
from incidentlore.errors import ProblemsFound
from incidentlore.schemas import generate
from support import run_lore

PAGE = "build/incidents/INC-2018-0001.md"


def lore_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, subfolder: str = ""
) -> GitRepo:
    """A git repository holding the GitHub incident, maybe in a subfolder."""
    repo = GitRepo.init(tmp_path / "top", monkeypatch)
    root = f"{subfolder}/" if subfolder else ""
    repo.write(f"{root}lore.yaml", fixture("lore.yaml"))
    for name in ("incident.yaml", "postmortem.yaml", "signals.yaml", "notes.yaml"):
        repo.write(f"{root}{FOLDER}/{name}", fixture(name))
    repo.commit("Add the GitHub incident", "2018-10-30T10:00:00+00:00")
    return repo


def test_a_valid_repository_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch)

    result = run_check(repo.path)

    assert result.ok
    assert (result.problems, result.drift) == ((), ())
    assert result.steps == ("validation", "build")
    assert result.prefix == ""


def test_problems_are_reported_with_the_subfolder_git_sees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch, subfolder="lore")
    repo.edit(f"lore/{FOLDER}/incident.yaml", "severity: SEV1", "severity: SEV9")

    result = run_check(repo.path / "lore")

    assert not result.ok
    assert result.prefix == "lore/"
    assert [str(p) for p in result.problems] == [
        f"{FOLDER}/incident.yaml:3:11: error: unknown severity 'SEV9'; did you mean "
        "'SEV4'? Known: SEV1, SEV2, SEV3, SEV4 (add new ones to lore.yaml)"
    ]
    assert result.steps == ("validation", "build")


def test_committed_outputs_must_be_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch)
    build(repo.path)
    repo.commit("Commit the build", "2018-10-31T10:00:00+00:00")
    repo.edit(f"{FOLDER}/incident.yaml", "severity: SEV1", "severity: SEV2")

    result = run_check(repo.path)

    assert result.steps == ("validation", "build", "checked-in build outputs")
    assert [(d.path, d.kind) for d in result.drift] == [
        ("build/README.md", "changed"),
        ("build/incidents/INC-2018-0001.json", "changed"),
        (PAGE, "changed"),
    ]
    page = result.drift[2]
    assert page.remedy == "run 'lore build' and commit the result"
    assert page.diff.splitlines()[:2] == [
        f"--- {PAGE} (checked in)",
        f"+++ {PAGE} (lore would write)",
    ]
    assert "-| Severity | SEV1 |" in page.diff.splitlines()
    assert "+| Severity | SEV2 |" in page.diff.splitlines()


def test_outputs_on_disk_but_not_in_git_are_not_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch)
    build(repo.path)
    repo.edit(f"{FOLDER}/incident.yaml", "severity: SEV1", "severity: SEV2")

    assert run_check(repo.path).ok


def test_build_check_finds_missing_changed_and_stale_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch)
    build(repo.path)
    (repo.path / "build/README.md").unlink()
    stale = repo.path / "build/incidents/INC-2017-0001.md"
    stale.write_text("# An incident that was removed\n", "utf-8")
    page = repo.path / PAGE
    # Line endings changed by git on checkout are not drift.
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))

    drift = build_drift(repo.path)

    assert [(d.path, d.kind) for d in drift] == [
        ("build/README.md", "missing"),
        ("build/incidents/INC-2017-0001.md", "stale"),
    ]
    assert drift[1].diff == (
        "--- build/incidents/INC-2017-0001.md (checked in)\n"
        "+++ build/incidents/INC-2017-0001.md (lore would write)\n"
        "@@ -1 +0,0 @@\n"
        "-# An incident that was removed\n"
    )
    assert drift[1].remedy == (
        "its incident no longer exists; run 'lore build' and commit the result"
    )


def test_build_check_of_an_invalid_repository_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch)
    repo.edit(f"{FOLDER}/incident.yaml", "severity: SEV1", "severity: SEV9")

    with pytest.raises(ProblemsFound):
        build_drift(repo.path)


def test_checked_in_schemas_must_be_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch)
    for name, text in generate().items():
        repo.write(f"schemas/{name}", text)
    repo.edit(
        "schemas/incident.schema.json", '"title": "incident.yaml"', '"title": "old"'
    )
    (repo.path / "schemas/notes.schema.json").unlink()

    result = run_check(repo.path)

    assert result.steps == ("validation", "build", "checked-in schemas")
    assert [(d.path, d.kind, d.remedy) for d in result.drift] == [
        (
            "schemas/incident.schema.json",
            "changed",
            "run 'lore schemas --output schemas' and commit the result",
        ),
        (
            "schemas/notes.schema.json",
            "missing",
            "run 'lore schemas --output schemas' and commit the result",
        ),
    ]


def test_a_template_that_fails_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch)
    repo.write("templates/index.md.j2", "{{ no_such_variable }}\n")

    result = run_check(repo.path)

    assert result.steps == ("validation", "build")
    assert [str(p) for p in result.problems] == [
        "templates/index.md.j2:1:1: error: template error: 'no_such_variable' is "
        "undefined; fix the template or the data it names"
    ]


def test_outside_git_only_validation_and_build_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = outside_git(tmp_path / "repo", monkeypatch)
    build(root)

    result = run_check(root)

    assert (result.ok, result.steps, result.prefix) == (
        True,
        ("validation", "build"),
        "",
    )


def test_build_check_with_an_output_folder_and_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = lore_repository(tmp_path, monkeypatch)
    for name, text in generate().items():
        repo.write(f"schemas/{name}", text)
    repo.edit("schemas/lore.schema.json", '"title": "lore.yaml', '"title": "old')
    site = tmp_path / "site"
    build(repo.path, site)

    drift = build_drift(repo.path, site)

    assert [(d.path, d.kind) for d in drift] == [
        ("schemas/lore.schema.json", "changed")
    ]
    (site / "README.md").write_text("edited by hand\n", "utf-8")
    assert [(d.path, d.kind) for d in build_drift(repo.path, site)] == [
        (f"{site}/README.md", "changed"),
        ("schemas/lore.schema.json", "changed"),
    ]


def test_schemas_kept_by_lore_init_are_checked(tmp_path: Path) -> None:
    assert run_lore("init", tmp_path / "repo").exit_code == 0
    root = tmp_path / "repo"
    assert run_check(root).drift == ()
    kept = root / ".lore" / "schemas" / "incident.schema.json"
    kept.write_text("{}\n")
    (drift,) = run_check(root).drift
    assert (drift.path, drift.kind, drift.remedy) == (
        ".lore/schemas/incident.schema.json",
        "changed",
        "run 'lore schemas --output .lore/schemas' and commit the result",
    )
