"""Messages for values the models refuse, each at the place it was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import BASE_INCIDENT, example_repository, run_lore

INCIDENT = f"{BASE_INCIDENT}/incident.yaml"
HEAD = "id: INC-2024-0001\ntitle: T\nseverity: SEV2\nstatus: resolved\n"
TIMES = "times:\n  started: 2024-03-05 14:02 UTC\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEAD + "services: checkout\n" + TIMES,
            "5:11: error: services: expected a list, got 'checkout'",
        ),
        (
            HEAD + "title2: x\n" + TIMES,
            "5:9: error: title2: unknown key 'title2'; did you mean 'title'?",
        ),
        (
            HEAD + "summary: [a]\n" + TIMES,
            "5:10: error: summary: expected text, got a list",
        ),
        (
            HEAD + "times: soon\n",
            "5:8: error: times: expected a mapping of keys to values, got 'soon'",
        ),
        (
            HEAD + "tags: ['two words']\n" + TIMES,
            "5:8: error: tags.0: 'two words' is not a usable name: use letters, digits",
        ),
        (HEAD + "impact: ''\n" + TIMES, "ok"),
        (
            HEAD
            + "times:\n  started: {at: 2024-03-05 14:00 UTC, precision: hour, by: me}\n",
            "6:12: error: times.started: unknown key 'by' in a time; "
            "allowed: approximate, at, precision, stated",
        ),
        (
            HEAD + "times:\n  started: {at: 2024-03-05 14:00 UTC, precision: week}\n",
            "6:12: error: times.started: unknown precision 'week'; "
            "use one of second, minute, hour, day, month",
        ),
        (
            HEAD + "times:\n  started: {precision: hour}\n",
            "6:12: error: times.started: a time mapping needs 'at'",
        ),
        (
            HEAD + "times:\n  started: {at: 2024-03-05 14:00 UTC, approximate: yes}\n",
            "6:12: error: times.started: 'yes' is not true or false",
        ),
        (
            HEAD + "times:\n  started: 5\n",
            "6:12: error: times.started: '5' is not a time",
        ),
        (
            HEAD + "times:\n  started: [x]\n",
            "6:12: error: times.started: expected a time such as",
        ),
        (
            HEAD + "timezone: Mars/Base\n" + TIMES,
            "5:11: error: timezone: unknown time zone",
        ),
    ],
)
def test_messages(tmp_path: Path, text: str, message: str) -> None:
    repository = example_repository(tmp_path / "repo", {INCIDENT: text})
    result = run_lore("-C", repository, "validate")
    if message == "ok":
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{INCIDENT}:{message}"), result.stderr


def test_time_mapping_keeps_the_stated_wording(tmp_path: Path) -> None:
    text = (
        HEAD + "times:\n  started: {at: 2024-02-28 09:37 -08:00, stated: 9:37AM PST}\n"
    )
    repository = example_repository(tmp_path / "repo", {INCIDENT: text})
    result = run_lore(
        "-C", repository, "timeline", "INC-2024-0001", "--format", "markdown"
    )
    assert '(stated as "9:37AM PST")' in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "1:1: error: id: required; add 'id:'"),
        (HEAD + "tags: ['']\n" + TIMES, "5:8: error: tags.0: '' is not a usable name"),
        (
            HEAD + "sources: [{title: x, url: 'javascript:alert(1)'}]\n" + TIMES,
            "5:27: error: sources.0.url: 'javascript:alert(1)' is not an http(s) address",
        ),
        (
            HEAD.replace("id: INC-2024-0001", "id: " + "x" * 300) + TIMES,
            "1:5: error: id: 'xxxxxxxx",
        ),
    ],
)
def test_messages_name_the_field_and_stay_short(
    tmp_path: Path, text: str, message: str
) -> None:
    repository = example_repository(tmp_path / "repo", {INCIDENT: text})
    result = run_lore("-C", repository, "validate")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{INCIDENT}:{message}"), result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 400


POSTMORTEM = f"{BASE_INCIDENT}/postmortem.yaml"


@pytest.mark.parametrize(
    ("due", "message"),
    [
        ("1767225600", "'1767225600' is not a date; write it as YYYY-MM-DD"),
        ("2026-01-01T00:00:00+05:00", "is not a date; write it as YYYY-MM-DD"),
        ("2026-02-30", "'2026-02-30' is not a real date"),
    ],
)
def test_dates_are_only_yyyy_mm_dd(tmp_path: Path, due: str, message: str) -> None:
    text = f"action_items:\n  - id: AI-1\n    title: x\n    due: '{due}'\n"
    repository = example_repository(tmp_path / "repo", {POSTMORTEM: text})
    result = run_lore("-C", repository, "validate")
    assert result.exit_code == 1
    assert message in result.stderr
