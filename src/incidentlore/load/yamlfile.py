"""Strict YAML reading: every scalar stays the text that was written.

YAML 1.1 resolves `NO` to false, `14:30` to 870 and `2024-01-05` to a date. Here only
plain `null`, `~` and empty values become None; everything else reaches the models as
the string the author typed, and the models decide what it means. Duplicate keys,
custom tags and runaway alias expansion are errors that name the place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from incidentlore.errors import Diagnostic, Location, ProblemsFound

NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"

# Aliases may repeat at most this many values in one document beyond what is written.
ALIAS_BUDGET = 10_000
MAX_DEPTH = 64
# Positions are kept down to this depth (signals[3] and times.started are depth 2) so
# that every timeline entry can say which line it came from without reading again.
KEPT_POSITION_DEPTH = 2

PathKey = tuple[str | int, ...]


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"


class _Resolver(yaml.resolver.BaseResolver):
    """Tags only what the loader acts on: plain nulls and the merge key."""

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0] and value in _NULLS:
                return NULL_TAG
            if implicit[0] and value == "<<":
                return MERGE_TAG
            return STR_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG

    # Path resolvers are never used here; the parser calls these for every node.
    def descend_resolver(
        self, current_node: Node | None, current_index: object
    ) -> None:
        return

    def ascend_resolver(self) -> None:
        return


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Composer(CParser, _Resolver):
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Resolver.__init__(self)

else:  # pragma: no cover - the C library ships with every wheel we test on

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Resolver,
    ):
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


@dataclass(frozen=True, slots=True)
class Document:
    """One YAML file as plain data, with the positions of its top-level entries."""

    path: Path
    name: str
    data: Any
    positions: dict[PathKey, tuple[int, int]]

    def location(self, key: PathKey = ()) -> Location:
        """Where `key` is written; deeper paths are found by reading the file again."""
        found = self.positions.get(key)
        if found is not None:
            return Location(self.name, *found)
        return locate(self.path, self.name, key)


def read_yaml(path: Path, name: str, raw: bytes | None = None) -> Document:
    """Read one file strictly; raise ProblemsFound naming every place that is wrong.

    `raw` is the file's content when it is already in memory (a committed version).
    """
    root = _compose(path, name, raw)
    reader = _Converter(name)
    data = reader.convert(root) if root is not None else None
    if reader.problems:
        raise ProblemsFound(reader.problems)
    return Document(path, name, data, reader.positions)


def locate(path: Path, name: str, key: PathKey) -> Location:
    """The position of the value at `key`, or of its closest existing parent."""
    try:
        node = _compose(path, name)
    except ProblemsFound:
        return Location(name)
    if node is None:
        return Location(name, 1, 1)
    for part in key:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return Location(name, node.start_mark.line + 1, node.start_mark.column + 1)


def _child(node: Node, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == part:
                return value_node  # type: ignore[no-any-return]
    if (
        isinstance(node, SequenceNode)
        and isinstance(part, int)
        and part < len(node.value)
    ):
        return node.value[part]  # type: ignore[no-any-return]
    return None


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text, a leading byte-order mark dropped; bad bytes are a located error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = (
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8"
        )
        raise ProblemsFound(
            [Diagnostic(Location(name, line, column), message)]
        ) from None


def _compose(path: Path, name: str, raw: bytes | None = None) -> Node | None:
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as error:
        message = f"cannot read file: {error.strerror}"
        raise ProblemsFound([Diagnostic(Location(name), message)]) from None
    text = decode(raw, name)
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise ProblemsFound([_syntax_problem(error, name)]) from None
    except yaml.reader.ReaderError as error:
        raise ProblemsFound([_character_problem(error, text, name)]) from None
    except yaml.YAMLError as error:
        raise ProblemsFound(
            [Diagnostic(Location(name), f"invalid YAML: {error}")]
        ) from None
    finally:
        composer.dispose()


def _character_problem(
    error: yaml.reader.ReaderError, text: str, name: str
) -> Diagnostic:
    """A character YAML does not allow (a NUL, say), at its line and column."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Diagnostic(
        Location(name, line, column),
        f"character U+{code:04X} is not allowed in YAML; remove it (it may be a "
        "sign that this is not a text file)",
    )


def _syntax_problem(error: yaml.MarkedYAMLError, name: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
    what = " ".join(part for part in (error.context, error.problem) if part)
    if "expected a single document" in what:
        what += "; keep one YAML document per file (remove the extra '---')"
    return Diagnostic(where, f"invalid YAML: {what}")


class _Refused(Exception):
    """The document cannot be read further; the reason is already a problem."""


class _Converter:
    """Turns a composed node tree into dicts, lists, strings and None.

    An alias is the same node reached again. Its value is converted once and shared,
    and what it would repeat is counted, so a "billion laughs" document stops at the
    budget instead of expanding.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Diagnostic] = []
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self._done: dict[int, tuple[Any, int]] = {}
        self._open: set[int] = set()
        self._repeated = 0

    def convert(self, root: Node) -> Any:
        try:
            return self._value(root, ())[0]
        except _Refused:
            return None

    def _at(self, node: Node) -> Location:
        return Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def _problem(self, node: Node, message: str) -> None:
        self.problems.append(Diagnostic(self._at(node), message))

    def _value(self, node: Node, path: PathKey) -> tuple[Any, int]:
        """The value and how many values it stands for once aliases are expanded."""
        key = id(node)
        done = self._done.get(key)
        if done is not None:
            self._repeated += done[1]
            if self._repeated > ALIAS_BUDGET:
                self._problem(
                    node,
                    f"aliases repeat more than {ALIAS_BUDGET:,} values in this document; "
                    "write the values out or use fewer nested aliases",
                )
                raise _Refused
            return done
        if key in self._open:
            self._problem(node, "recursive alias: an anchor refers to itself")
            raise _Refused
        if len(path) > MAX_DEPTH:
            self._problem(node, f"nesting deeper than {MAX_DEPTH} levels")
            raise _Refused
        if len(path) <= KEPT_POSITION_DEPTH:
            self.positions[path] = (
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        self._check_tag(node)
        if isinstance(node, ScalarNode):
            result: tuple[Any, int] = (
                None if node.tag == NULL_TAG else str(node.value),
                1,
            )
        else:
            self._open.add(key)
            if isinstance(node, SequenceNode):
                items = [
                    self._value(item, (*path, i)) for i, item in enumerate(node.value)
                ]
                result = (
                    [value for value, _ in items],
                    1 + sum(size for _, size in items),
                )
            else:
                assert isinstance(node, MappingNode)
                result = self._mapping(node, path)
            self._open.discard(key)
        self._done[key] = result
        return result

    def _check_tag(self, node: Node) -> None:
        tag = node.tag or ""
        if tag.startswith(STANDARD_TAG_PREFIX) or tag in ("!", ""):
            return
        self._problem(node, f"custom YAML tag {tag!r} is not supported; remove it")

    def _mapping(self, node: MappingNode, path: PathKey) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        size = 1
        seen: dict[str, Node] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                sources = (
                    value_node.value
                    if isinstance(value_node, SequenceNode)
                    else [value_node]
                )
                for source in reversed(sources):
                    value, count = self._value(source, (*path, "<<"))
                    if not isinstance(value, dict):
                        self._problem(source, "'<<' merges only mappings")
                        continue
                    merged.update(value)
                    size += count
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL_TAG:
                self._problem(key_node, "a mapping key must be a plain, non-empty name")
                continue
            key = str(key_node.value)
            if key in seen:
                first = seen[key]
                self.problems.append(
                    Diagnostic(
                        self._at(key_node),
                        f"duplicate key {key!r} (first at line "
                        f"{first.start_mark.line + 1}); keep one of them",
                        related=(self._at(first),),
                    )
                )
                continue
            seen[key] = key_node
            result[key], count = self._value(value_node, (*path, key))
            size += 1 + count
        for key, value in merged.items():
            result.setdefault(key, value)
        return result, size
