from __future__ import annotations

import pytest

from incidentlore.author.yamlrender import (
    after_key,
    block_scalar,
    flow,
    scalar,
    sequence_item,
)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Rolled back 4.2.1", "Rolled back 4.2.1"),
        ("2026-11-30 15:40 Europe/Berlin", "2026-11-30 15:40 Europe/Berlin"),
        ("2026-12-15", "2026-12-15"),
        ("Rolled back: the deploy", "'Rolled back: the deploy'"),
        ("#payments", "'#payments'"),
        ("it's fine", "it's fine"),
        ("- leading dash", "'- leading dash'"),
        (" padded", "' padded'"),
        ("", "''"),
        # Words and numbers that YAML 1.1 readers would not read as text.
        ("yes", "'yes'"),
        ("off", "'off'"),
        ("null", "'null'"),
        ("~", "'~'"),
        ("12", "'12'"),
        ("1.5", "'1.5'"),
        ("15:40", "'15:40'"),
        ("tab\there", '"tab\\there"'),
    ],
)
def test_scalar_is_plain_unless_yaml_needs_quotes(text: str, written: str) -> None:
    assert scalar(text) == written


def test_scalar_keeps_the_replaced_values_quotes() -> None:
    assert scalar("SEV1", style="'") == "'SEV1'"
    assert scalar("SEV1", style='"') == '"SEV1"'
    assert scalar("two\nlines", style="'") == '"two\\nlines"'


def test_scalar_in_flow_quotes_commas() -> None:
    assert scalar("a, b") == "a, b"
    assert scalar("a, b", flow=True) == "'a, b'"


def test_block_scalar_indents_every_line_and_never_folds_lines_apart() -> None:
    assert block_scalar("one\n\ntwo", 4, "|", "\n") == "|-\n    one\n\n    two"
    assert block_scalar("one line", 2, ">", "\n") == ">-\n  one line"
    assert block_scalar("one\ntwo", 2, ">", "\n") == "|-\n  one\n  two"


def test_flow() -> None:
    assert flow(["a", "b, c"]) == "[a, 'b, c']"
    assert flow({"id": "AI-3", "title": "Fix: it"}) == "{id: AI-3, title: 'Fix: it'}"
    assert flow([]) == "[]"
    assert flow(None) == "null"


def test_after_key_writes_short_word_lists_in_flow_and_mappings_in_block() -> None:
    assert after_key(["N1", "N2"], 2, 2, "\n") == " [N1, N2]"
    assert after_key([{"a": "1"}], 0, 2, "\n") == "\n  - a: '1'"
    assert after_key([{"a": "x"}], 0, 0, "\n") == "\n- a: x"
    assert after_key({"hidden": ["x"]}, 0, 2, "\n") == "\n  hidden: [x]"
    assert after_key(None, 0, 2, "\n") == ""
    assert after_key("one\ntwo", 2, 2, "\r\n") == " |-\r\n    one\r\n    two"
    long = [f"signal-number-{n}" for n in range(6)]
    assert after_key(long, 0, 2, "\n") == "\n" + "\n".join(f"  - {s}" for s in long)


def test_sequence_item() -> None:
    item = {"id": "N3", "text": "a\nb"}
    assert (
        sequence_item(item, 2, 1, 2, "\n")
        == "  - id: N3\n    text: |-\n      a\n      b"
    )
    assert sequence_item("x", 0, 3, 2, "\n") == "-   x"
