"""A third-party adapter package, installed into a temporary folder on sys.path."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from incidentlore.normalise.registry import installed

MODULE = """
from incidentlore.model.signal import SignalKind
from incidentlore.normalise.adapter import Adapter, BadRecord, Detection, new_signal
from incidentlore.normalise.fields import epoch
from incidentlore.normalise.ids import signal_id


class StatusAdapter(Adapter):
    name = "statusline"
    title = "Lines of 'epoch-seconds|id|text'"
    expected = "lines such as 1609772820|p1|API errors"
    suffix = ".txt"

    def detect(self, sample):
        if sample.lines and sample.lines[0].count("|") == 2:
            return Detection(60, "lines of three fields between bars")
        return None

    def parse(self, export, context, result):
        for file in export.files:
            for number, line in enumerate(file.text(result).splitlines(), 1):
                where = file.at(number)
                with result.record(where):
                    parts = line.split("|")
                    if len(parts) != 3:
                        raise BadRecord("expected three fields between bars")
                    stamp, key, text = parts
                    result.add(
                        new_signal(
                            id=signal_id(self.name, key),
                            source=self.name,
                            kind=SignalKind.STATUS,
                            at=epoch(stamp, "s"),
                            summary=text,
                        ),
                        where,
                    )
"""


def install(folder: Path, entry_points: str, module: str = MODULE) -> None:
    (folder / "lore_statusline.py").write_text(module, encoding="utf-8")
    info = folder / "lore_statusline-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: lore-statusline\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[incidentlore.adapters]\n{entry_points}\n", encoding="utf-8"
    )


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The package installed, with `statusline = lore_statusline:StatusAdapter`."""
    folder = tmp_path / "site"
    folder.mkdir()
    install(folder, "statusline = lore_statusline:StatusAdapter")
    monkeypatch.syspath_prepend(str(folder))
    importlib.invalidate_caches()
    installed.cache_clear()
    yield folder
    installed.cache_clear()
