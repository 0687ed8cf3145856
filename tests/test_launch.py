from __future__ import annotations

import gc
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_speed import make_repository


@pytest.mark.parametrize(
    ("sent", "code", "message"),
    [(signal.SIGTERM, 143, ""), (signal.SIGINT, 130, "lore: interrupted\n")],
)
def test_a_stopped_build_leaves_no_staging_folders(
    tmp_path: Path, sent: signal.Signals, code: int, message: str
) -> None:
    make_repository(tmp_path, 400)
    command = [sys.executable, "-m", "incidentlore", "-C", str(tmp_path), "build"]
    build = subprocess.Popen(
        [*command, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)
    build.send_signal(sent)
    _, stderr = build.communicate(timeout=60)
    if build.returncode == 0:
        pytest.skip("the build finished before the signal arrived")
    assert build.returncode == code
    assert stderr.strip("\n") == message.strip("\n")
    leftovers = (
        [p.name for p in (tmp_path / "build").glob(".*-*")]
        if (tmp_path / "build").exists()
        else []
    )
    assert leftovers == []


def test_the_collector_is_made_to_run_rarely() -> None:
    from incidentlore.launch import collect_rarely

    before = gc.get_threshold()
    try:
        collect_rarely()
        assert gc.get_threshold() == (50_000, 20, 100)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
