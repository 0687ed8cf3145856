from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from incidentlore.errors import UsageError
from incidentlore.normalise.detect import Guess, detect
from normalise.corpus import REGISTRY, fixture


@pytest.mark.parametrize(
    ("parts", "source"),
    [
        (("alertmanager", "firing-two-alerts-offset-nanos.json"), "alertmanager"),
        (("grafana", "go-time-strings-no-status.json"), "grafana"),
        (("pagerduty", "v3-incident-annotated-note.json"), "pagerduty"),
        (("opsgenie", "alert-create.json"), "opsgenie"),
        (("github", "deployment-created.json"), "github"),
        (("kubernetes", "eventlist-crashloop-backoff.json"), "kubernetes"),
        (("slack", "export"), "slack"),
        (("slack", "thread-replies-out-of-order.json"), "slack"),
        (("datadog", "webhook-triggered-host-scope.json"), "datadog"),
        (("cloudevents", "structured-no-time-base64-data.json"), "cloudevents"),
        (("logs", "docker-json-file-corrupted-line.log"), "docker"),
        (("logs", "syslog-bsd-no-year-multiline.log"), "syslog"),
        (("logs", "syslog-iso-tz-offsets.log"), "syslog"),
        (("logs", "es-json-mixed-plaintext-multiline.log"), "jsonlines"),
    ],
)
def test_every_fixture_is_recognised(parts: tuple[str, ...], source: str) -> None:
    chosen = detect(fixture(*parts), REGISTRY).chosen
    assert chosen is not None and chosen.source == source


def test_grafana_wins_over_alertmanager_and_says_why() -> None:
    found = detect(fixture("grafana", "mixed-firing-resolved-group.json"), REGISTRY)
    assert found.guesses == (
        Guess(
            "grafana",
            95,
            "an 'alerts' list with Grafana's fields 'orgId', "
            "'truncatedAlerts', 'silenceURL'",
        ),
        Guess("alertmanager", 30, "an 'alerts' list, but with Grafana's fields"),
    )


def test_a_zipped_export_and_a_missing_file(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(fixture("slack", "export", "users.json"), "Export/users.json")
    chosen = detect(archive, REGISTRY).chosen
    assert chosen == Guess("slack", 95, "an export folder with users.json")
    with pytest.raises(UsageError, match="no such file"):
        detect(tmp_path / "gone.json", REGISTRY)
