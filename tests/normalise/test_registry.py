from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from incidentlore.errors import LoreError, UsageError
from incidentlore.model.ingest import IngestSettings
from incidentlore.normalise.mapping import MappingAdapter
from incidentlore.normalise.registry import Registry, installed
from incidentlore.normalise.testkit import check_adapter, parse_bytes
from normalise.plugin import install, plugin

__all__ = ["plugin"]

BUILT_IN = [
    "alertmanager",
    "cloudevents",
    "datadog",
    "docker",
    "github",
    "grafana",
    "jsonlines",
    "kubernetes",
    "opsgenie",
    "pagerduty",
    "slack",
    "syslog",
]


def test_the_built_in_adapters_are_entry_points() -> None:
    assert Registry().names() == BUILT_IN
    assert [adapter.name for adapter in Registry().everything()[0]] == BUILT_IN


def test_a_third_party_adapter_is_picked_up(plugin: Path, tmp_path: Path) -> None:
    registry = Registry()
    assert "statusline" in registry.names()
    adapter = registry.get("statusline")
    result = parse_bytes(adapter, b"1609772820|p1|API errors\nbroken\n", "s.txt")
    assert [s.id for s, _ in result.signals] == ["statusline:p1"]
    assert [str(r) for r in result.rejected] == [
        "s.txt:2:1: warning: expected three fields between bars"
    ]
    sample = tmp_path / "status.txt"
    sample.write_text("1609772820|p1|API errors\n1609772880|p2|Recovered\n")
    check_adapter(adapter, [sample])


def _plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    install(tmp_path, line)
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    installed.cache_clear()


def test_an_adapter_that_cannot_load_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plugin(tmp_path, monkeypatch, "statusline = lore_statusline_gone:Adapter")
    try:
        with pytest.raises(LoreError) as error:
            Registry().get("statusline")
        assert str(error.value) == (
            "the adapter 'statusline' (lore_statusline_gone:Adapter) cannot be loaded: "
            "ModuleNotFoundError(\"No module named 'lore_statusline_gone'\")"
        )
        adapters, problems = Registry().everything()
        assert len(adapters) == len(BUILT_IN)
        assert problems == [str(error.value)]
    finally:
        installed.cache_clear()


def test_entry_point_and_adapter_must_agree_on_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plugin(tmp_path, monkeypatch, "status = lore_statusline:StatusAdapter")
    try:
        with pytest.raises(LoreError, match="calls itself 'statusline'; the entry"):
            Registry().get("status")
    finally:
        installed.cache_clear()


def test_unknown_names_and_mappings() -> None:
    settings = IngestSettings.model_validate(
        {
            "mappings": {
                "statuspage": {"format": "csv", "columns": {"a": "at", "b": "summary"}},
                "slack": {"format": "csv", "columns": {"a": "at", "b": "summary"}},
            }
        }
    )
    registry = Registry(settings)
    assert isinstance(registry.get("statuspage"), MappingAdapter)
    with pytest.raises(LoreError, match="'slack' is already the name of an installed"):
        registry.get("slack")
    with pytest.raises(UsageError) as error:
        registry.get("nagios")
    assert str(error.value).startswith(
        "no adapter named 'nagios'; known: alertmanager, cloudevents,"
    )
