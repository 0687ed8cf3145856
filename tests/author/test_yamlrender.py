from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentlore.author.yamlrender import (
    after_key,
    block_scalar,
    flow,
    scalar,
    sequence_item,
)
from incidentlore.load.yamlfile import read_yaml


def _read_back(text: str) -> object:
    document = read_yaml(Path("x.yaml"), "x.yaml", text.encode("utf-8"))
    assert isinstance(document.data, dict)
    return document.data["key"]


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


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("next\x85line", '"next\\u0085line"'),
        ("del\x7f", '"del\\u007f"'),
        ("c1 \x9b", '"c1 \\u009b"'),
        ("para\u2029graph", '"para\\u2029graph"'),
        ("bom\ufeff", '"bom\\ufeff"'),
        ("escape \x1b[31m", '"escape \\u001b[31m"'),
        ("two\nlines", "|-\n  two\n  lines"),
        ("ends in a break\n", '"ends in a break\\n"'),
        ("  indented\nsecond", '"  indented\\nsecond"'),
        ("bell\x07\nsecond", '"bell\\u0007\\nsecond"'),
    ],
)
def test_text_yaml_cannot_hold_raw_is_escaped(text: str, written: str) -> None:
    assert after_key(text, 0, 2, "\n") == " " + written
    assert _read_back("key:" + after_key(text, 0, 2, "\n")) == text


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs"])))
def test_every_text_reads_back_as_written(text: str) -> None:
    assert _read_back("key:" + after_key(text, 0, 2, "\n") + "\n") == text
    item = sequence_item(text, 2, 1, 2, "\n")
    assert read_yaml(Path("x.yaml"), "x.yaml", f"key:\n{item}\n".encode()).data == {
        "key": [text]
    }
