from __future__ import annotations

from incidentlore.normalise.adapter import IDENTIFIER
from incidentlore.normalise.ids import digest, signal_id


def test_plain_parts_stay_readable() -> None:
    assert signal_id("slack", "random", "1516454398.000069") == (
        "slack:random:1516454398.000069"
    )


def test_other_characters_are_written_as_hex_bytes() -> None:
    made = signal_id("cloudevents", "urn:event from?x=1", "é+")
    assert made == "cloudevents:urn:event+20from+3Fx+3D1:+C3+A9+2B"
    assert IDENTIFIER.fullmatch(made)
    assert signal_id("x", "a b") != signal_id("x", "a+20b")


def test_long_ids_end_in_a_digest() -> None:
    made = signal_id("x", "y" * 300)
    assert len(made) == 200
    assert made.endswith("+" + digest("y" * 300))
    assert made != signal_id("x", "y" * 299 + "z")
