"""Time `lore validate` and `lore build` on a synthetic repository.

Usage: python benchmarks/build_speed.py [INCIDENTS ...]   (default: 1000)

Each incident has 50 hand-entered signals, 5 notes and a post-mortem. Prints seconds
and peak memory per step; the repository is made in a temporary folder and removed.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

SIGNALS_PER_INCIDENT = 50

CATALOG = """display_timezone: Europe/Berlin
teams:
  payments: {name: Payments}
  platform: {name: Platform}
services:
  checkout: {team: payments}
  ledger: {team: payments}
  gateway: {team: platform}
severities: [{id: SEV1}, {id: SEV2}, {id: SEV3}]
statuses: [{id: resolved}]
outcomes: [{id: degradation}]
factor_categories: [{id: change}, {id: capacity}]
"""


def incident_files(number: int) -> dict[str, str]:
    started = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(hours=7 * number)
    year = started.year
    incident_id = f"INC-{year}-{number:05d}"

    def at(minutes: int) -> str:
        return (started + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")

    service = ("checkout", "ledger", "gateway")[number % 3]
    incident = (
        f"id: {incident_id}\ntitle: Synthetic incident {number}\n"
        f"severity: SEV{1 + number % 3}\nstatus: resolved\noutcome: degradation\n"
        f"services: [{service}]\ntimes:\n  started: {at(0)}\n  detected: {at(4)}\n"
        f"  mitigated: {at(30)}\n  resolved: {at(55)}\n"
    )
    signals = ["signals:"]
    for index in range(SIGNALS_PER_INCIDENT):
        signals += [
            f"  - id: s{index}",
            f"    kind: {('alert', 'deploy', 'log', 'chat')[index % 4]}",
            f"    at: {at(index)}",
            f"    summary: Synthetic signal {index} of incident {number} | with a pipe",
            f"    services: [{service}]",
            "    labels: {region: eu-west-1, cluster: c1}",
        ]
    notes = ["notes:"]
    for index in range(5):
        notes += [
            f"  - id: N{index}",
            f"    at: {at(index * 5)}",
            f"    text: Note {index}",
        ]
        notes += [f"    about: s{index}"] if index % 2 else []
    postmortem = (
        "summary: Synthetic.\ncontributing_factors:\n  - category: change\n"
        "    description: A change\n    evidence: [s1, N0]\naction_items:\n"
        "  - {id: AI-1, title: Fix it, status: open}\n"
    )
    folder = f"incidents/{year}/{incident_id}-synthetic"
    return {
        f"{folder}/incident.yaml": incident,
        f"{folder}/signals.yaml": "\n".join(signals) + "\n",
        f"{folder}/notes.yaml": "\n".join(notes) + "\n",
        f"{folder}/postmortem.yaml": postmortem,
    }


def make_repository(root: Path, incidents: int) -> int:
    (root / "lore.yaml").write_text(CATALOG)
    size = 0
    for number in range(incidents):
        for name, text in incident_files(number).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            size += len(text)
    return size


class Run(NamedTuple):
    seconds: float
    peak_mib: float  # the largest resident set of any `lore` run so far
    output: str


def run_lore(*arguments: str | Path) -> Run:
    """One `lore` command in a fresh process, as a user runs it; what it printed."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "incidentlore", *map(str, arguments)],
        check=True,
        capture_output=True,  # stderr: the note that a temporary folder has no git
        text=True,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Run(elapsed, peak, done.stdout)


def timed(*arguments: str) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one `lore` run in a fresh process."""
    run = run_lore(*arguments)
    return run.seconds, run.peak_mib


def touch_one(root: Path) -> None:
    """Change the title of the first incident, as an edit in a pull request would."""
    path = sorted(root.glob("incidents/*/*/incident.yaml"))[0]
    path.write_text(
        path.read_text().replace("Synthetic incident", "Edited incident", 1)
    )


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000]
    print(
        "build: from nothing; rebuild: nothing changed (the cache answers); "
        "one edit: one incident changed"
    )
    print(
        f"{'incidents':>9} {'signals':>8} {'MB':>6} {'validate s':>10} {'build s':>8} "
        f"{'rebuild s':>9} {'one edit s':>10} {'peak MiB':>8}"
    )
    for incidents in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            size = make_repository(root, incidents)
            validate, _ = timed("-C", folder, "validate")
            build, peak = timed("-C", folder, "build")
            rebuild, _ = timed("-C", folder, "build")
            touch_one(root)
            one_edit, _ = timed("-C", folder, "build")
            print(
                f"{incidents:>9} {incidents * SIGNALS_PER_INCIDENT:>8} {size / 1e6:>6.1f} "
                f"{validate:>10.2f} {build:>8.2f} {rebuild:>9.2f} {one_edit:>10.2f} "
                f"{peak:>8.0f}"
            )


if __name__ == "__main__":
    main()
