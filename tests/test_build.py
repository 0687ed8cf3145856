from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from incidentlore.build import build
from incidentlore.build.output import unfinished
from incidentlore.emit import index as index_module
from incidentlore.emit.tables import TABLES
from incidentlore.errors import ProblemsFound
from support import (
    BASE_INCIDENT,
    SAMPLE_REPO,
    example_repository,
    index_contents,
    outputs,
    run_lore,
)


def copy_in_order(source: Path, target: Path, *, reverse: bool) -> Path:
    """Copy a repository creating its files in the given order, leaving build/ out."""
    files = sorted(
        (
            p
            for p in source.rglob("*")
            if p.is_file() and "build" not in p.relative_to(source).parts
        ),
        reverse=reverse,
    )
    for path in files:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return target


def test_same_inputs_give_identical_outputs(tmp_path: Path) -> None:
    first = copy_in_order(SAMPLE_REPO, tmp_path / "first", reverse=False)
    second = copy_in_order(SAMPLE_REPO, tmp_path / "second", reverse=True)
    assert run_lore("-C", first, "build").exit_code == 0
    environment = os.environ | {"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C"}
    subprocess.run(
        [sys.executable, "-m", "incidentlore", "-C", str(second), "build"],
        env=environment,
        check=True,
        capture_output=True,
    )

    assert outputs(first / "build") == outputs(second / "build")
    assert outputs(first / "build")  # the comparison covered real files
    assert index_contents(first / "build" / "index.duckdb") == index_contents(
        second / "build" / "index.duckdb"
    )


def test_rebuild_changes_nothing_and_removes_deleted_incidents(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    first = build(repository)
    assert first.changed == (
        "README.md",
        "incidents/INC-2024-0001.json",
        "incidents/INC-2024-0001.md",
    )
    assert build(repository).changed == ()

    shutil.rmtree(repository / BASE_INCIDENT)
    again = build(repository)
    assert again.removed == (
        "incidents/INC-2024-0001.json",
        "incidents/INC-2024-0001.md",
    )


def test_failed_index_build_keeps_the_previous_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = example_repository(tmp_path / "repo")
    build(repository)
    index = repository / "build" / "index.duckdb"
    before = index_contents(index)

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(index_module, "_load", broken)
    with pytest.raises(OSError, match="disk full"):
        build(repository)
    assert index_contents(index) == before
    assert sorted(p.name for p in index.parent.iterdir()) == [
        ".cache",
        ".lore-build.json",
        "README.md",
        "incidents",
        "index.duckdb",
    ]
    assert unfinished(index.parent)


def test_invalid_repository_writes_nothing(tmp_path: Path) -> None:
    files = {f"{BASE_INCIDENT}/incident.yaml": "id: INC-2024-0001\n"}
    repository = example_repository(tmp_path / "repo", files)
    result = run_lore("-C", repository, "build")
    assert result.exit_code == 1
    assert not (repository / "build").exists()


def test_parallel_build_gives_the_same_outputs(tmp_path: Path) -> None:
    single = build(SAMPLE_REPO, tmp_path / "single", jobs=1)
    parallel = build(SAMPLE_REPO, tmp_path / "parallel", jobs=3)
    assert single.incidents == parallel.incidents > 3
    assert outputs(tmp_path / "single") == outputs(tmp_path / "parallel")
    assert index_contents(single.index) == index_contents(parallel.index)


def test_parallel_build_reports_every_problem(tmp_path: Path) -> None:
    files = {
        "incidents/2024/INC-2024-0002-b/incident.yaml": "id: INC-2024-0002\n",
        "incidents/2024/INC-2024-0003-c/incident.yaml": "id: INC-2024-0003\n",
    }
    repository = example_repository(tmp_path / "repo", files)
    with pytest.raises(ProblemsFound) as found:
        build(repository, jobs=2)
    assert sorted({d.location.path for d in found.value.diagnostics}) == [
        "incidents/2024/INC-2024-0002-b/incident.yaml",
        "incidents/2024/INC-2024-0003-c/incident.yaml",
    ]


def test_parquet_export_reads_back_as_the_index(tmp_path: Path) -> None:
    result = build(SAMPLE_REPO, tmp_path / "site", parquet=True)
    folder = tmp_path / "site" / "parquet"
    assert sorted(p.name for p in folder.iterdir()) == sorted(result.parquet)
    index = index_contents(result.index)
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    for table in [*TABLES, "durations", "metadata"]:
        rows = connection.execute(
            "SELECT * FROM read_parquet(?) ORDER BY ALL",
            [str(folder / f"{table}.parquet")],
        ).fetchall()
        assert rows == index[table], table
    assert index["signals"]  # the comparison covered real rows

    again = build(SAMPLE_REPO, tmp_path / "site", parquet=True)
    assert again.parquet == result.parquet
    assert not list(tmp_path.joinpath("site").glob(".parquet-*"))
