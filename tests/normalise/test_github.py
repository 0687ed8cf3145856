from __future__ import annotations

from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, rows, utc


def test_every_file_passes_the_adapter_checks() -> None:
    check_adapter(REGISTRY.get("github"), sorted(fixture("github").glob("*.json")))


def test_deployment_created() -> None:
    result = read("github", "github", "deployment-created.json")
    assert rows(result) == [
        ("github:deployment:145988746", utc(2019, 5, 15, 15, 20, 53), None)
    ]
    signal = result.signals[0][0]
    assert (
        signal.summary == "Deployment 145988746 of master@f95f852 to production created"
    )
    assert signal.labels["environment"] == "production"


def test_statuses_with_reused_ids_stay_apart() -> None:
    success = read("github", "github", "deployment-status-success.json")
    pages = read("github", "github", "deployment-status-in-progress-pages-bot.json")
    assert rows(success) + rows(pages) == [
        (
            "github:deployment:145988746:status:209916254:success",
            utc(2019, 5, 15, 15, 20, 55),
            None,
        ),
        (
            "github:deployment:145988746:status:209916254:in_progress",
            utc(2022, 1, 3, 1, 28, 40),
            None,
        ),
    ]
    assert pages.signals[0][0].summary == (
        "Deployment 145988746 of master@f95f852 to github-pages: in_progress"
    )
    assert pages.signals[0][0].url == (
        "https://github.com/Codertocat/Hello-World/runs/145988746?check_suite_focus=true"
    )
