from __future__ import annotations

import json
from pathlib import Path

import pytest

from incidentlore.build import build
from incidentlore.emit.export import EXPORT_SCHEMA_VERSION, IncidentExport
from support import SAMPLE_REPO


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    site = tmp_path_factory.mktemp("site")
    build(SAMPLE_REPO, site)
    return sorted((site / "incidents").glob("*.json"))


def test_exports_are_exactly_what_the_models_write(exports: list[Path]) -> None:
    # The export is assembled as plain data for speed; the models must agree with it
    # field for field and in order, or the published schema would lie.
    assert exports
    for path in exports:
        text = path.read_text(encoding="utf-8")
        model = IncidentExport.model_validate_json(text)
        assert model.model_dump_json(indent=2) + "\n" == text, path.name


def test_schema_version(exports: list[Path]) -> None:
    versions = {json.loads(path.read_text())["schema_version"] for path in exports}
    assert versions == {EXPORT_SCHEMA_VERSION}
