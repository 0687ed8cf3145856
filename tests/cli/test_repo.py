from __future__ import annotations

import json
from pathlib import Path

import pytest

from incidentlore.schemas import generate
from support import BASE_INCIDENT, SAMPLE_REPO, example_repository, run_lore


def test_validate_sample_repository() -> None:
    result = run_lore("-C", SAMPLE_REPO, "validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_validate_from_a_subfolder(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    result = run_lore("validate", cwd=repository / BASE_INCIDENT)
    assert (result.exit_code, result.stdout) == (
        0,
        "ok: 1 incident, 2 signals, 1 note\n",
    )


def test_build_reports_what_it_wrote(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    result = run_lore("-C", repository, "build", "--output", tmp_path / "site")
    assert result.stdout == (
        f"built 1 incident into {tmp_path / 'site'} (3 files changed, 0 removed); "
        f"index: {tmp_path / 'site' / 'index.duckdb'}\n"
    )


def test_timeline_table(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    result = run_lore("-C", repository, "timeline", "INC-2024-0001", "--tz", "UTC")
    assert result.stdout.splitlines() == [
        "INC-2024-0001: times in UTC",
        "date        time                                   kind      source    id             "
        "what",
        "----------  -------------------------------------  --------  --------  -------------  "
        "----------------------",
        "2024-03-05  13:01:00 +00:00                        deploy    manual    deploy-481     "
        "checkout v481 deployed",
        "            13:20 +00:00                           decision  note      N1             "
        "↳ Roll back v481",
        "            13:02 +00:00                           key-time  incident  started        "
        "Started",
        "            13:09:30 +00:00 until 13:55:00 +00:00  alert     manual    alert-latency  "
        "p99 latency above 2 s",
        "            13:10 +00:00                           key-time  incident  detected       "
        "Detected",
        "            13:40 +00:00                           key-time  incident  mitigated      "
        "Mitigated",
        "            14:05 +00:00                           key-time  incident  resolved       "
        "Resolved",
    ]


def test_timeline_json_and_markdown(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    result = run_lore("-C", repository, "timeline", "INC-2024-0001", "--format", "json")
    entries = json.loads(result.stdout)
    assert [(e["id"], e["display_time"]) for e in entries[:2]] == [
        ("deploy-481", "14:01:00 +01:00"),
        ("N1", "14:20 +01:00"),
    ]
    assert entries[1]["origin"] == {
        "file": f"{BASE_INCIDENT}/notes.yaml",
        "line": 2,
        "column": 5,
    }
    markdown = run_lore(
        "-C", repository, "timeline", "INC-2024-0001", "--format", "markdown"
    )
    assert markdown.stdout.splitlines()[:3] == [
        "| Date | Time | Kind | Source | What happened |",
        "|---|---|---|---|---|",
        "| 2024-03-05 | 14:01:00 +01:00 | deploy | manual | checkout v481 deployed |",
    ]


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (
            ("INC-2024-0009",),
            1,
            "lore: no incident 'INC-2024-0009' under incidents/; 'lore new' creates one\n",
        ),
        (
            ("INC-2024-0001", "--tz", "CET"),
            2,
            "lore: --tz: 'CET' is not an IANA time zone; abbreviations such as PST are "
            "ambiguous: write the offset (-08:00) or a zone name (America/Los_Angeles)\n",
        ),
    ],
)
def test_timeline_errors(
    tmp_path: Path, arguments: tuple[str, ...], code: int, message: str
) -> None:
    repository = example_repository(tmp_path / "repo")
    result = run_lore("-C", repository, "timeline", *arguments)
    assert (result.exit_code, result.stderr) == (code, message)


def test_schemas_write_and_check(tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    written = run_lore("schemas", "--output", folder)
    assert written.stdout == f"wrote {len(generate())} schemas to {folder}\n"
    assert run_lore("schemas", "--output", folder, "--check").exit_code == 0

    (folder / "incident.schema.json").write_text("{}\n")
    stale = run_lore("schemas", "--output", folder, "--check")
    assert (stale.exit_code, stale.stderr) == (
        1,
        f"lore: out of date in {folder}: incident.schema.json; "
        f"run 'lore schemas --output {folder}'\n",
    )


def test_timeline_of_a_sound_incident_beside_a_broken_one(tmp_path: Path) -> None:
    files = {"incidents/2024/INC-2024-0002-broken/incident.yaml": "id: INC-2024-0002\n"}
    repository = example_repository(tmp_path / "repo", files)
    assert run_lore("-C", repository, "validate").exit_code == 1
    result = run_lore("-C", repository, "timeline", "INC-2024-0001")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        0,
        "INC-2024-0001: times in Europe/Berlin",
    )
