from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.errors import ProblemsFound
from incidentlore.ingest import ingest
from incidentlore.validate.repository import load_repository
from repos import INCIDENT, sample_repository, status
from support import run_lore

INGEST = """
ingest:
  services:
    aliases:
      github-api: github.com
      checkout-api: checkout
  mappings:
    slack:
      format: csv
      columns: {time: at, text: summary}
    statuspage:
      format: csv
      columns: {time: at, text: summary}
"""


def repository_with_ingest_settings(tmp_path: Path) -> tuple[Path, int]:
    """The sample repository with INGEST added to lore.yaml; the line it starts on."""
    root = sample_repository(tmp_path)
    catalog = root / "lore.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text + INGEST, encoding="utf-8")
    return root, text.count("\n") + 2


def test_mappings_named_like_an_adapter_and_unknown_aliases_are_errors(
    tmp_path: Path,
) -> None:
    root, first = repository_with_ingest_settings(tmp_path)
    with pytest.raises(ProblemsFound) as found:
        load_repository(root)
    assert [str(d) for d in found.value.diagnostics] == [
        f"lore.yaml:{first + 4}:21: error: ingest.services.aliases.checkout-api: "
        "unknown service 'checkout'. Known: cloudflare-proxy, consul, github-pages, "
        "github-webhooks, github.com, gitlab.com, roblox, s3-us-east-1, slack (add "
        "new ones to lore.yaml)",
        f"lore.yaml:{first + 7}:7: error: ingest.mappings.slack: 'slack' is already "
        "the name of an installed adapter (incidentlore.normalise.slack:SlackAdapter); "
        "give the mapping another name, such as 'slack-csv'",
    ]


def test_lore_validate_and_lore_ingest_report_them_the_same(tmp_path: Path) -> None:
    root, _ = repository_with_ingest_settings(tmp_path)
    validate = run_lore("-C", root, "validate")
    export = tmp_path / "status.csv"
    export.write_text("time,text\n2018-10-21T23:00:00Z,Degraded\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        ingest(root, "statuspage", [export], incident=INCIDENT)
    assert validate.exit_code == 1
    assert (
        validate.stderr
        == "".join(f"{d}\n" for d in found.value.diagnostics) + "2 errors\n"
    )
    assert status(root) == " M lore.yaml\n"
