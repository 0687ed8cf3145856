from __future__ import annotations

from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, rows, utc


def test_every_file_passes_the_adapter_checks() -> None:
    check_adapter(REGISTRY.get("datadog"), sorted(fixture("datadog").glob("*.json")))


def test_flap_recovered_before_triggered() -> None:
    recovered = read("datadog", "datadog", "webhook-recovered-host-scope.json")
    triggered = read("datadog", "datadog", "webhook-triggered-host-scope.json")
    assert rows(recovered) + rows(triggered) == [
        ("datadog:3089903685627551077", utc(2015, 11, 25, 7, 11, 17), None),
        ("datadog:3089904566766935419", utc(2015, 11, 25, 7, 12, 10), None),
    ]
    signal = recovered.signals[0][0]
    assert signal.at.text == "1448435477000"
    assert signal.summary == (
        "[Recovered on {host:i-3b93aafb}] Dock is almost out of memory..."
    )
    assert signal.labels["host"] == "i-3b93aafb"
    assert signal.labels["security-group"] == "sg-59a3503c,sg-cb8e7dae"
    assert "secret" not in signal.labels
    assert signal.url == "https://app.datadoghq.com/event/event?id=3089903685627551077"
