"""How fast history is read from git.

1. `lore history` on one incident of a repository with 5,000 commits, where that
   incident changed in every hundredth commit (50 revisions), and, to stress it, in
   every tenth (500 revisions) and in every commit (5,000 revisions).
2. The revisions table of the index for 1,000 incidents with 20 commits each.

The repositories are written with `git fast-import` into a temporary folder.
Run: .venv/bin/python benchmarks/history_speed.py [--small]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from incidentlore.history.history import incident_history
from incidentlore.history.report import history_text
from incidentlore.history.revisions import index_revisions

PROJECT = Path(__file__).resolve().parent.parent
CATALOG = (PROJECT / "sample-repo" / "lore.yaml").read_bytes()
START = 1_700_000_000  # commit times count up from here, one minute apart


def incident_id(number: int) -> str:
    return f"INC-2024-{number:04d}"


def incident_yaml(number: int, revision: int) -> bytes:
    detected = 10 + revision % 40
    return (
        f"id: {incident_id(number)}\n"
        f"title: Generated incident {number}\n"
        f"severity: SEV{1 + revision % 3}\n"
        "status: resolved\n"
        f"summary: Revision {revision} of a generated incident\n"
        "services: [github.com]\n"
        "teams: [github-database]\n"
        "times:\n"
        "  started: 2024-03-01 10:00 UTC\n"
        f"  detected: 2024-03-01 10:{detected:02d} UTC\n"
        "  resolved: 2024-03-01 12:00 UTC\n"
    ).encode()


def signals_yaml(count: int, revision: int = 0) -> bytes:
    lines = [f"# revision {revision}\nsignals:\n"]
    for index in range(count):
        lines.append(
            f"  - id: alert-{index}\n    kind: alert\n"
            f"    at: 2024-03-01 10:{index % 60:02d} UTC\n"
            f"    summary: Alert number {index}\n"
        )
    return "".join(lines).encode()


def folder(number: int) -> str:
    return f"incidents/2024/{incident_id(number)}-generated"


def _data(content: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(content), content)


def _commit(number: int, message: str, files: dict[str, bytes]) -> bytes:
    stamp = START + number * 60
    parts = [
        b"commit refs/heads/main\n",
        b"author Bench Author <bench@example.org> %d +0000\n" % stamp,
        b"committer Bench Author <bench@example.org> %d +0000\n" % stamp,
        _data(message.encode()),
    ]
    for path, content in files.items():
        parts.append(b"M 100644 inline " + path.encode() + b"\n" + _data(content))
    return b"".join(parts)


def fast_import(root: Path, stream: Iterator[bytes]) -> None:
    environment = _environment()
    subprocess.run(["git", "init", "--quiet", str(root)], check=True, env=environment)
    process = subprocess.Popen(
        ["git", "fast-import", "--quiet"],
        cwd=root,
        stdin=subprocess.PIPE,
        env=environment,
    )
    assert process.stdin is not None
    for chunk in stream:
        process.stdin.write(chunk)
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(
        ["git", "checkout", "--quiet", "main"], cwd=root, check=True, env=environment
    )


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return environment


def busy_repository(commits: int, incidents: int, every: int) -> Iterator[bytes]:
    """Incident 0 changes in every `every`-th commit; the others share the rest."""
    first = {"lore.yaml": CATALOG}
    for number in range(incidents):
        first[f"{folder(number)}/incident.yaml"] = incident_yaml(number, 0)
        first[f"{folder(number)}/signals.yaml"] = signals_yaml(20)
    yield _commit(0, "Start", first)
    for index in range(1, commits):
        number = 0 if index % every == 0 else 1 + index % (incidents - 1)
        if (index // every if number == 0 else index) % 2:
            files = {f"{folder(number)}/incident.yaml": incident_yaml(number, index)}
        else:
            files = {
                f"{folder(number)}/signals.yaml": signals_yaml(20 + index % 30, index)
            }
        yield _commit(index, f"Revise {incident_id(number)}", files)


def wide_repository(incidents: int, per_incident: int) -> Iterator[bytes]:
    """Every incident created, then revised `per_incident - 1` times, interleaved."""
    yield _commit(0, "Catalog", {"lore.yaml": CATALOG})
    index = 1
    for revision in range(per_incident):
        for number in range(incidents):
            files = {f"{folder(number)}/incident.yaml": incident_yaml(number, revision)}
            if revision == 0:
                files[f"{folder(number)}/signals.yaml"] = signals_yaml(20)
            yield _commit(index, f"Revise {incident_id(number)}", files)
            index += 1


def one_more_commit(root: Path) -> None:
    (root / folder(0) / "incident.yaml").write_bytes(incident_yaml(0, 999))
    environment = _environment() | {
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    subprocess.run(
        ["git", "commit", "--quiet", "-am", "One more revision"],
        cwd=root,
        check=True,
        env=environment,
    )


def timed(label: str, action: object) -> float:
    assert callable(action)
    began = time.perf_counter()
    action()
    seconds = time.perf_counter() - began
    print(f"{label}: {seconds:.2f} s")
    return seconds


def history_command(root: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "incidentlore",
            "-C",
            str(root),
            "history",
            incident_id(0),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        env=_environment(),
    )


def main(
    commits: int, incidents: int, wide: int, per_incident: int
) -> dict[str, float]:
    os.environ.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="lore-history-bench-") as temporary:
        for every in (100, 10, 1):
            root = Path(temporary) / f"busy-{every}"
            fast_import(root, busy_repository(commits, incidents, every))
            revisions = len(incident_history(root, incident_id(0)).revisions)
            label = f"history of 1 incident ({revisions} revisions, {commits} commits)"
            figures[f"history-{every}"] = timed(
                f"{label}, in process",
                lambda root=root: history_text(incident_history(root, incident_id(0))),
            )
            figures[f"command-{every}"] = timed(
                f"{label}, 'lore history' command",
                lambda root=root: history_command(root),
            )
        root = Path(temporary) / "wide"
        fast_import(root, wide_repository(wide, per_incident))
        cache = Path(temporary) / "revisions-cache.json"
        rows = index_revisions(root).rows
        figures["index"] = timed(
            f"revisions table for {wide} incidents x {per_incident} commits "
            f"({len(rows):,} rows), from nothing",
            lambda: index_revisions(root, cache=cache),
        )
        one_more_commit(root)
        figures["index-cached"] = timed(
            "the same after one more commit, with the cache of the previous build",
            lambda: index_revisions(root, cache=cache),
        )
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a quick run at 1/50 size")
    small = parser.parse_args().small
    if small:
        main(commits=100, incidents=10, wide=20, per_incident=20)
    else:
        main(commits=5_000, incidents=100, wide=1_000, per_incident=20)
