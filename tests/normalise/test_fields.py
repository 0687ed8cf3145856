from __future__ import annotations

from decimal import Decimal

import pytest

from incidentlore.normalise.adapter import BadRecord
from incidentlore.normalise.fields import (
    http_url,
    one_line,
    required_time,
    scalar,
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
