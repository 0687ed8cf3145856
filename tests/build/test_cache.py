from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from incidentlore.build import build, check, steps
from incidentlore.build.cache import CACHE_DIR
from incidentlore.errors import Diagnostic
from incidentlore.load.discover import IncidentFolder
from incidentlore.model.catalog import Catalog
from incidentlore.records import IncidentRecord
from incidentlore.validate.repository import load_incidents
from support import (
    BASE_INCIDENT,
    SAMPLE_REPO,
    example_repository,
    index_contents,
    outputs,
)

SECOND = "incidents/2024/INC-2024-0002-ledger"
LINKED = """id: INC-2024-0002
title: Ledger errors
severity: SEV3
status: resolved
services: [ledger]
times:
  started: 2024-03-06 10:00 UTC
links:
  - {incident: INC-2024-0001, relation: caused-by}
"""


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders whose YAML a build reads, in order."""
    seen: list[str] = []

    def counted(
        root: Path, catalog: Catalog | None, folders: Iterable[IncidentFolder]
    ) -> tuple[list[IncidentRecord], list[Diagnostic]]:
        folders = list(folders)
        seen.extend(folder.name for folder in folders)
        return load_incidents(root, catalog, folders)

    monkeypatch.setattr(steps, "load_incidents", counted)
    return seen


def test_an_unchanged_repository_is_not_read_again(
    tmp_path: Path, loads: list[str]
) -> None:
    repository = example_repository(
        tmp_path / "repo", {f"{SECOND}/incident.yaml": LINKED}
    )
    first = build(repository)
    before = outputs(first.output)
    assert sorted(loads) == [BASE_INCIDENT, SECOND]

    loads.clear()
    again = build(repository)
    assert loads == []
    assert again.changed == ()
    assert outputs(again.output) == before


def test_a_changed_incident_alone_is_read_again(
    tmp_path: Path, loads: list[str]
) -> None:
    repository = example_repository(
        tmp_path / "repo", {f"{SECOND}/incident.yaml": LINKED}
    )
    build(repository)
    loads.clear()
    path = repository / SECOND / "incident.yaml"
    path.write_text(path.read_text().replace("Ledger errors", "Ledger write errors"))
    result = build(repository)
    assert loads == [SECOND]
    assert result.changed == (
        "README.md",
        "incidents/INC-2024-0002.json",
        "incidents/INC-2024-0002.md",
    )


def test_a_new_link_renders_the_incident_it_points_at(
    tmp_path: Path, loads: list[str]
) -> None:
    repository = example_repository(tmp_path / "repo")
    build(repository)
    loads.clear()
    (repository / SECOND).mkdir(parents=True)
    (repository / SECOND / "incident.yaml").write_text(LINKED)
    result = build(repository)
    # INC-2024-0001 did not change, but its page now lists the incoming link.
    assert sorted(loads) == [BASE_INCIDENT, SECOND]
    assert "incidents/INC-2024-0001.md" in result.changed
    page = (result.output / "incidents" / "INC-2024-0001.md").read_text()
    assert "caused [INC-2024-0002]" in page


def test_a_changed_template_renders_everything(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    build(repository)
    (repository / "templates").mkdir()
    (repository / "templates" / "incident.md.j2").write_text("{{ incident.id }}\n")
    result = build(repository)
    assert (result.output / "incidents" / "INC-2024-0001.md").read_text() == (
        "INC-2024-0001\n"
    )


def test_a_damaged_entry_is_built_again(tmp_path: Path, loads: list[str]) -> None:
    repository = example_repository(tmp_path / "repo")
    first = build(repository)
    before = outputs(first.output)
    for entry in (first.output / CACHE_DIR).rglob("*.entry"):
        entry.write_text("{not json")
    loads.clear()
    again = build(repository)
    assert loads == [BASE_INCIDENT]
    assert outputs(again.output) == before


def test_unused_entries_are_dropped(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    first = build(repository)
    path = repository / BASE_INCIDENT / "incident.yaml"
    path.write_text(path.read_text().replace("after a deploy", "after deploy 481"))
    build(repository)
    entries = sorted(p.parent.name for p in (first.output / CACHE_DIR).rglob("*.entry"))
    assert entries == [steps.LOADED, steps.RENDERED]


def test_cached_and_fresh_builds_agree(tmp_path: Path) -> None:
    shutil.copytree(
        SAMPLE_REPO, tmp_path / "repo", ignore=shutil.ignore_patterns("build")
    )
    fresh = build(tmp_path / "repo", tmp_path / "fresh", jobs=1)
    build(tmp_path / "repo", tmp_path / "cached", jobs=2)
    cached = build(tmp_path / "repo", tmp_path / "cached", jobs=2)
    assert outputs(fresh.output) == outputs(cached.output)
    assert index_contents(fresh.index) == index_contents(cached.index)


def test_validate_reads_the_cache_and_writes_nothing(
    tmp_path: Path, loads: list[str]
) -> None:
    repository = example_repository(
        tmp_path / "repo", {f"{SECOND}/incident.yaml": LINKED}
    )
    build(repository)
    cache = repository / "build" / CACHE_DIR
    before = sorted(p.relative_to(cache) for p in cache.rglob("*"))
    path = repository / SECOND / "incident.yaml"
    path.write_text(path.read_text().replace("Ledger errors", "Ledger write errors"))
    loads.clear()
    checked = check(repository)
    assert (checked.incidents, checked.signals, checked.notes) == (2, 2, 1)
    assert loads == [SECOND]  # only the edited incident is read
    assert sorted(p.relative_to(cache) for p in cache.rglob("*")) == before


def test_a_cut_entry_is_built_again(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    first = build(repository)
    before = outputs(first.output)
    for entry in (first.output / CACHE_DIR / steps.RENDERED).glob("*.entry"):
        entry.write_bytes(entry.read_bytes()[:-10])
    (first.output / "incidents" / "INC-2024-0001.md").unlink()
    again = build(repository)
    assert outputs(again.output) == before
