from __future__ import annotations

import json
from decimal import Decimal

import pytest

from incidentlore.normalise.jsondoc import Broken, Document, Lines, documents, loads


def test_positions_of_records_in_one_document() -> None:
    text = '{\n  "alerts": [\n    {"a": 1},\n    {"b": 2.50}\n  ]\n}\n'
    (found,) = documents(text)
    assert isinstance(found, Document)
    assert found.value == {"alerts": [{"a": 1}, {"b": Decimal("2.50")}]}
    lines = Lines(text)
    assert lines.at(found.offsets[("alerts", 0)]) == (3, 5)
    assert lines.at(found.offsets[("alerts", 1)]) == (4, 5)


def test_documents_one_after_another_and_a_broken_one_between() -> None:
    text = '{"a": 1}\n{"b": \n{"c": 3}\n[1, 2]'
    found = list(documents(text))
    broken = found[1]
    assert isinstance(broken, Broken)
    assert Lines(text).at(broken.offset) == (2, 1)
    assert broken.reason == (
        "not valid JSON: Expecting ',' delimiter at line 4 column 1"
    )
    values = [item.value for item in found if isinstance(item, Document)]
    assert values == [{"a": 1}, {"c": 3}, [1, 2]]


def test_truncated_document_says_so() -> None:
    (found,) = documents('{"alerts": [{"labels": {"a"')
    assert isinstance(found, Broken)
    assert found.reason == (
        "not valid JSON: the text ends in the middle of a value (truncated?)"
    )
    (bad,) = documents('{"alerts" 1}')
    assert isinstance(bad, Broken)
    assert bad.reason == "not valid JSON: Expecting ':' delimiter at line 1 column 11"
    (cut,) = documents('{"alerts": [')
    assert isinstance(cut, Broken)
    assert cut.reason == (
        "not valid JSON: the text ends in the middle of a value (truncated?)"
    )


def test_nesting_too_deep_is_an_error_not_a_crash() -> None:
    (found,) = documents("[" * 100_000 + "]" * 100_000)
    assert isinstance(found, Broken)
    assert found.reason == "not valid JSON: nested too deeply at line 1 column 4"
    with pytest.raises(json.JSONDecodeError, match="nested too deeply"):
        loads("[" * 100_000)
