"""How counts read in messages: "1 incident", "2 incidents"."""

from __future__ import annotations

import re


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# C0 controls (but tab and newline), DEL, C1 controls, and the characters that
# reorder text right-to-left: shown to a person, they ring bells, move the cursor
# or disguise what a line says.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, shown: str = "<U+{:04X}>") -> str:
    """`text` with control characters shown as their code, e.g. <U+0007>."""
    return _HIDDEN.sub(lambda match: shown.format(ord(match.group())), text)
