from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from incidentlore.errors import ProblemsFound
from incidentlore.validate.repository import load_repository
from support import FIXTURES

INCIDENT = "incidents/2026/INC-2026-0003-checkout-errors/incident.yaml"


def _repository_with(tmp_path: Path, curation: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "authoring" / "repo", root)
    with (root / INCIDENT).open("a") as handle:
        handle.write(curation)
    return root


def test_curation_names_existing_entries(tmp_path: Path) -> None:
    root = _repository_with(
        tmp_path, "timeline:\n  hidden: [deploy-4-2-1]\n  starred: [N2]\n"
    )
    record = load_repository(root).incident("INC-2026-0003")
    assert record is not None
    assert record.incident.timeline.hidden == ["deploy-4-2-1"]
    assert record.incident.timeline.starred == ["N2"]


def test_curation_problems(tmp_path: Path) -> None:
    root = _repository_with(
        tmp_path,
        "timeline:\n  hidden: [deploy-4-2-1, deploy-4-2-1, N9]\n"
        "  starred: [deploy-4-2-1]\n",
    )
    with pytest.raises(ProblemsFound) as raised:
        load_repository(root)
    assert [str(d) for d in raised.value.diagnostics] == [
        f"{INCIDENT}:28:26: error: 'deploy-4-2-1' is listed twice; keep one",
        f"{INCIDENT}:28:40: error: unknown signal or note 'N9'. "
        "Known: N1, N2, alert-checkout-5xx, deploy-4-2-1",
        f"{INCIDENT}:29:13: error: 'deploy-4-2-1' is both hidden and starred; remove "
        "it from one list",
    ]
