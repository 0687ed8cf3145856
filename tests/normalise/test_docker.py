from __future__ import annotations

from incidentlore.normalise.testkit import check_adapter
from normalise.corpus import REGISTRY, fixture, read, read_text, rejected, rows, utc


def test_the_file_passes_the_adapter_checks() -> None:
    check_adapter(
        REGISTRY.get("docker"), [fixture("logs", "docker-json-file-corrupted-line.log")]
    )


def test_lines_and_the_corrupted_one() -> None:
    result = read("docker", "logs", "docker-json-file-corrupted-line.log")
    assert len(result.signals) == 20
    assert rejected(result) == [
        "docker-json-file-corrupted-line.log:7:1: warning: not a json-file log line: "
        "it does not start with '{' (corrupted?)"
    ]
    eight_digits = [s for s, where in result.signals if where.line == 12]
    assert [(s.at.text, s.at.start) for s in eight_digits] == [
        ("2016-03-02T22:59:04.66649744Z", utc(2016, 3, 2, 22, 59, 4, 666497))
    ]
    first, _ = result.signals[0]
    assert (first.id, first.summary, first.labels) == (
        "docker:427f8b6d839466a7",
        "Fetching main repository github.com/elastic/beats...",
        {"stream": "stdout"},
    )


def test_pieces_of_a_long_line_are_joined() -> None:
    result = read_text(
        "docker",
        '{"log":"first half, ","stream":"stdout","time":"2020-01-01T00:00:00.1Z"}\n'
        '{"log":"other stream\\n","stream":"stderr","time":"2020-01-01T00:00:00.2Z"}\n'
        '{"log":"second half\\n","stream":"stdout","time":"2020-01-01T00:00:00.3Z"}\n',
    )
    assert [(s.summary, where.line) for s, where in result.signals] == [
        ("other stream", 2),
        ("first half, second half", 1),
    ]
    assert rows(result)[1][1] == utc(2020, 1, 1, 0, 0, 0, 100000)
