"""Signal ids from a source's own identity, never from a position in a file."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from incidentlore.model.times import Instant
from incidentlore.normalise.adapter import MAX_ID_LENGTH

# An export may escape half of a UTF-16 pair (\\ud800); such a record is rejected
# later, but its id must still be computable without an error.
_KEEP = "surrogatepass"

_SAFE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:/@-"
)
_FNV_OFFSET = 14695981039346656037
_FNV_PRIME = 1099511628211
_SEPARATOR = 0xFF


def signal_id(source: str, *parts: str) -> str:
    """`source:part:part`; characters an id cannot hold are written +XX (hex bytes)."""
    text = ":".join((source, *(_escape(part) for part in parts)))
    if len(text) <= MAX_ID_LENGTH:
        return text
    # Too long to show whole: keep a readable start and make the rest a digest.
    return f"{text[: MAX_ID_LENGTH - 17]}+{digest(*parts)}"


def _escape(part: str) -> str:
    if all(char in _SAFE for char in part):
        return part
    return "".join(
        char
        if char in _SAFE
        else "".join(f"+{b:02X}" for b in char.encode(errors=_KEEP))
        for char in part
    )


def digest(*parts: str | bytes) -> str:
    """Sixteen hex digits of SHA-256 over the parts."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode(errors=_KEEP) if isinstance(part, str) else part)
        hasher.update(b"\x00")
    return hasher.hexdigest()[:16]


def label_fingerprint(labels: Mapping[str, str]) -> str:
    """Alertmanager's fingerprint of a label set: FNV-1a 64 over sorted names."""
    value = _FNV_OFFSET
    for name in sorted(labels):
        for chunk in (name.encode(errors=_KEEP), labels[name].encode(errors=_KEEP)):
            for byte in (*chunk, _SEPARATOR):
                value = ((value ^ byte) * _FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def instant_key(instant: Instant) -> str:
    """The UTC instant in compact form, as precise as the source wrote it."""
    moment = instant.start
    text = moment.strftime("%Y%m%dT%H%M%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    return text + "Z"
