"""Strict YAML reading: every scalar stays the text that was written.

YAML 1.1 resolves `NO` to false, `14:30` to 870 and `2024-01-05` to a date. Here only
plain `null`, `~` and empty values become None; everything else reaches the models as
the string the author typed, and the models decide what it means. Duplicate keys,
custom tags and runaway alias expansion are errors that name the place.
"""

from __future__ import annotations

import re
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


class _Resolver(yaml.resolver.BaseResolver):
    """Resolves only what the loader acts on: null and the merge key."""


def _standard_pattern(tag: str, first: str) -> re.Pattern[str]:
    for candidate, pattern in yaml.resolver.Resolver.yaml_implicit_resolvers[first]:
        if candidate == tag:
            return re.compile(pattern.pattern, pattern.flags)
    raise LookupError(tag)  # pragma: no cover - PyYAML has always defined both


_Resolver.add_implicit_resolver(
    NULL_TAG, _standard_pattern(NULL_TAG, "~"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(MERGE_TAG, _standard_pattern(MERGE_TAG, "<"), ["<"])


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
    except yaml.YAMLError as error:
        raise ProblemsFound(
            [Diagnostic(Location(name), f"invalid YAML: {error}")]
        ) from None
    finally:
        composer.dispose()


def _syntax_problem(error: yaml.MarkedYAMLError, name: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
    what = " ".join(part for part in (error.context, error.problem) if part)
    if "expected a single document" in what:
        what += "; keep one YAML document per file (remove the extra '---')"
    return Diagnostic(where, f"invalid YAML: {what}")


class _Converter:
    """Turns a composed node tree into dicts, lists, strings and None."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Diagnostic] = []
        self.positions: dict[PathKey, tuple[int, int]] = {}

    def convert(self, root: Node) -> Any:
        if not self._aliases_within_budget(root):
            return None
        return self._value(root, ())

    def _at(self, node: Node) -> Location:
        return Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def _problem(self, node: Node, message: str) -> None:
        self.problems.append(Diagnostic(self._at(node), message))

    def _aliases_within_budget(self, root: Node) -> bool:
        """Count what aliases would expand to before expanding anything."""
        sizes: dict[int, int] = {}
        unique = 0
        stack: list[tuple[Node, bool]] = [(root, False)]
        open_nodes: set[int] = set()
        while stack:
            node, children_done = stack.pop()
            key = id(node)
            if children_done:
                open_nodes.discard(key)
                sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
                continue
            if key in sizes:
                continue
            if key in open_nodes:
                self._problem(node, "recursive alias: an anchor refers to itself")
                return False
            open_nodes.add(key)
            unique += 1
            stack.append((node, True))
            stack.extend(
                (child, False) for child in _children(node) if id(child) not in sizes
            )
        expanded = sizes[id(root)]
        if expanded - unique > ALIAS_BUDGET:
            self._problem(
                root,
                f"aliases would expand this document to {expanded:,} values "
                f"(limit: {ALIAS_BUDGET:,} beyond what is written); "
                "write the values out or use fewer nested aliases",
            )
            return False
        return True

    def _value(self, node: Node, path: PathKey) -> Any:
        if len(path) > MAX_DEPTH:
            self._problem(node, f"nesting deeper than {MAX_DEPTH} levels")
            return None
        if len(path) <= KEPT_POSITION_DEPTH:
            self.positions[path] = (
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            self._check_tag(node, "seq")
            return [self._value(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        self._check_tag(node, "map")
        return self._mapping(node, path)

    def _scalar(self, node: ScalarNode) -> str | None:
        if node.tag == NULL_TAG:  # only plain scalars (or an explicit !!null) get it
            return None
        self._check_tag(node, "str")
        return str(node.value)

    def _check_tag(self, node: Node, kind: str) -> None:
        tag = node.tag or ""
        if tag.startswith(STANDARD_TAG_PREFIX) or tag in ("!", ""):
            return
        self._problem(node, f"custom YAML tag {tag!r} is not supported; remove it")

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged.update(self._merge(value_node, path))
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
            result[key] = self._value(value_node, (*path, key))
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def _merge(self, node: Node, path: PathKey) -> dict[str, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            if not isinstance(source, MappingNode):
                self._problem(source, "'<<' merges only mappings")
                continue
            merged.update(self._mapping(source, path))
        return merged


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
