from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from incidentlore.model.catalog import id_regex
from support import FIXTURES, run_lore

REPO = FIXTURES / "authoring" / "repo"
ALLOWED = "ASCII letters, digits, '-', '_' and '.'"


@pytest.mark.parametrize(
    ("pattern", "ids"),
    [
        ("INC-{year}-{seq:04}", ["INC-2026-0004", "INC-2026-12345"]),
        ("ops_{seq}", ["ops_1", "ops_17"]),
        ("v1.{year}.{seq:02}", ["v1.2026.03"]),
    ],
)
def test_a_pattern_matches_the_ids_it_makes(pattern: str, ids: list[str]) -> None:
    regex = id_regex(pattern)
    assert [bool(regex.fullmatch(incident_id)) for incident_id in ids] == [True] * len(
        ids
    )


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (
            "../INC-{year}-{seq:04}",
            f"id_pattern may hold only {ALLOWED} besides {{year}} and {{seq:NN}}, "
            "since ids name folders; remove '/' (e.g. INC-{year}-{seq:04})",
        ),
        (
            "INC {year}/{seq}",
            f"id_pattern may hold only {ALLOWED} besides {{year}} and {{seq:NN}}, "
            "since ids name folders; remove ' ', '/' (e.g. INC-{year}-{seq:04})",
        ),
        (
            ".INC-{seq}",
            "id_pattern must not start with '.': lore skips hidden folders "
            "(e.g. INC-{year}-{seq:04})",
        ),
        ("INC-{year}", "id_pattern needs {seq}, e.g. INC-{year}-{seq:04}"),
        (
            "INC-{seq}-{day}",
            "id_pattern knows only {year} and {seq} or {seq:NN} (NN: how many "
            "digits, e.g. {seq:04})",
        ),
    ],
)
def test_unusable_patterns_are_refused(pattern: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        id_regex(pattern)
    assert str(raised.value) == message


def test_validate_refuses_a_pattern_that_leaves_the_incidents_folder(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    catalog = repo / "lore.yaml"
    catalog.write_text(
        catalog.read_text().replace(
            'id_pattern: "INC-{year}-{seq:04}"', 'id_pattern: "../INC-{year}-{seq:04}"'
        )
    )
    expected = (
        "lore.yaml:6:13: error: id_pattern: id_pattern may hold only "
        f"{ALLOWED} besides {{year}} and {{seq:NN}}, since ids name folders; "
        "remove '/' (e.g. INC-{year}-{seq:04})\n1 error\n"
    )
    validated = run_lore("validate", cwd=repo)
    assert (validated.exit_code, validated.stderr) == (1, expected)
    created = run_lore("new", "Outage", "--severity", "SEV2", cwd=repo)
    assert (created.exit_code, created.stdout) == (1, "")
    assert created.stderr.endswith(expected)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["repo"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("INC-{seq:99}", "the width of {seq} is 1 to 9"),
        ("INC-{seq:04d}", "id_pattern knows only {year} and {seq} or {seq:NN}"),
        ("INC-{year}-{seq:04}-{seq}", "id_pattern names {seq} twice; keep one"),
    ],
)
def test_patterns_lore_cannot_keep_are_refused(pattern: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        id_regex(pattern)
