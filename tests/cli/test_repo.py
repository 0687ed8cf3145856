from __future__ import annotations

from support import SAMPLE_REPO, run_lore


def test_validate_sample_repository() -> None:
    result = run_lore("-C", SAMPLE_REPO, "validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: ")
