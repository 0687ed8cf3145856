from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.normalise.adapter import (
    Context,
    Detection,
    Export,
    ParseResult,
    Sample,
)
from incidentlore.normalise.alertmanager import AlertmanagerAdapter
from incidentlore.normalise.testkit import check_adapter, mangled, problems
from normalise.corpus import fixture


class Fragile(AlertmanagerAdapter):
    """Raises on anything it does not expect, and names its signals after itself."""

    name = "fragile"

    def detect(self, sample: Sample) -> Detection | None:
        return None

    def parse(self, export: Export, context: Context, result: ParseResult) -> None:
        if not export.files[0].data.startswith(b"{"):
            raise ValueError("boom")
        super().parse(export, context, result)


def test_the_kit_finds_what_is_wrong() -> None:
    sample = fixture("alertmanager", "resolved-operator-fingerprint.json")
    found = problems(Fragile(), [sample])
    assert f"{sample}: detect() does not recognise the sample" in found
    assert f"{sample}: raised ValueError('boom') reading it with empty" in found
    missing = "reading it with first byte missing"
    assert f"{sample}: raised ValueError('boom') {missing}" in found
    assert len(found) == 7
    with pytest.raises(AssertionError, match="detect\\(\\) does not recognise"):
        check_adapter(Fragile(), [sample])


def test_mangled_copies_are_all_different(tmp_path: Path) -> None:
    data = b'{"a": [1, 2]}\n{"b": 3}\n'
    variants = dict(mangled(data))
    assert len(set(variants.values())) == len(variants) == 11
    assert variants["cut in the middle"] == b'{"a": [1, 2'
    assert variants["lines in reverse"] == b'\n{"b": 3}\n{"a": [1, 2]}'
