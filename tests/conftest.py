"""Fixtures for every test: git that ignores the user's configuration, and the
scripted repository of tests/gitrepo.py, made once."""

from __future__ import annotations

import pytest

from gitrepo import Scripted, isolate_git, make_scripted


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch)


@pytest.fixture(scope="session")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Scripted:
    return make_scripted(tmp_path_factory)
