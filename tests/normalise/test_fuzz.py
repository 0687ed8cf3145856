"""No input, however mangled, makes an adapter raise: bad records are rejected."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidentlore.normalise.adapter import Context
from incidentlore.normalise.detect import sample_from
from incidentlore.normalise.testkit import parse_bytes
from normalise.corpus import REGISTRY, fixture, utc

CONTEXT = Context("UTC", (utc(2016, 12, 13), utc(2016, 12, 14)), None)
EXPORTS = sorted(
    path
    for path in fixture().rglob("*")
    if path.is_file() and path.suffix in (".json", ".log")
)
NAMES = REGISTRY.names()
NASTY = [b"{", b"}", b"[", b"]", b'"', b"\n", b",", b"\xff\xfe", b"\\u0000", b"null"]
NASTY += [b"0001-01-01T00:00:00Z", b"99999999999999999999999", b"1e999", b"-1"]


@pytest.mark.parametrize("path", EXPORTS, ids=lambda path: path.name)
def test_every_adapter_reads_every_fixture_without_raising(path: Path) -> None:
    data = path.read_bytes()
    for name in NAMES:
        result = parse_bytes(REGISTRY.get(name), data, path.name, CONTEXT)
        # Nothing is skipped in silence: no signal means at least one rejection.
        assert result.signals or result.rejected or not data.strip(), name


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(EXPORTS),
    name=st.sampled_from(NAMES),
    cut=st.tuples(st.floats(0, 1), st.integers(0, 400)),
    insert=st.binary(max_size=24) | st.sampled_from(NASTY),
)
def test_mangled_fixtures_never_raise(
    path: Path, name: str, cut: tuple[float, int], insert: bytes
) -> None:
    data = path.read_bytes()
    start = int(cut[0] * len(data))
    mangled = data[:start] + insert + data[start + cut[1] :]
    adapter = REGISTRY.get(name)
    result = parse_bytes(adapter, mangled, path.name, CONTEXT)
    assert result.signals or result.rejected or not mangled.strip()
    adapter.detect(sample_from(path.name, mangled))
