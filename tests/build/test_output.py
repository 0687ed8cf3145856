from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.build import build
from incidentlore.build.output import MANIFEST, unfinished
from incidentlore.errors import LoreError, UsageError
from support import BASE_INCIDENT, example_repository, run_lore


def test_a_folder_with_other_files_is_refused(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    site = tmp_path / "site"
    (site / "incidents").mkdir(parents=True)
    (site / "incidents" / "NOTES.md").write_text("mine\n")
    (site / "README.md").write_text("mine too\n")
    with pytest.raises(LoreError, match="holds files that 'lore build' did not write"):
        build(repository, site)
    assert (site / "incidents" / "NOTES.md").read_text() == "mine\n"
    assert (site / "README.md").read_text() == "mine too\n"


def test_only_files_of_the_previous_build_are_removed(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    site = tmp_path / "site"
    build(repository, site, parquet=True)
    assert (site / "parquet" / "incidents.parquet").is_file()
    mine = site / "incidents" / "mine.md"
    mine.write_text("kept\n")

    again = build(repository, site)
    assert (
        "parquet/incidents.parquet" in again.removed
    )  # a plain build drops stale Parquet
    assert not (site / "parquet").exists()
    assert mine.read_text() == "kept\n"
    assert not unfinished(site)


def test_a_past_build_inside_the_folder_is_left_alone(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    build(repository, repository / "build" / "as-of-0123456789ab")
    result = build(repository)
    assert result.incidents == 1
    assert (repository / "build" / "as-of-0123456789ab" / MANIFEST).is_file()


@pytest.mark.parametrize(
    "place", [".", "incidents", f"{BASE_INCIDENT}/out", "templates"]
)
def test_building_over_the_sources_is_refused(tmp_path: Path, place: str) -> None:
    repository = example_repository(tmp_path / "repo")
    with pytest.raises(
        UsageError, match=r"holds the repository itself|inside the repository"
    ):
        build(repository, repository / place)


def test_leftovers_of_a_killed_build_are_cleared(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    build(repository)
    leftover = repository / "build" / ".index-abc123"
    leftover.mkdir()
    (leftover / "index.duckdb").write_text("half\n")
    build(repository)
    assert not leftover.exists()


def test_a_query_warns_when_the_last_build_did_not_finish(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    build(repository)
    manifest = repository / "build" / MANIFEST
    manifest.write_text(manifest.read_text().replace('"complete"', '"writing"'))
    result = run_lore("-C", repository, "query", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        f"lore: warning: the last build into {repository / 'build'} stopped before it "
        "finished, so its outputs may mix old and new; run 'lore build'\n"
    )


@pytest.mark.parametrize(
    "name", ["../repo/lore.yaml", "/etc/hostname", "a/../../x", ""]
)
def test_a_forged_manifest_removes_nothing(tmp_path: Path, name: str) -> None:
    repository = example_repository(tmp_path / "repo")
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST).write_text(f'{{"state": "complete", "files": ["{name}"]}}\n')
    with pytest.raises(LoreError, match="is not a file of the build folder"):
        build(repository, site)
    assert (repository / "lore.yaml").is_file()


def test_a_link_out_of_the_build_folder_is_refused(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    build(repository)
    pages = repository / "build" / "incidents"
    for page in pages.iterdir():
        page.unlink()
    pages.rmdir()
    pages.symlink_to(repository / "incidents")
    with pytest.raises(LoreError, match="leads out of the build folder"):
        build(repository)
    assert sorted(p.name for p in (repository / "incidents").iterdir()) == ["2024"]


def test_a_file_placed_by_hand_is_not_replaced(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    build(repository)
    (repository / "build" / "incidents" / "INC-2024-0002.md").write_text("mine\n")
    second = repository / "incidents" / "2024" / "INC-2024-0002-second"
    second.mkdir()
    (second / "incident.yaml").write_text(
        (repository / BASE_INCIDENT / "incident.yaml")
        .read_text()
        .replace("INC-2024-0001", "INC-2024-0002")
    )
    with pytest.raises(LoreError, match="was not written by 'lore build'"):
        build(repository)
    assert (
        repository / "build" / "incidents" / "INC-2024-0002.md"
    ).read_text() == "mine\n"
