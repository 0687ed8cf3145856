from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from incidentlore.author.workspace import Workspace
from support import FIXTURES

REPO = FIXTURES / "authoring" / "repo"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the hand-written repository, safe to edit."""
    target = tmp_path / "repo"
    shutil.copytree(REPO, target)
    return target


@pytest.fixture
def workspace(repo: Path) -> Workspace:
    return Workspace.open(repo)


@pytest.fixture
def checkout(repo: Path) -> Path:
    """INC-2026-0003: comments, blank lines, quotes and block text everywhere."""
    return repo / "incidents/2026/INC-2026-0003-checkout-errors"


@pytest.fixture
def payments(repo: Path) -> Path:
    """INC-2026-0001: flow-style links without indentation."""
    return repo / "incidents/2026/INC-2026-0001-payment-timeouts"
