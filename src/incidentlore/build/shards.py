"""Per-incident work on every core: each worker process keeps its share of incidents.

Loading an incident costs more than sending it between processes would, so a worker
loads its shard once, keeps it, and is asked again later to render it. One
single-process pool per shard guarantees that the second request reaches the worker
that holds the shard.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")

# Below this many incidents, starting processes costs more than it saves.
PARALLEL_FROM = 64


# More workers than this only add start-up time and memory on any machine lore meets.
MAX_JOBS = 64


def shard_count(incidents: int, jobs: int | None) -> int:
    """How many shards: what was asked (or the default), never more than incidents."""
    wanted = jobs if jobs is not None else default_jobs(incidents)
    return max(1, min(wanted, incidents, MAX_JOBS))


def default_jobs(incidents: int) -> int:
    if incidents < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def split(items: Sequence[T], parts: int) -> list[list[T]]:
    """Contiguous, nearly equal parts, in order."""
    size, extra = divmod(len(items), parts)
    result, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        result.append(list(items[start:end]))
        start = end
    return result


class Shards:
    """Runs a function once per shard, in that shard's own worker (or in-process)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pools: list[Executor] = []
        if count > 1:
            # Forked workers start at once with everything imported; elsewhere a
            # fresh interpreter is the safe choice.
            method = "fork" if sys.platform == "linux" else "spawn"
            context = multiprocessing.get_context(method)
            self._pools = [
                ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=context,
                    initializer=_watch_parent,
                    initargs=(os.getpid(),),
                )
                for _ in range(count)
            ]

    def run(
        self, function: Callable[..., T], arguments: Sequence[tuple[Any, ...]]
    ) -> list[T]:
        """`function(*arguments[i])` in shard i's worker; results in shard order."""
        if not self._pools:
            return [function(*args) for args in arguments]
        futures = [
            pool.submit(function, *args)
            for pool, args in zip(self._pools, arguments, strict=True)
        ]
        return [future.result() for future in futures]

    def __enter__(self) -> Shards:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # On an error or Ctrl-C, leave at once: workers end when they see the parent
        # gone, and nothing they would still produce is wanted.
        for pool in self._pools:
            pool.shutdown(wait=error is None, cancel_futures=True)


def _watch_parent(parent: int) -> None:
    """End this worker when the build that started it is gone (killed, say).

    A forked worker holds both ends of its task pipe, so it would otherwise wait
    for work forever once its parent died without shutting it down. Ctrl-C is left
    to the parent, which reports it once, instead of every worker printing it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
