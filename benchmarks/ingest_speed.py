"""How fast exports are read, ingested and built; prints figures, asserts nothing.

    .venv/bin/python benchmarks/ingest_speed.py

Goals: reading JSON lines at 50 MB/s or more, and building an incident that has
50,000 signals in under 5 s. Each ingest and build is a `lore` command in a fresh
process, as a user runs it. Inputs are generated in a temporary folder.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from build_speed import run_lore
from incidentlore.launch import collect_rarely
from incidentlore.normalise.registry import Registry
from incidentlore.normalise.testkit import parse_bytes

PROJECT = Path(__file__).resolve().parent.parent
INCIDENT = "INC-2018-0001"
START = 1_540_162_320  # 2018-10-21 22:52 UTC, when the sample incident started


def json_lines(count: int) -> bytes:
    lines = []
    for n in range(count):
        record = {
            "@timestamp": f"2018-10-21T{22 + n // 1_800_000:02d}:"
            f"{(n // 30_000) % 60:02d}:{(n // 500) % 60:02d}.{n % 500:03d}Z",
            "level": ("info", "warn", "error")[n % 3],
            "service": "github.com",
            "message": f"request {n} finished in {n % 997} ms with status 200",
            "trace_id": f"{n:032x}",
            "host": f"web-{n % 40}",
        }
        lines.append(json.dumps(record))
    return ("\n".join(lines) + "\n").encode()


def slack_export(folder: Path, messages: int, channels: int = 10) -> None:
    (folder / "channels.json").write_text(
        json.dumps([{"id": f"C{c:08d}", "name": f"ops-{c}"} for c in range(channels)])
    )
    (folder / "users.json").write_text(
        json.dumps([{"id": f"U{u:08d}", "name": f"user-{u}"} for u in range(50)])
    )
    per_day = 100
    for c in range(channels):
        for day in range(messages // channels // per_day):
            stamp = START + day * 86_400
            day_file = (
                folder / f"ops-{c}" / time.strftime("%Y-%m-%d.json", time.gmtime(stamp))
            )
            day_file.parent.mkdir(exist_ok=True)
            day_file.write_text(
                json.dumps(
                    [
                        {
                            "type": "message",
                            "user": f"U{m % 50:08d}",
                            "text": f"message {m} in <#C{c:08d}> for <@U{m % 50:08d}>",
                            "ts": f"{stamp + m * 7}.{m:06d}",
                        }
                        for m in range(per_day)
                    ],
                    indent=4,
                )
            )


def repository(base: Path) -> Path:
    root = base / "repo"
    shutil.copytree(
        PROJECT / "sample-repo", root, ignore=shutil.ignore_patterns("build")
    )
    return root


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="lore-bench-"))
    try:
        run(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def run(base: Path) -> None:
    collect_rarely()  # as the `lore` command does
    adapter = Registry().get("jsonlines")
    data = json_lines(100_000)
    times = []
    for _ in range(3):  # the best of three: the machine is shared
        began = time.perf_counter()
        result = parse_bytes(adapter, data, "app.jsonl")
        times.append(time.perf_counter() - began)
    seconds = min(times)
    megabytes = len(data) / 1e6
    print(
        f"parse JSON lines: {len(result.signals):,} signals from {megabytes:.1f} MB "
        f"in {seconds:.2f} s (best of 3) = {megabytes / seconds:.1f} MB/s "
        "(goal: 50 MB/s)"
    )

    root = repository(base)
    log = base / "app.jsonl"
    log.write_bytes(data)
    done = run_lore("-C", root, "ingest", "jsonlines", log, "--incident", INCIDENT)
    print(f"ingest 100,000-line log: {done.output.strip()} in {done.seconds:.2f} s")
    built = run_lore("-C", root, "build", "--output", base / "out-log")
    print(f"build with 100,000 log signals: {built.seconds:.2f} s")

    root = repository(base / "fifty")
    half = base / "half.jsonl"
    half.write_bytes(json_lines(50_000))
    run_lore("-C", root, "ingest", "jsonlines", half, "--incident", INCIDENT)
    built = run_lore("-C", root, "build", "--output", base / "out-half")
    print(
        f"build an incident with 50,000 signals: {built.seconds:.2f} s "
        "(goal: under 5 s)"
    )
    built = run_lore("-C", root, "build", "--output", base / "out-half")
    print(f"  and again, nothing changed: {built.seconds:.2f} s")

    root = repository(base / "slack")
    export = base / "slack-export"
    export.mkdir()
    slack_export(export, 20_000)
    done = run_lore("-C", root, "ingest", "slack", export, "--incident", INCIDENT)
    print(
        f"ingest 20,000-message Slack export: {done.output.strip()} "
        f"in {done.seconds:.2f} s"
    )
    built = run_lore("-C", root, "build", "--output", base / "out-slack")
    print(f"build with 20,000 Slack messages: {built.seconds:.2f} s")
    print(f"peak memory of any lore run: {built.peak_mib:.0f} MiB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
