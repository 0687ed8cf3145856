from __future__ import annotations

from decimal import Decimal

import pytest

from incidentlore.normalise.adapter import BadRecord
from incidentlore.normalise.fields import (
    compact,
    flattened,
    http_url,
    one_line,
    required_time,
    scalar,
    shown,
    text,
)


def test_one_line() -> None:
    assert one_line("  plain  ") == "plain"
    assert one_line("\n\n first   line \nsecond") == "first line …"
    assert one_line("x" * 300) == "x" * 199 + "…"


def test_scalar_values_as_label_text() -> None:
    assert [scalar(v) for v in ("a", True, None, 7, Decimal("1.50"))] == [
        "a",
        "true",
        "",
        "7",
        "1.50",
    ]
    assert scalar({"b": [1, 2]}) == '{"b": [1, 2]}'


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("1.50", "1.50"),
        ("1e3", "1000"),
        ("-2.5E+4", "-25000"),
        ("0.0001", "0.0001"),
        ("1e20", "100000000000000000000"),
        ("1e-20", "0.00000000000000000001"),
        # More than 20 zeros written out: scientific notation, every digit kept.
        ("1e21", "1E+21"),
        ("1.25e-21", "1.25E-21"),
        ("1e300000000", "1E+300000000"),
        ("0e-300000000", "0E-300000000"),
    ],
)
def test_numbers_keep_their_digits_without_growing(written: str, text: str) -> None:
    value = Decimal(written)
    assert scalar(value) == shown(value) == text
    assert compact([value]) == f"[{text}]"


def test_nested_values_flattened_and_compact() -> None:
    record = {"a": {"b": {"c": 1}, "d": []}, "a.b.c": 2, "e": {}, "f": "x"}
    assert flattened(record) == {"a.b.c": 1, "a.d": [], "e": {}, "f": "x"}
    plain = {"f": "x", "g": [1]}
    assert flattened(plain) is plain
    assert compact([True, None, "é\n", {"k": [Decimal("1.0")]}]) == (
        '[true,null,"é\\n",{"k":[1.0]}]'
    )


def test_required_values_say_what_is_missing() -> None:
    with pytest.raises(BadRecord, match="'id' is missing; expected text"):
        text({}, "id")
    with pytest.raises(BadRecord, match="'id' is an object; expected text"):
        text({"id": {}}, "id")
    with pytest.raises(BadRecord, match="'at' is null; a signal needs a time"):
        required_time({"at": None}, "at")
    assert text({"id": 12}, "id") == "12"


def test_only_http_addresses_are_urls() -> None:
    assert http_url("https://example.com/x") == "https://example.com/x"
    assert http_url("my.prometheusserver.url") is None
    assert http_url(5) is None
