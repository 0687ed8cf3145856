"""New YAML text for values that a command adds: quoted only where YAML needs it."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping, Sequence
from typing import TypeAlias

import yaml

# What a command writes: text, lists and mappings of them, or nothing (an empty value,
# `key:`). Mappings keep their order.
Value: TypeAlias = str | Sequence["Value"] | Mapping[str, "Value"] | None

_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# YAML 1.1 (PyYAML, many editors) reads these plain words as booleans or numbers; other
# tools would then see something else than the text the command was given.
_RESOLVER = yaml.resolver.Resolver()
_ANALYSER = yaml.emitter.Emitter(io.StringIO())
# New lists of plain words are written in flow style ([a, b]) when they fit this width.
SHORT_LINE = 72
# A new {...} item in a list of them must fit this width; a longer one gets block style.
LINE_WIDTH = 88


def _plain_reads_as_text(text: str) -> bool:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag in (_STR_TAG, _TIMESTAMP_TAG)


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Characters YAML does not allow raw in a file (DEL, the C1 controls, a byte-order
# mark) or reads as line breaks (NEL, U+2028, U+2029). JSON writes the other controls
# as escapes already.
_NEVER_RAW = "\x7f-\x9f\u2028\u2029\ufeff"
_UNWRITABLE = re.compile(f"[{_NEVER_RAW}]")
# What only a double-quoted scalar can hold: the above, and the controls.
_ESCAPED_ONLY = re.compile(f"[\x00-\x08\x0b-\x1f{_NEVER_RAW}]")


def double_quoted(text: str) -> str:
    # JSON's escapes are a subset of YAML's, so a JSON string is a valid YAML scalar.
    written = json.dumps(text, ensure_ascii=False)
    return _UNWRITABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", written)


def fits_block(text: str) -> bool:
    """Whether a literal block (|-) reads back as exactly `text`."""
    if text.endswith("\n") or _ESCAPED_ONLY.search(text):
        return False
    first = next((line for line in text.split("\n") if line), "")
    # A block's indentation is taken from its first line with content.
    return not first.startswith((" ", "\t"))


def scalar(text: str, *, flow: bool = False, style: str | None = None) -> str:
    """`text` as one line of YAML: plain when that reads back as the same text.

    `style` is the quoting of the value being replaced ("'" or '"'), kept when it can
    hold the new text.
    """
    analysis = _ANALYSER.analyze_scalar(text)
    one_line = "\n" not in text and "\r" not in text
    if style == '"' or _ESCAPED_ONLY.search(text):
        return double_quoted(text)
    if style == "'" and one_line and analysis.allow_single_quoted:
        return single_quoted(text)
    plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    if text and plain and one_line and _plain_reads_as_text(text):
        return text
    if one_line and analysis.allow_single_quoted:
        return single_quoted(text)
    return double_quoted(text)


def block_scalar(text: str, indent: int, indicator: str, newline: str) -> str:
    """A literal (|) or folded (>) block, its lines indented by `indent` spaces."""
    lines = text.split("\n")
    if indicator == ">" and len(lines) > 1:
        indicator = "|"  # folding would join the lines that the text keeps apart
    body = newline.join((" " * indent + line) if line else "" for line in lines)
    return f"{indicator}-{newline}{body}"


def flow(value: Value) -> str:
    """`value` in flow style: [a, b] or {key: value}."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return scalar(value, flow=True)
    if isinstance(value, Mapping):
        inner = ", ".join(
            f"{scalar(k, flow=True)}: {flow(v)}" for k, v in value.items()
        )
        return "{" + inner + "}"
    return "[" + ", ".join(flow(item) for item in value) + "]"


def after_key(value: Value, indent: int, sequence_offset: int, newline: str) -> str:
    """What follows `key:` for `value`, whose own lines start at `indent` spaces."""
    if value is None:
        return ""
    if isinstance(value, str):
        if "\n" in value and fits_block(value):
            return " " + block_scalar(value, indent + 2, "|", newline)
        return " " + scalar(value)
    if not value or _short_list(value, indent):
        return " " + flow(value)
    if isinstance(value, Mapping):
        return newline + block_mapping(value, indent + 2, sequence_offset, newline)
    lines = [
        sequence_item(item, indent + sequence_offset, 1, sequence_offset, newline)
        for item in value
    ]
    return newline + newline.join(lines)


def _short_list(value: Value, indent: int) -> bool:
    """A list of a few words reads best on one line, as [a, b]."""
    if value is None or isinstance(value, str | Mapping):
        return False
    if not all(isinstance(item, str) and "\n" not in item for item in value):
        return False
    return indent + len(flow(value)) <= SHORT_LINE


def block_mapping(
    value: Mapping[str, Value], indent: int, sequence_offset: int, newline: str
) -> str:
    return newline.join(
        " " * indent
        + scalar(key)
        + ":"
        + after_key(item, indent, sequence_offset, newline)
        for key, item in value.items()
    )


def sequence_item(
    item: Value, dash: int, gap: int, sequence_offset: int, newline: str
) -> str:
    """One block sequence item: the dash at column `dash`, `gap` spaces after it."""
    content = dash + 1 + gap
    prefix = " " * dash + "-" + " " * gap
    if isinstance(item, Mapping) and item:
        text = block_mapping(item, content, sequence_offset, newline)
        return prefix + text[content:]
    if isinstance(item, str) and "\n" in item and fits_block(item):
        return prefix + block_scalar(item, content, "|", newline)
    return prefix + (scalar(item) if isinstance(item, str) else flow(item))
