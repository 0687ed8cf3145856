"""Finding things in composed YAML nodes, and the plain data that mirrors them."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from incidentlore.author.yamlrender import Value
from incidentlore.load.yamlfile import PathKey

NULL_TAG = "tag:yaml.org,2002:null"


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def is_empty(node: Node) -> bool:
    """A key with nothing after it (`key:`), as opposed to a written `null` or `~`."""
    return is_null(node) and node.start_mark.index == node.end_mark.index


def keeps_flow(node: Node, value: Value) -> bool:
    """A flow collection stays one, unless an empty one now gets mappings."""
    if (
        not getattr(node, "flow_style", False)
        or value is None
        or isinstance(value, str)
    ):
        return False
    return bool(node.value) or not any(isinstance(v, dict) for v in value)


def child(node: Node | None, part: str | int) -> Node | None:
    """The value under key `part` of a mapping, or item `part` of a sequence."""
    if isinstance(node, MappingNode):
        return next((value for key, value in node.value if key.value == part), None)
    items = node.value if isinstance(node, SequenceNode) else []
    return items[part] if isinstance(part, int) and 0 <= part < len(items) else None


def children(node: Node | None) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def block_sequences(node: Node | None) -> list[tuple[Node, Node]]:
    found: list[tuple[Node, Node]] = []
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(value, SequenceNode) and value.value and not value.flow_style:
                found.append((key, value))
            found.extend(block_sequences(value))
    for child in children(node) if isinstance(node, SequenceNode) else []:
        found.extend(block_sequences(child))
    return found


def predecessor(
    parent: MappingNode, key: str, order: Sequence[str]
) -> tuple[Node, Node] | None:
    """The entry a new `key` should follow: the last present one before it in
    `order`, else the last entry of the mapping."""
    present = {k.value: (k, v) for k, v in parent.value}
    if key in order:
        for name in reversed(order[: order.index(key)]):
            if name in present:
                return present[name]
        if any(name in present for name in order):
            return None
    return (parent.value[-1][0], parent.value[-1][1]) if parent.value else None


def data_get(data: Any, path: PathKey) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int):
            data = data[part]
        else:
            return None
    return data


def data_set(data: Any, path: PathKey, value: Value) -> None:
    parent = data_get(data, path[:-1])
    assert isinstance(parent, dict | list), "the parent exists once the text has it"
    parent[path[-1]] = copy.deepcopy(value)  # type: ignore[index]


def entry(node: Node | None, part: str | int) -> tuple[Node | None, Node] | None:
    """The key and value under `part` of a mapping, or None and item `part` of a
    sequence."""
    if isinstance(node, MappingNode):
        return next(((k, v) for k, v in node.value if k.value == part), None)
    found = child(node, part)
    return None if found is None else (None, found)


def shared(root: Node | None) -> set[int]:
    """The ids of nodes the text reaches more than once: anchored nodes that an
    alias repeats."""
    seen: set[int] = set()
    again: set[int] = set()
    waiting = [root] if root is not None else []
    while waiting:
        node = waiting.pop()
        if id(node) in seen:
            again.add(id(node))
            continue
        seen.add(id(node))
        waiting.extend(children(node))
    return again


def within(node: Node | None) -> list[Node]:
    """`node` and every node under it, each once."""
    found: dict[int, Node] = {}
    waiting = [node] if node is not None else []
    while waiting:
        current = waiting.pop()
        if id(current) not in found:
            found[id(current)] = current
            waiting.extend(children(current))
    return list(found.values())
