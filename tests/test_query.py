from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import example_repository, run_lore

SECOND = """id: INC-2025-0001
title: Ledger outage
severity: SEV1
status: investigating
outcome: degradation
services: [ledger]
times:
  started: 2025-06-01 09:00 UTC
"""


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"incidents/2025/INC-2025-0001-ledger/incident.yaml": SECOND}
    path = example_repository(tmp_path_factory.mktemp("query") / "repo", files)
    assert run_lore("-C", path, "build").exit_code == 0
    return path


def ids(repository: Path, *options: str) -> list[str]:
    result = run_lore("-C", repository, "query", *options, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), ["INC-2024-0001", "INC-2025-0001"]),
        (("--since", "2025-01-01"), ["INC-2025-0001"]),
        (("--until", "2024-03-05"), ["INC-2024-0001"]),
        (("--until", "2024-03-04"), []),
        (("--service", "ledger"), ["INC-2025-0001"]),
        (
            ("--service", "ledger", "--service", "checkout"),
            ["INC-2024-0001", "INC-2025-0001"],
        ),
        # named in INC-2024-0001; owns the ledger service that INC-2025-0001 affected
        (("--team", "payments"), ["INC-2024-0001", "INC-2025-0001"]),
        (("--severity", "SEV1"), ["INC-2025-0001"]),
        (("--severity-at-least", "SEV2"), ["INC-2024-0001", "INC-2025-0001"]),
        (("--severity-at-least", "SEV1"), ["INC-2025-0001"]),
        (("--status", "investigating"), ["INC-2025-0001"]),
        (
            ("--outcome", "degradation", "--since", "2024-12-31 23:00 UTC"),
            ["INC-2025-0001"],
        ),
    ],
)
def test_filters(
    repository: Path, options: tuple[str, ...], expected: list[str]
) -> None:
    assert ids(repository, *options) == expected


def test_csv_and_table(repository: Path) -> None:
    csv = run_lore("-C", repository, "query", "--severity", "SEV2", "--format", "csv")
    assert csv.stdout.splitlines() == [
        "id,title,severity,status,outcome,started_at,time_to_resolve,services,teams",
        "INC-2024-0001,Checkout latency after a deploy,SEV2,resolved,degradation,"
        "2024-03-05T13:02:00Z,3780,checkout,payments",
    ]
    table = run_lore("-C", repository, "query", "--severity", "SEV1")
    assert table.stdout.splitlines()[2].split()[:3] == [
        "INC-2025-0001",
        "Ledger",
        "outage",
    ]


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (
            ("--severity", "SEV9"),
            1,
            "lore: --severity: unknown severity 'SEV9'; did you mean 'SEV3'? "
            "Known: SEV1, SEV2, SEV3\n",
        ),
        (
            ("--since", "last week"),
            2,
            "lore: --since: 'last week' is not a time; "
            "write it like '2026-11-30 14:02 Europe/Berlin'\n",
        ),
        (
            ("--since", "2019-01-01", "--until", "2018-01-01"),
            2,
            "lore: --since 2019-01-01 is after --until 2018-01-01; the period would "
            "be empty\n",
        ),
        (
            ("--severity", "sev1"),
            1,
            "lore: --severity: unknown severity 'sev1'; did you mean 'SEV1'? "
            "Known: SEV1, SEV2, SEV3\n",
        ),
        (
            ("--service", "payments"),
            1,
            "lore: --service: unknown service 'payments'. Known: checkout, ledger\n",
        ),
        (
            ("--team", "payment"),
            1,
            "lore: --team: unknown team 'payment'; did you mean 'payments'? "
            "Known: payments\n",
        ),
    ],
)
def test_misuse(
    repository: Path, options: tuple[str, ...], code: int, message: str
) -> None:
    result = run_lore("-C", repository, "query", *options)
    assert (result.exit_code, result.stderr) == (code, message)


def test_sql_reads(repository: Path) -> None:
    result = run_lore(
        "-C",
        repository,
        "sql",
        "SELECT id, severity_rank FROM incidents ORDER BY id",
        "--format",
        "json",
    )
    assert json.loads(result.stdout) == [
        {"id": "INC-2024-0001", "severity_rank": 1},
        {"id": "INC-2025-0001", "severity_rank": 0},
    ]


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("DELETE FROM incidents", "DELETE"),
        ("INSERT INTO teams VALUES ('x', 'y', 'z')", "INSERT"),
        ("COPY incidents TO 'stolen.csv'", "COPY"),
        ("ATTACH 'other.duckdb'", "ATTACH"),
        ("SELECT 1; DROP TABLE incidents", "DROP"),
        ("SET threads = 1", "SET"),
    ],
)
def test_sql_refuses_anything_but_reading(
    repository: Path, statement: str, kind: str
) -> None:
    result = run_lore("-C", repository, "sql", statement)
    assert (result.exit_code, result.stderr) == (
        2,
        f"lore: the index is read-only: {kind} statements are refused; use SELECT "
        "(the index is rebuilt from the files by 'lore build')\n",
    )


def test_sql_cannot_read_other_files(repository: Path) -> None:
    result = run_lore("-C", repository, "sql", "SELECT * FROM read_csv('/etc/passwd')")
    assert result.exit_code == 2
    assert result.stderr.startswith("lore: SQL failed: Permission Error")


def test_sql_syntax_error(repository: Path) -> None:
    result = run_lore("-C", repository, "sql", "SELEC 1")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "lore: SQL does not parse: Parser Error: syntax error"
    )


def test_query_without_index(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    result = run_lore("-C", repository, "query")
    assert result.exit_code == 1
    assert result.stderr == (
        f"lore: {repository / 'build' / 'index.duckdb'}: no index here yet; "
        "run 'lore build' first\n"
    )


def test_an_index_built_elsewhere(repository: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_lore("-C", repository, "build", "--output", site).exit_code == 0
    index = site / "index.duckdb"
    result = run_lore("-C", repository, "query", "--index", index, "--format", "csv")
    assert result.stdout.count("\n") == 3
    count = run_lore("sql", "SELECT count(*) AS n FROM incidents", "--index", index)
    assert count.stdout.splitlines()[-1] == "2"


def test_sql_json_holds_what_duckdb_returns(repository: Path) -> None:
    statement = (
        "SELECT x'00ff'::BLOB AS b, 'nan'::DOUBLE AS n, 1.25::DECIMAL(38, 2) AS d, "
        "'6f1c9f0e-3b2a-4c1d-9e8f-0a1b2c3d4e5f'::UUID AS u, 1 AS a, 2 AS a"
    )
    result = run_lore("-C", repository, "sql", statement, "--format", "json")
    assert json.loads(result.stdout) == [
        {
            "b": "00ff",
            "n": "nan",
            "d": "1.25",
            "u": "6f1c9f0e-3b2a-4c1d-9e8f-0a1b2c3d4e5f",
            "a": 1,
            "a_2": 2,
        }
    ]


def test_sql_takes_one_statement(repository: Path) -> None:
    result = run_lore("-C", repository, "sql", "SELECT 1; SELECT 2")
    assert (result.exit_code, result.stderr) == (
        2,
        "lore: give one statement at a time (2 were given); the results of all but "
        "the last would be lost\n",
    )


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_an_empty_bound_is_misuse(repository: Path, option: str) -> None:
    result = run_lore("-C", repository, "query", f"{option}=")
    assert (result.exit_code, result.stderr) == (
        2,
        f"lore: {option}: '' is not a time; write it like '2026-11-30 14:02 Europe/Berlin'\n",
    )
