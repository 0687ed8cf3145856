from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.author.workspace import Workspace, require_known
from incidentlore.errors import LoreError
from support import SAMPLE_REPO


def test_incident_folders_come_from_folder_names(workspace: Workspace) -> None:
    root = workspace.root
    (root / "incidents/2026/.INC-2026-0009-staging").mkdir()
    (root / "incidents/2026/notes-about-2026").mkdir()
    (root / "incidents/2026/INC-2026-00031-not-this").mkdir()
    (root / "incidents/2026/INC-2026-0004").mkdir()
    (root / "incidents/README.md").write_text("a file among the years\n")
    found = {
        key: [workspace.name(p) for p in paths]
        for key, paths in workspace.incident_folders().items()
    }
    assert found == {
        "INC-2026-00031": ["incidents/2026/INC-2026-00031-not-this"],
        "INC-2026-0001": ["incidents/2026/INC-2026-0001-payment-timeouts"],
        "INC-2026-0003": ["incidents/2026/INC-2026-0003-checkout-errors"],
        "INC-2026-0004": ["incidents/2026/INC-2026-0004"],
    }


def test_folder_suggests_the_closest_id(workspace: Workspace) -> None:
    assert workspace.name(workspace.folder("INC-2026-0003")) == (
        "incidents/2026/INC-2026-0003-checkout-errors"
    )
    with pytest.raises(LoreError) as raised:
        workspace.folder("INC-2026-003")
    assert str(raised.value) == (
        "unknown incident 'INC-2026-003'; did you mean 'INC-2026-0003'? "
        "Known: INC-2026-0001, INC-2026-0003"
    )


def test_folder_refuses_an_id_two_folders_share(workspace: Workspace) -> None:
    (workspace.root / "incidents/2026/INC-2026-0003-other-branch").mkdir()
    with pytest.raises(LoreError) as raised:
        workspace.folder("INC-2026-0003")
    assert str(raised.value) == (
        "incident id 'INC-2026-0003' is used by 2 folders "
        "(incidents/2026/INC-2026-0003-checkout-errors, "
        "incidents/2026/INC-2026-0003-other-branch); give one of them the next free "
        "id first (see 'lore validate')"
    )


def test_modeline_follows_the_schema_line_of_lore_yaml(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = workspace.root / "incidents/2026/INC-2026-0004-x"
    assert workspace.modeline(folder, "notes.schema.json") == (
        "# yaml-language-server: $schema=../../../.lore/schemas/notes.schema.json"
    )
    sample = Workspace.open(SAMPLE_REPO)
    assert sample.modeline(
        SAMPLE_REPO / "incidents/2019/X", "incident.schema.json"
    ) == ("# yaml-language-server: $schema=../../../../schemas/incident.schema.json")


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        (
            "# yaml-language-server: $schema=https://example.org/s/lore.schema.json",
            "# yaml-language-server: $schema=https://example.org/s/notes.schema.json",
        ),
        ("# no schema line", None),
    ],
)
def test_modeline_elsewhere_or_nowhere(
    workspace: Workspace, first_line: str, expected: str | None
) -> None:
    catalog = workspace.root / "lore.yaml"
    lines = catalog.read_text().splitlines(keepends=True)
    catalog.write_text(first_line + "\n" + "".join(lines[1:]))
    assert workspace.modeline(workspace.root, "notes.schema.json") == expected


def test_without_a_schema_line_an_existing_lore_folder_is_used(
    workspace: Workspace,
) -> None:
    catalog = workspace.root / "lore.yaml"
    catalog.write_text("".join(catalog.read_text().splitlines(keepends=True)[1:]))
    (workspace.root / ".lore/schemas").mkdir(parents=True)
    assert workspace.modeline(workspace.root / "incidents", "notes.schema.json") == (
        "# yaml-language-server: $schema=../.lore/schemas/notes.schema.json"
    )


def test_require_known() -> None:
    require_known("service", "checkout", ["checkout"])
    with pytest.raises(LoreError) as raised:
        require_known(
            "service", "chekout", ["checkout", "db"], option="--service", catalog=True
        )
    assert str(raised.value) == (
        "--service: unknown service 'chekout'; did you mean 'checkout'? "
        "Known: checkout, db (add new ones to lore.yaml)"
    )
    with pytest.raises(LoreError) as raised:
        require_known("signal", "x", [])
    assert (
        str(raised.value) == "unknown signal 'x'; there are no signals to choose from"
    )
