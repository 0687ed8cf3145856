from __future__ import annotations

from pathlib import Path

import pytest

from incidentlore.errors import ProblemsFound
from incidentlore.load.yamlfile import Document, locate, read_yaml


def read(tmp_path: Path, text: str | bytes) -> Document:
    path = tmp_path / "file.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return read_yaml(path, "file.yaml")


def problems(tmp_path: Path, text: str | bytes) -> list[str]:
    with pytest.raises(ProblemsFound) as found:
        read(tmp_path, text)
    return [str(d) for d in found.value.diagnostics]


def test_scalars_stay_as_written(tmp_path: Path) -> None:
    text = "a: NO\nb: on\nc: 14:30\nd: 2024-01-05\ne: 0x1F\nf: 1e3\ng: 'null'\n"
    assert read(tmp_path, text).data == {
        "a": "NO",
        "b": "on",
        "c": "14:30",
        "d": "2024-01-05",
        "e": "0x1F",
        "f": "1e3",
        "g": "null",
    }


def test_plain_null_forms(tmp_path: Path) -> None:
    assert read(tmp_path, "a: ~\nb: null\nc:\nd: Null\n").data == {
        "a": None,
        "b": None,
        "c": None,
        "d": None,
    }


def test_merge_keys_do_not_override_explicit_keys(tmp_path: Path) -> None:
    text = "base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n"
    assert read(tmp_path, text).data["thing"] == {"y": "3", "x": "1"}


def test_positions_of_shallow_entries(tmp_path: Path) -> None:
    document = read(tmp_path, "signals:\n  - id: a\n    at: x\n  - id: b\n")
    assert str(document.location(("signals", 1))) == "file.yaml:4:5"
    assert str(document.location(("signals", 0, "at"))) == "file.yaml:3:9"


def test_locate_stops_at_the_closest_parent(tmp_path: Path) -> None:
    read(tmp_path, "a:\n  b: 1\n")
    location = locate(tmp_path / "file.yaml", "file.yaml", ("a", "missing", 3))
    assert str(location) == "file.yaml:2:3"


def test_byte_order_mark(tmp_path: Path) -> None:
    assert read(tmp_path, b"\xef\xbb\xbfa: 1\n").data == {"a": "1"}


def test_empty_file(tmp_path: Path) -> None:
    assert read(tmp_path, "").data is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: 1\nb: 2\na: 3\n",
            [
                "file.yaml:3:1: error: duplicate key 'a' (first at line 1); keep one of them"
                "\nfile.yaml:1:1: note: first defined here"
            ],
        ),
        (
            "a: !Ref x\n",
            [
                "file.yaml:1:4: error: custom YAML tag '!Ref' is not supported; remove it"
            ],
        ),
        (
            "a: &a [*a]\n",
            ["file.yaml:1:4: error: recursive alias: an anchor refers to itself"],
        ),
        (
            "? [1, 2]\n: x\n",
            ["file.yaml:1:3: error: a mapping key must be a plain, non-empty name"],
        ),
        (
            "a: 1\n---\nb: 2\n",
            [
                "file.yaml:2:1: error: invalid YAML: expected a single document in the "
                "stream but found another document; keep one YAML document per file "
                "(remove the extra '---')"
            ],
        ),
        (
            b"a: caf\xe9\n",
            [
                "file.yaml:1:7: error: byte 0xe9 is not valid UTF-8; save the file as UTF-8"
            ],
        ),
    ],
)
def test_rejected_documents(
    tmp_path: Path, text: str | bytes, expected: list[str]
) -> None:
    assert problems(tmp_path, text) == expected


def test_alias_bomb_fails_before_expanding(tmp_path: Path) -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    (message,) = problems(tmp_path, "\n".join(lines) + "\n")
    assert message == (
        "file.yaml:3:4: error: aliases repeat more than 10,000 values in this "
        "document; write the values out or use fewer nested aliases"
    )


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    text = "defaults: &d {team: payments}\na: *d\nb: *d\n"
    assert read(tmp_path, text).data["b"] == {"team": "payments"}


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    (message,) = problems(tmp_path, "a: " + "[" * 70 + "]" * 70 + "\n")
    assert message.endswith("error: nesting deeper than 64 levels")


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ProblemsFound) as found:
        read_yaml(tmp_path / "missing.yaml", "missing.yaml")
    assert str(found.value.diagnostics[0]) == (
        "missing.yaml: error: cannot read file: No such file or directory"
    )
