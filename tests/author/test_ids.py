from __future__ import annotations

from incidentlore.author.ids import next_id, next_numbered, slugify


def test_next_id_counts_per_year() -> None:
    taken = ["INC-2025-0009", "INC-2026-0002", "INC-2026-0010", "OTHER-1"]
    assert next_id("INC-{year}-{seq:04}", 2026, taken) == "INC-2026-0011"
    assert next_id("INC-{year}-{seq:04}", 2027, taken) == "INC-2027-0001"


def test_next_id_without_a_year_counts_over_all() -> None:
    assert next_id("OPS-{seq}", 2026, ["OPS-7", "OPS-12", "INC-2026-0001"]) == "OPS-13"
    assert next_id("OPS-{seq:03}", 2026, []) == "OPS-001"


def test_next_numbered_skips_ids_that_signals_hold() -> None:
    assert next_numbered("N", {"N1", "N2", "alert-1"}) == "N3"
    assert next_numbered("N", {"N1", "N3"}) == "N4"
    assert next_numbered("N", set()) == "N1"
    assert next_numbered("AI-", {"AI-2", "N9"}) == "AI-3"


def test_slugify() -> None:
    assert (
        slugify("Checkout errors after the 4.2.1 deploy")
        == "checkout-errors-after-the-4-2-1-deploy"
    )
    assert slugify("Zürich DC: Überlast!") == "zurich-dc-uberlast"
    assert slugify("A very long title that goes on and on about the database") == (
        "a-very-long-title-that-goes-on-and-on"
    )
    assert slugify("日本語") == ""
    assert slugify("x" * 50) == "x" * 40
