from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.emit.markdown import autolink, block, cell
from support import BASE_INCIDENT, example_repository, run_lore


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("line one\nline two\n", "line one<br>line two"),
        ("<script>", "&lt;script&gt;"),
        ("C:\\path", "C:\\\\path"),
        (None, ""),
    ],
)
def test_cell(text: str | None, expected: str) -> None:
    assert cell(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=c", "<https://example.com/a?b=c>"),
        ("https://t.example/q?a|b>c<d", "<https://t.example/q?a%7Cb%3Ec%3Cd>"),
        (None, ""),
    ],
)
def test_autolink(url: str | None, expected: str) -> None:
    assert autolink(url) == expected


def test_block_keeps_line_breaks() -> None:
    assert block(" one\n<two>\n") == "one\n&lt;two&gt;"


def test_repository_templates_override_the_shipped_ones(tmp_path: Path) -> None:
    files = {"templates/incident.md.j2": "{{ incident.id }} in {{ zone_name }}\n"}
    repository = example_repository(tmp_path / "repo", files)
    assert run_lore("-C", repository, "build").exit_code == 0
    page = repository / "build" / "incidents" / "INC-2024-0001.md"
    assert page.read_text() == "INC-2024-0001 in Europe/Berlin\n"


def test_template_syntax_error_names_the_line(tmp_path: Path) -> None:
    files = {"templates/index.md.j2": "# Incidents\n\n{% for x in incidents %}\n"}
    repository = example_repository(tmp_path / "repo", files)
    result = run_lore("-C", repository, "build")
    assert (result.exit_code, result.stderr) == (
        1,
        "templates/index.md.j2:3:1: error: template error: Unexpected end of template. "
        "Jinja was looking for the following tags: 'endfor' or 'else'. The innermost "
        "block that needs to be closed is 'for'.\n1 error\n",
    )
    assert not (repository / "build").exists()


def test_pipe_and_newline_stay_in_one_cell(tmp_path: Path) -> None:
    files = {
        f"{BASE_INCIDENT}/signals.yaml": (
            "signals:\n  - id: deploy-481\n    kind: deploy\n    at: 2024-03-05T13:01:00Z\n"
            '    summary: "a | b\\nsecond line"\n'
        )
    }
    repository = example_repository(tmp_path / "repo", files)
    assert run_lore("-C", repository, "build").exit_code == 0
    page = (repository / "build" / "incidents" / "INC-2024-0001.md").read_text()
    assert "| deploy | manual | a \\| b<br>second line |" in page


def test_control_characters_are_shown_not_obeyed() -> None:
    assert (
        cell("bell\x07 and \u202eevil") == "bell&lt;U+0007&gt; and &lt;U+202E&gt;evil"
    )
    assert block("esc\x1b[31m") == "esc&lt;U+001B&gt;[31m"


def test_the_index_page_counts_in_words(tmp_path: Path) -> None:
    repository = example_repository(tmp_path / "repo")
    assert run_lore("-C", repository, "build").exit_code == 0
    page = (repository / "build" / "README.md").read_text()
    assert "1 incident; times in Europe/Berlin." in page


@pytest.mark.parametrize(
    "expression",
    [
        "incident.__class__.__mro__",
        "rows[0].entry.__class__",
        "rows[0].entry.at.__class__",
        "incident.times.present.__func__.__globals__",
    ],
)
def test_templates_cannot_reach_into_python(tmp_path: Path, expression: str) -> None:
    files = {"templates/incident.md.j2": "{{ " + expression + " }}\n"}
    repository = example_repository(tmp_path / "repo", files)
    result = run_lore("-C", repository, "build")
    assert result.exit_code == 1
    assert "is unsafe" in result.stderr
