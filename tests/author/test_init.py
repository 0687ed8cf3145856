from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.author.init import STARTER, init_repository
from incidentlore.errors import LoreError
from incidentlore.resources import shipped
from incidentlore.schemas import generate, stale
from incidentlore.validate.repository import load_catalog, load_repository
from support import run_lore


def test_init_writes_a_valid_repository(tmp_path: Path) -> None:
    root = tmp_path / "incidents"
    result = init_repository(root)
    assert result.created == (
        "lore.yaml",
        "README.md",
        ".gitignore",
        ".pre-commit-config.yaml",
        "templates/incident.md.j2",
        "templates/index.md.j2",
        "templates/timeline.md.j2",
        ".lore/schemas/lore.schema.json",
        ".lore/schemas/incident.schema.json",
        ".lore/schemas/postmortem.schema.json",
        ".lore/schemas/notes.schema.json",
        ".lore/schemas/signals.schema.json",
        ".lore/schemas/export.schema.json",
    )
    assert result.kept == ()
    assert load_repository(root).incidents == ()
    catalog = load_catalog(root)
    assert [c.id for c in catalog.factor_categories] == [
        "change",
        "configuration",
        "capacity",
        "dependency",
        "monitoring-gap",
        "human-process",
        "software-bug",
        "hardware-network",
    ]
    assert [s.id for s in catalog.severities] == ["SEV1", "SEV2", "SEV3", "SEV4"]
    assert (
        (root / "lore.yaml")
        .read_text()
        .startswith(
            "# yaml-language-server: $schema=.lore/schemas/lore.schema.json\n"
            "# The catalog of this incident repository"
        )
    )
    assert (root / ".gitignore").read_text().endswith("\n/build/\n")
    assert "entry: lore validate" in (root / ".pre-commit-config.yaml").read_text()
    for name in ("incident.md.j2", "index.md.j2", "timeline.md.j2"):
        shipped_text = (shipped("templates") / name).read_text()
        assert (root / "templates" / name).read_text() == shipped_text
    assert (root / ".lore/schemas/incident.schema.json").read_text() == generate()[
        "incident.schema.json"
    ]


def test_schemas_are_up_to_date_right_after_init(tmp_path: Path) -> None:
    assert run_lore("init", "incidents", cwd=tmp_path).exit_code == 0
    checked = run_lore(
        "schemas", "--check", "--output", ".lore/schemas", cwd=tmp_path / "incidents"
    )
    assert (checked.exit_code, checked.stdout, checked.stderr) == (
        0,
        "schemas in .lore/schemas are up to date\n",
        "",
    )
    assert stale(tmp_path / "incidents/.lore/schemas") == []


def test_init_never_replaces_a_repository(tmp_path: Path) -> None:
    (tmp_path / "lore.yaml").write_text("# mine\n")
    with pytest.raises(LoreError) as raised:
        init_repository(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path / 'lore.yaml'} already exists; lore init does not overwrite an "
        "incident repository"
    )
    assert (tmp_path / "lore.yaml").read_text() == "# mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lore.yaml"]


def test_init_keeps_files_that_are_there(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Our incidents\n")
    (tmp_path / ".gitignore").write_text("*.tmp")
    result = init_repository(tmp_path)
    assert result.kept == ("README.md", ".gitignore")
    assert (tmp_path / "README.md").read_text() == "# Our incidents\n"
    assert (tmp_path / ".gitignore").read_text() == "*.tmp\n/build/\n"
    (tmp_path / "lore.yaml").unlink()
    init_repository(tmp_path)
    assert (tmp_path / ".gitignore").read_text() == "*.tmp\n/build/\n"


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("")
    with pytest.raises(LoreError) as raised:
        init_repository(tmp_path / "x")
    assert str(raised.value) == f"{tmp_path / 'x'} is a file, not a folder"


def test_the_starter_readme_shows_the_commands() -> None:
    readme = (STARTER / "README.md").read_text()
    for command in ("lore new", "lore note", "lore set", "lore action", "lore build"):
        assert command in readme
