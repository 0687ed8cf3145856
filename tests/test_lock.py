from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from incidentlore import lock
from incidentlore.author.actions import NewAction, add_action
from incidentlore.author.create import NewIncident, new_incident
from incidentlore.author.curation import Mark, curate
from incidentlore.author.incidents import set_field
from incidentlore.author.links import add_link
from incidentlore.author.notes import NoteRequest, add_note
from incidentlore.author.workspace import Workspace
from incidentlore.build import build
from incidentlore.ingest import ingest
from incidentlore.load.yamlfile import read_yaml
from incidentlore.lock import repository_lock, writes_repository
from incidentlore.model.incident import Relation
from support import FIXTURES

REPO = FIXTURES / "authoring" / "repo"
CHECKOUT = "incidents/2026/INC-2026-0003-checkout-errors"
ALERTS = sorted((FIXTURES / "alertmanager").glob("*.json"))
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PARALLEL = 8
NOTE = ("--at", "2026-11-30 15:00 UTC", "--author", "Kai")
NEW = ("--severity", "SEV2", "--started", "2026-12-01 08:00 UTC")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(REPO, target)
    return target


def _lore(*args: str) -> list[str]:
    return [sys.executable, "-m", "incidentlore", *args]


def _all_at_once(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command before waiting for any, as a shell's `&` would."""
    started = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for command in commands
    ]
    finished = []
    for process in started:
        stdout, stderr = process.communicate(timeout=300)
        finished.append(
            subprocess.CompletedProcess(
                process.args, process.returncode, stdout, stderr
            )
        )
    return finished


def test_parallel_notes_are_all_kept(repo: Path) -> None:
    runs = _all_at_once(
        [
            _lore("-C", str(repo), "note", "INC-2026-0003", f"note {number}", *NOTE)
            for number in range(PARALLEL)
        ]
    )
    assert [(run.returncode, run.stderr) for run in runs] == [(0, "")] * PARALLEL
    added = [_added(run) for run in runs]
    # The file had N1 and N2; each command saw the notes of those before it.
    assert sorted(added, key=lambda note_id: int(note_id[1:])) == [
        f"N{number}" for number in range(3, 3 + PARALLEL)
    ]
    notes = read_yaml(repo / CHECKOUT / "notes.yaml", "notes.yaml").data["notes"]
    assert [note["id"] for note in notes] == [
        f"N{number}" for number in range(1, 3 + PARALLEL)
    ]
    texts = {note["id"]: note["text"] for note in notes}
    assert sorted(texts[note_id] for note_id in added) == [
        f"note {number}" for number in range(PARALLEL)
    ]


def _added(run: subprocess.CompletedProcess[str]) -> str:
    match = re.fullmatch(r"INC-2026-0003: added (N\d+) at .* by Kai\n", run.stdout)
    assert match is not None, run.stdout
    return match.group(1)


def test_parallel_new_incidents_get_distinct_ids(repo: Path) -> None:
    count = 6
    runs = _all_at_once(
        [
            _lore("-C", str(repo), "new", f"Outage {number}", *NEW)
            for number in range(count)
        ]
    )
    assert [run.returncode for run in runs] == [0] * count
    created = [_created(run) for run in runs]
    assert sorted(incident_id for incident_id, _ in created) == [
        f"INC-2026-{number:04}" for number in range(4, 4 + count)
    ]
    folders = sorted(path.name for path in (repo / "incidents/2026").iterdir())
    assert folders == sorted(
        [
            "INC-2026-0001-payment-timeouts",
            "INC-2026-0003-checkout-errors",
            *(f"{incident_id}-{slug}" for incident_id, slug in created),
        ]
    )


def _created(run: subprocess.CompletedProcess[str]) -> tuple[str, str]:
    """The id `lore new` printed, and the slug of the title it was given."""
    match = re.fullmatch(r"created (INC-2026-\d{4}), started .*\n", run.stderr)
    assert match is not None, run.stderr
    title = run.args[run.args.index("new") + 1]
    return match.group(1), title.lower().replace(" ", "-")


@pytest.fixture
def held(repo: Path) -> Iterator[Callable[[], None]]:
    """The repository's lock, held as another process would hold it, and a way to
    let go of it."""
    descriptor = os.open(repo, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield lambda: fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def test_a_command_that_waits_says_so(repo: Path, held: Callable[[], None]) -> None:
    process = subprocess.Popen(
        _lore("-C", str(repo), "note", "INC-2026-0003", "waited", "--at", "15:00"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(lock.QUIET_WAIT + 2)
    assert process.poll() is None  # still waiting
    held()
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr) == (
        0,
        "INC-2026-0003: added N3 at 2026-11-30 15:00 UTC\n",
        f"lore: waiting for another lore command to finish in {repo}\n",
    )


WRITERS: dict[str, Callable[[Path], object]] = {
    "note": lambda root: add_note(
        Workspace.open(root), "INC-2026-0003", NoteRequest("x", at="15:00"), NOW
    ),
    "new": lambda root: new_incident(
        Workspace.open(root), NewIncident("Outage", "SEV2"), NOW
    ),
    "set": lambda root: set_field(
        Workspace.open(root), "INC-2026-0003", "severity", "SEV1"
    ),
    "link": lambda root: add_link(
        Workspace.open(root), "INC-2026-0003", "INC-2026-0001", Relation.CAUSED_BY
    ),
    "action": lambda root: add_action(
        Workspace.open(root), "INC-2026-0003", NewAction("Add a timeout")
    ),
    "star": lambda root: curate(
        Workspace.open(root), "INC-2026-0003", ["N1"], Mark.STARRED
    ),
    "ingest": lambda root: ingest(root, "alertmanager", ALERTS[:1], repo_wide=True),
    "build": lambda root: build(root, jobs=1),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_waits_for_the_lock(
    repo: Path, held: Callable[[], None], writer: str
) -> None:
    failed: list[BaseException] = []

    def run() -> None:
        try:
            WRITERS[writer](repo)
        except BaseException as error:  # handed to the test's thread
            failed.append(error)

    before = _snapshot(repo)
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(0.5)
    assert thread.is_alive()
    assert _snapshot(repo) == before  # it has not read or written past the lock
    held()
    thread.join(60)
    assert (thread.is_alive(), failed) == (False, [])
    assert _snapshot(repo) != before


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_init_waits_for_the_lock_of_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from incidentlore.author.init import init_repository

    monkeypatch.setattr(lock, "QUIET_WAIT", 0.2)
    descriptor = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    thread = threading.Thread(target=init_repository, args=(tmp_path,))
    thread.start()
    thread.join(0.5)
    assert thread.is_alive() and not (tmp_path / "lore.yaml").exists()
    os.close(descriptor)
    thread.join(60)
    assert (tmp_path / "lore.yaml").is_file()


def test_a_command_within_a_command_holds_the_same_lock(repo: Path) -> None:
    calls: list[Path] = []

    @writes_repository
    def inner(root: Path) -> None:
        calls.append(root)

    with repository_lock(repo), repository_lock(repo / "." / "incidents" / ".."):
        inner(repo)
        inner(Workspace.open(repo).root)
    assert calls == [repo, repo]


def test_the_lock_is_let_go_after_an_error(repo: Path) -> None:
    with pytest.raises(ValueError), repository_lock(repo):
        raise ValueError("stop")
    descriptor = os.open(repo, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
    finally:
        os.close(descriptor)


def test_a_file_system_without_locks_is_named_and_the_command_goes_on(
    repo: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def flock(descriptor: int, operation: int) -> None:
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(fcntl, "flock", flock)
    ran = False
    with caplog.at_level(logging.WARNING, "incidentlore"), repository_lock(repo):
        ran = True
    assert ran
    assert caplog.messages == [
        f"lore: warning: cannot lock {repo} (Bad file descriptor); a lore command "
        "run at the same time could undo this one's changes"
    ]
