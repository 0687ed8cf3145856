from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from incidentlore.emit import write
from incidentlore.emit.write import folder_beside, write_atomic, write_beside
from support import umask

UMASKS = [(0o022, 0o644, 0o755), (0o002, 0o664, 0o775)]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "file_mode", "folder_mode"), UMASKS)
def test_new_files_and_folders_get_the_umasks_default(
    tmp_path: Path, mask: int, file_mode: int, folder_mode: int
) -> None:
    with umask(mask):
        assert write.umask() == mask
        assert write_atomic(tmp_path / "new" / "file.yaml", "a: 1\n") is True
        staged = write_beside(tmp_path / "other.yaml", b"b: 2\n")
        staging = folder_beside(tmp_path / "INC-2026-0004-outage")
    assert (_mode(tmp_path / "new"), _mode(tmp_path / "new" / "file.yaml")) == (
        folder_mode,
        file_mode,
    )
    assert staged.name.startswith(".other.yaml.")
    assert _mode(staged) == file_mode
    assert staging.parent == tmp_path
    assert staging.name.startswith(".INC-2026-0004-outage.")
    assert _mode(staging) == folder_mode


@pytest.mark.parametrize(("mask", "file_mode", "folder_mode"), UMASKS)
@pytest.mark.parametrize("existing", [0o600, 0o640, 0o664, 0o755])
def test_a_replaced_file_keeps_its_mode(
    tmp_path: Path, mask: int, file_mode: int, folder_mode: int, existing: int
) -> None:
    path = tmp_path / "incident.yaml"
    path.write_text("a: 1\n")
    path.chmod(existing)
    with umask(mask):
        assert write_atomic(path, "a: 2\n") is True
    assert (path.read_text(), _mode(path)) == ("a: 2\n", existing)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incident.yaml"]


def test_without_proc_the_umask_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where /proc/self/status is missing, the umask is set and put back, once."""
    monkeypatch.setattr(write, "STATUS", tmp_path / "missing")
    write.umask_at_start.cache_clear()
    try:
        with umask(0o027):
            assert write.umask() == 0o027
            assert os.umask(0o027) == 0o027  # still in force
            write_atomic(tmp_path / "file", "x")
            os.umask(0o077)
            assert write.umask() == 0o027  # not read again
    finally:
        write.umask_at_start.cache_clear()
    assert _mode(tmp_path / "file") == 0o640
