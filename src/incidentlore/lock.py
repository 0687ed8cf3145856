"""One lore command at a time changes a repository.

Every command that writes into a repository holds an exclusive lock on its root
folder from the first read to the last write, so commands run at the same time take
turns and each sees what the others wrote. The lock is `flock` on a descriptor of
the folder itself: it leaves no file behind, and the kernel lets go of it when the
process ends, however it ends. A second lock of the same folder in the same thread
(a command that calls another) is the one already held.

Some network file systems (NFS among them) refuse `flock` on a folder. There a
command warns that it runs unlocked and goes on: refusing would make lore unusable
there, and one person at a time is the usual case.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

logger = logging.getLogger("incidentlore")

# How long a command waits quietly before it says why it does not go on.
QUIET_WAIT = 2.0
_POLL = 0.05

_held = threading.local()


@contextlib.contextmanager
def repository_lock(root: Path) -> Iterator[None]:
    """Hold the lock of the repository at `root`, waiting for it if need be."""
    key = _identity(root)
    held: set[tuple[int, int]] = _held.__dict__.setdefault("roots", set())
    if key in held:
        yield
        return
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _acquire(descriptor, root)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
    finally:
        os.close(descriptor)  # which also lets go of the lock


def _identity(root: Path) -> tuple[int, int]:
    status = root.stat()
    return status.st_dev, status.st_ino


def _acquire(descriptor: int, root: Path) -> None:
    deadline = time.monotonic() + QUIET_WAIT
    try:
        while not _try(descriptor):
            if time.monotonic() >= deadline:
                logger.warning(
                    "lore: waiting for another lore command to finish in %s", root
                )
                fcntl.flock(descriptor, fcntl.LOCK_EX)
                return
            time.sleep(_POLL)
    except OSError as error:
        logger.warning(
            "lore: warning: cannot lock %s (%s); a lore command run at the same "
            "time could undo this one's changes",
            root,
            error.strerror or error,
        )


def _try(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class Rooted(Protocol):
    @property
    def root(self) -> Path: ...


First = TypeVar("First", bound=Path | Rooted)
P = ParamSpec("P")
R = TypeVar("R")


def writes_repository(
    command: Callable[Concatenate[First, P], R],
) -> Callable[Concatenate[First, P], R]:
    """Run `command` holding the lock of the repository its first argument names
    (a root folder, or anything with a `root`)."""

    @functools.wraps(command)
    def locked(first: First, /, *args: P.args, **kwargs: P.kwargs) -> R:
        root = first if isinstance(first, Path) else first.root
        with repository_lock(root):
            return command(first, *args, **kwargs)

    return locked
