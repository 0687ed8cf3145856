from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_speed import make_repository
from incidentlore.build.shards import (
    MAX_JOBS,
    PARALLEL_FROM,
    Shards,
    default_jobs,
    shard_count,
    split,
)
from incidentlore.emit.index import INDEX_FILE


def test_split_keeps_order_and_sizes() -> None:
    assert split([1, 2, 3, 4, 5], 2) == [[1, 2, 3], [4, 5]]
    assert split([1], 3) == [[1], [], []]


def test_small_repositories_stay_in_process() -> None:
    assert default_jobs(PARALLEL_FROM - 1) == 1
    assert default_jobs(PARALLEL_FROM) >= 1


def test_in_process_shards_run_the_function() -> None:
    with Shards(1) as shards:
        assert shards.run(pow, [(2, 5)]) == [32]


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to find the workers")
def test_killing_a_build_leaves_no_workers_and_the_old_index(tmp_path: Path) -> None:
    make_repository(tmp_path, 300)
    lore = [sys.executable, "-m", "incidentlore", "-C", str(tmp_path), "build"]
    subprocess.run([*lore, "--jobs", "1"], check=True, capture_output=True)
    before = (tmp_path / "build" / INDEX_FILE).read_bytes()

    build = subprocess.Popen([*lore, "--jobs", "2"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(build.pid)
        time.sleep(0.05)
    assert len(workers) == 2, "the build never started its workers"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()

    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
    assert (tmp_path / "build" / INDEX_FILE).read_bytes() == before


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to find the workers")
def test_ctrl_c_stops_the_build_quietly(tmp_path: Path) -> None:
    make_repository(tmp_path, 300)
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "incidentlore",
            "-C",
            str(tmp_path),
            "build",
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while len(_children(build.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(build.pid)
    build.send_signal(signal.SIGINT)
    _, stderr = build.communicate(timeout=30)
    # click ends the line that ^C was typed on before the message.
    assert (build.returncode, stderr) == (130, "\nlore: interrupted\n")
    time.sleep(1)
    assert not any(_alive(pid) for pid in workers)


def test_shards_are_never_more_than_incidents_or_the_limit() -> None:
    assert shard_count(3, 9_999_999_999) == 3
    assert shard_count(10_000, 9_999_999_999) == MAX_JOBS
    assert shard_count(0, None) == 1
    assert shard_count(10, 2) == 2
