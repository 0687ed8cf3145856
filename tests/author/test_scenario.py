"""From an empty folder to a built repository, with the commands a new user runs.

The first scenario enters a signal by hand in signals.yaml, as a person would in an
editor; the second ingests a real Alertmanager export and annotates and curates the
signals derived from it, by their ids.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from support import FIXTURES, changed_lines, run_lore

SCHEMAS = "# yaml-language-server: $schema=../../../.lore/schemas"
CHECKOUT = "incidents/2026/INC-2026-0001-checkout-errors-after-deploy"
PAYMENTS = "incidents/2026/INC-2026-0002-payment-api-timeouts"


def lore(*args: str | Path, cwd: Path) -> str:
    result = run_lore(*args, cwd=cwd)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Ana Lima\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "incidents").mkdir()
    return tmp_path / "incidents"


def test_a_new_user_from_an_empty_folder_to_a_build(repo: Path) -> None:
    lore("init", cwd=repo)
    assert (
        lore(
            "new",
            "Checkout errors after deploy",
            "--severity",
            "SEV2",
            "--service",
            "checkout",
            "--started",
            "2026-11-30 14:02 Europe/Berlin",
            cwd=repo,
        )
        == f"{CHECKOUT}\n"
    )
    outline = (repo / CHECKOUT / "postmortem.yaml").read_text()
    signals = repo / CHECKOUT / "signals.yaml"
    signals.write_text(
        signals.read_text().replace(
            "signals: []\n",
            "signals:\n"
            "  - id: alert-checkout-5xx\n"
            "    kind: alert\n"
            "    at: 2026-11-30 14:09 Europe/Berlin\n"
            "    summary: Checkout 5xx rate above 5%\n"
            "    services: [checkout]\n",
        )
    )
    inside = repo / CHECKOUT
    assert (
        lore(
            "note",
            "INC-2026-0001",
            "Paged seven minutes after the deploy; the threshold is too high",
            "--kind",
            "finding",
            "--about",
            "alert-checkout-5xx",
            cwd=inside,
        )
        == "INC-2026-0001: added N1 at 2026-11-30 13:09 UTC by Ana Lima\n"
    )
    lore("set", "INC-2026-0001", "mitigated", "15:40", cwd=inside)
    lore("status", "INC-2026-0001", "resolved", cwd=inside)
    lore(
        "new",
        "Payment API timeouts",
        "--severity",
        "SEV3",
        "--service",
        "api-gateway",
        "--started",
        "2026-12-02 09:10 UTC",
        cwd=repo,
    )
    lore("link", "INC-2026-0002", "INC-2026-0001", "--relation", "caused-by", cwd=repo)
    lore(
        "action",
        "INC-2026-0001",
        "add",
        "Lower the checkout 5xx alert threshold",
        "--owner",
        "Ana Lima",
        "--due",
        "2026-12-15",
        cwd=repo,
    )
    lore("action", "INC-2026-0001", "done", "AI-1", cwd=repo)
    built = lore("build", cwd=repo)
    assert built.startswith("built 2 incidents into ")

    assert (repo / CHECKOUT / "incident.yaml").read_text() == (
        f"{SCHEMAS}/incident.schema.json\n"
        "id: INC-2026-0001\n"
        "title: Checkout errors after deploy\n"
        "severity: SEV2\n"
        "status: resolved\n"
        "services: [checkout]\n"
        "times:\n"
        "  started: 2026-11-30 14:02 Europe/Berlin\n"
        "  mitigated: 2026-11-30 15:40 UTC\n"
    )
    assert (repo / CHECKOUT / "notes.yaml").read_text() == (
        f"{SCHEMAS}/notes.schema.json\n"
        "# Notes, decisions, hypotheses and questions; 'lore note' adds one.\n"
        "notes:\n"
        "  - id: N1\n"
        "    at: 2026-11-30 14:09 Europe/Berlin\n"
        "    kind: finding\n"
        "    author: Ana Lima\n"
        "    about: alert-checkout-5xx\n"
        "    text: Paged seven minutes after the deploy; the threshold is too high\n"
    )
    # The outline that lore new wrote, with the one item the commands added.
    assert changed_lines(
        outline, (repo / CHECKOUT / "postmortem.yaml").read_text()
    ) == [
        "@@ -8 +8,6 @@",
        "-action_items: []",
        "+action_items:",
        "+  - id: AI-1",
        "+    title: Lower the checkout 5xx alert threshold",
        "+    owner: Ana Lima",
        "+    status: done",
        "+    due: 2026-12-15",
    ]
    assert (repo / PAYMENTS / "incident.yaml").read_text() == (
        f"{SCHEMAS}/incident.schema.json\n"
        "id: INC-2026-0002\n"
        "title: Payment API timeouts\n"
        "severity: SEV3\n"
        "status: investigating\n"
        "services: [api-gateway]\n"
        "times:\n"
        "  started: 2026-12-02 09:10 UTC\n"
        "links:\n"
        "  - incident: INC-2026-0001\n"
        "    relation: caused-by\n"
    )

    connection = duckdb.connect(str(repo / "build" / "index.duckdb"), read_only=True)
    try:
        links = connection.execute(
            "SELECT incident_id, other_id, relation, direction FROM links ORDER BY 1"
        ).fetchall()
        about = connection.execute(
            "SELECT id, about FROM notes WHERE incident_id = 'INC-2026-0001'"
        ).fetchall()
    finally:
        connection.close()
    assert links == [
        ("INC-2026-0001", "INC-2026-0002", "caused", "incoming"),
        ("INC-2026-0002", "INC-2026-0001", "caused-by", "outgoing"),
    ]
    assert about == [("N1", "alert-checkout-5xx")]
    page = (repo / "build" / "incidents" / "INC-2026-0001.md").read_text()
    assert "| ↳ Paged seven minutes after the deploy; the threshold is too high" in page
    assert lore("validate", cwd=repo) == "ok: 2 incidents, 1 signal, 1 note\n"


MEMORY = "incidents/2018/INC-2018-0001-memory-pressure-on-the-web-tier"
FIRST = "alertmanager:3b1b9ffc68d34f1f:20180307T113321.873077Z"
SECOND = "alertmanager:b94cbdf6935e6829:20180307T113321.873077Z"


def test_a_note_about_an_ingested_signal(repo: Path) -> None:
    lore("init", cwd=repo)
    lore(
        "new",
        "Memory pressure on the web tier",
        "--severity",
        "SEV3",
        "--service",
        "checkout",
        "--started",
        "2018-03-07 11:30 UTC",
        cwd=repo,
    )
    export = FIXTURES / "alertmanager" / "firing-two-alerts-offset-nanos.json"
    ingested = lore(
        "ingest", "alertmanager", export, "--incident", "INC-2018-0001", cwd=repo
    )
    assert ingested.endswith(
        "alertmanager: 2 signals (0 resolved), 0 duplicates, 0 lines rejected\n"
    )
    assert (
        lore(
            "note",
            "INC-2018-0001",
            "Both alerts come from one leak",
            "--about",
            FIRST,
            cwd=repo,
        )
        == "INC-2018-0001: added N1 at 2018-03-07 11:33:21 UTC by Ana Lima\n"
    )
    lore("hide", "INC-2018-0001", SECOND, cwd=repo)
    lore("star", "INC-2018-0001", FIRST, cwd=repo)
    lore("build", cwd=repo)

    assert (repo / MEMORY / "notes.yaml").read_text().splitlines()[2:] == [
        "notes:",
        "  - id: N1",
        "    at: 2018-03-07T06:33:21.873077559-05:00",
        "    kind: note",
        "    author: Ana Lima",
        f"    about: {FIRST}",
        "    text: Both alerts come from one leak",
    ]
    assert (repo / MEMORY / "incident.yaml").read_text().splitlines()[-3:] == [
        "timeline:",
        f"  hidden: ['{SECOND}']",
        f"  starred: ['{FIRST}']",
    ]
    page = (repo / "build" / "incidents" / "INC-2018-0001.md").read_text()
    assert page.count("| alertmanager |") == 1  # the hidden alert left the narrative
    assert "★ **high_memory_load2: Server High Memory usage**" in page
    assert "| ↳ Both alerts come from one leak (Ana Lima) |" in page
    connection = duckdb.connect(str(repo / "build" / "index.duckdb"), read_only=True)
    try:
        curated = connection.execute(
            "SELECT entry_id, hidden, starred FROM timeline "
            "WHERE source = 'alertmanager' ORDER BY entry_id"
        ).fetchall()
    finally:
        connection.close()
    assert curated == [(FIRST, False, True), (SECOND, True, False)]
