from __future__ import annotations

import pytest

from incidentlore.model.signal import Signal, SignalKind
from incidentlore.normalise.adapter import BadRecord, ParseResult, RawFile, new_signal
from incidentlore.normalise.timestamps import read_time


def test_new_signal_equals_a_validated_signal() -> None:
    at = read_time("2024-03-01T02:09:00Z")
    assert at is not None
    made = new_signal(
        id="x:1",
        source="x",
        kind=SignalKind.LOG,
        at=at,
        summary="s",
        labels={"a": "b"},
        url="https://example.com/a",
    )
    checked = Signal.model_validate(made.model_dump())
    assert made.model_dump_json() == checked.model_dump_json()
    assert made.at.start == checked.at.start
    assert made == made.model_copy()
    assert made.model_fields_set == set(Signal.model_fields)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"id": "x: 1"}, "'x: 1' cannot be a signal id"),
        ({"summary": " "}, "the record has nothing to show as a summary"),
        ({"url": "ftp://x"}, r"'ftp://x' is not an http\(s\) address"),
    ],
)
def test_new_signal_refuses_values_a_signal_cannot_hold(
    values: dict[str, str], message: str
) -> None:
    at = read_time("2024-03-01T02:09:00Z")
    assert at is not None
    arguments = {"id": "x:1", "source": "x", "summary": "s", "url": None} | values
    with pytest.raises(BadRecord, match=message):
        new_signal(kind=SignalKind.LOG, at=at, **arguments)  # type: ignore[arg-type]


def test_bytes_that_are_not_utf8_are_noted_and_replaced() -> None:
    result = ParseResult()
    text = RawFile("f.log", "", b"ok\nbad \xff here\n").text(result)
    assert text == "ok\nbad \ufffd here\n"
    assert [str(n) for n in result.notes] == [
        "f.log:2:5: note: byte 0xff is not UTF-8; bytes like it are read as U+FFFD "
        "(the stored file keeps them)"
    ]


def test_a_utf16_file_is_read_after_its_byte_order_mark() -> None:
    result = ParseResult()
    data = "ok\nbad".encode("utf-16") + b"\x00\xd8"  # half of a surrogate pair
    assert RawFile("f.log", "", data).text(result) == "ok\nbad\ufffd"
    assert [str(n) for n in result.notes] == [
        "f.log: note: read as UTF-16 (little-endian), as the byte-order mark it "
        "starts with says",
        "f.log:2:4: note: bytes that are not UTF-16 (half a character, or a lone "
        "surrogate) are read as U+FFFD (the stored file keeps them)",
    ]
