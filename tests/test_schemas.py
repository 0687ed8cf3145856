from __future__ import annotations

import re
from pathlib import Path

import pytest

from incidentlore.load.discover import CATALOG_FILE, INCIDENT_FILES, discover
from incidentlore.schemas import SCHEMAS, generate
from support import PROJECT, SAMPLE_REPO

SCHEMA_DIR = PROJECT / "schemas"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)
# The schema each kind of file is written against, by file name.
KINDS = {CATALOG_FILE: "lore.schema.json"} | {
    name: name.replace(".yaml", ".schema.json") for name in INCIDENT_FILES
}


def files_the_build_reads() -> list[Path]:
    layout = discover(SAMPLE_REPO)
    incident_files = [path for f in layout.incidents for path in f.files.values()]
    return [layout.catalog, *sorted(incident_files)]


def test_checked_in_schemas_are_what_the_models_generate() -> None:
    generated = generate()
    on_disk = {p.name: p.read_text("utf-8") for p in SCHEMA_DIR.glob("*.json")}
    stale = sorted(name for name in generated if on_disk.get(name) != generated[name])
    assert stale == [], "regenerate with: .venv/bin/lore schemas --output schemas"
    assert sorted(on_disk) == sorted(generated)


def test_every_input_file_kind_has_a_schema() -> None:
    assert sorted(KINDS.values()) == sorted(
        name for name, (_, _, output) in SCHEMAS.items() if not output
    )


def test_sample_repository_has_yaml_files_of_every_kind() -> None:
    assert {path.name for path in files_the_build_reads()} == set(KINDS)


@pytest.mark.parametrize(
    "path",
    files_the_build_reads(),
    ids=lambda p: p.relative_to(SAMPLE_REPO).as_posix(),
)
def test_modeline_names_the_schema_of_its_kind(path: Path) -> None:
    targets = MODELINE.findall(path.read_text(encoding="utf-8"))
    assert len(targets) == 1, "one '# yaml-language-server: $schema=...' line"
    schema = (path.parent / targets[0]).resolve()
    assert schema == SCHEMA_DIR / KINDS[path.name]
    assert schema.is_file()
