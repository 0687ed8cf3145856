from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from incidentlore.assemble.timeline import assemble
from incidentlore.validate.repository import load_repository
from support import FIXTURES


def test_key_times_are_never_curated(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "authoring" / "repo", root)
    record = load_repository(root).incident("INC-2026-0003")
    assert record is not None
    # Validation refuses "started" here (no signal or note has that id); assembling
    # must not mark the key time even so.
    curation = record.incident.timeline.model_copy(
        update={"starred": ["started", "N1"]}
    )
    incident = record.incident.model_copy(update={"timeline": curation})
    timeline = assemble(dataclasses.replace(record, incident=incident))
    assert [(e.id, e.starred) for e in timeline.entries if e.starred] == [("N1", True)]
