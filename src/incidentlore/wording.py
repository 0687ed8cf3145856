"""How counts read in messages: "1 incident", "2 incidents"."""

from __future__ import annotations

import re


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# C0 controls (but tab and newline), DEL, C1 controls, the characters that reorder
# text right-to-left, and lone surrogates (bytes of a file name that are not UTF-8):
# shown to a person, they ring bells, move the cursor, disguise what a line says or
# reach the terminal as raw bytes.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable(text: str, shown: str = "<U+{:04X}>") -> str:
    """`text` with control characters shown as their code, e.g. <U+0007>."""
    return _HIDDEN.sub(lambda match: shown.format(ord(match.group())), text)


def printable_line(text: str) -> str:
    """`printable`, with line breaks shown too: for a name that must stay on one line
    (a path), where a break would start a line that CI could read as a command."""
    return printable(text).replace("\n", "<U+000A>")
