"""Edits to YAML that a person wrote: only the changed value's text is touched.

A round-trip dump re-indents sequences, rewrites `null` and refolds lines, so instead
each edit finds the exact span of the value in the text (from ruamel.yaml's composer,
which keeps every node's start and end) and splices new text there. Everything else,
comments, blank lines, key order and quoting included, stays byte for byte. The edit
is also applied to the parsed data, so that the result can be checked: the new text
must read back as exactly the data intended.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from incidentlore.author import yamlnodes as nodes
from incidentlore.author import yamlrender as render
from incidentlore.author.yamlrender import Value
from incidentlore.errors import LoreError
from incidentlore.load.yamlfile import PathKey
from incidentlore.validate.schema import field_names

_BLANK = re.compile(r"[ \t]*(\r?\n|$)")


class YamlText:
    """One file's text and the data it holds, edited together."""

    def __init__(
        self, text: str, data: Any, name: str, model: type[BaseModel] | None = None
    ) -> None:
        self.text = text
        self.model = model
        self.data = copy.deepcopy(data)
        self.name = name
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._root: Node | None = None
        self._composed = False

    # Reading the structure -------------------------------------------------------

    @property
    def root(self) -> Node | None:
        if not self._composed:
            try:
                self._root = YAML().compose(self.text)
            except MarkedYAMLError as error:
                raise LoreError(f"{self.name}: cannot be edited: {error}") from None
            self._composed = True
        return self._root

    def node(self, path: PathKey) -> Node | None:
        node = self.root
        for part in path:
            node = nodes.child(node, part)
            if node is None:
                return None
        return node

    def _entry(self, path: PathKey) -> tuple[Node, Node] | None:
        parent = self.node(path[:-1])
        if isinstance(parent, MappingNode):
            for key, value in parent.value:
                if key.value == path[-1]:
                    return key, value
        return None

    # Edits -----------------------------------------------------------------------

    def set(self, path: PathKey, value: Value) -> None:
        """Give the key at `path` this value; a missing key goes where the model's
        field order puts it among the keys that are there."""
        if self.data is None and len(path) == 1:
            self.data = {}
        entry = self._entry(path)
        self._refuse_shared(path, entry[1] if entry else None)
        if entry is None:
            self._insert_key(path, value)
        else:
            self._replace(entry, value)
        nodes.data_set(self.data, path, value)

    def append(self, path: PathKey, item: Value) -> None:
        """Add `item` at the end of the list at `path`, creating the list if needed."""
        found = self._entry(path)
        node = found[1] if found else None
        if found is None or not isinstance(node, SequenceNode) or not node.value:
            current = nodes.data_get(self.data, path)
            self.set(path, [*current, item] if isinstance(current, list) else [item])
            return
        self._refuse_shared(path, node.value[-1])
        if node.flow_style:
            at = node.value[-1].end_mark.index
            self._splice(at, at, ", " + render.flow(item))
        else:
            self._append_block(node, item)
        nodes.data_get(self.data, path).append(copy.deepcopy(item))

    def remove(self, path: PathKey, index: int) -> None:
        """Drop item `index` of the list at `path`; the last one leaves `[]`."""
        found = self._entry(path)
        assert found is not None and isinstance(found[1], SequenceNode)
        node = found[1]
        self._refuse_shared(path, node)
        items = node.value
        if len(items) == 1:
            self._replace(found, [])
        elif getattr(node, "flow_style", False):
            if index + 1 < len(items):
                start, end = (
                    items[index].start_mark.index,
                    items[index + 1].start_mark.index,
                )
            else:
                start, end = self._end(items[index - 1]), items[index].end_mark.index
            self._splice(start, end, "")
        else:
            dash = node.start_mark.column
            start = self._line_start(items[index].start_mark.index)
            end = self._after(self._end(items[index]), dash)
            self._splice(start, end, "")
        del nodes.data_get(self.data, path)[index]

    def _refuse_shared(self, path: PathKey, *replaced: Node | None) -> None:
        """Refuse to edit text that stands for more than one value: an anchor that
        aliases repeat, or an alias. Changing it would change every place that
        shares it, and the parser does not keep where an alias is written."""
        shared = nodes.shared(self.root)
        if not shared:
            return
        node, place = self.root, self.root
        steps = [(place, node)]
        for part in path:
            found = nodes.entry(node, part)
            if found is None:
                break
            key, node = found
            place = key if key is not None else place
            steps.append((place, node))
        steps += [
            (place, inner) for subtree in replaced for inner in nodes.within(subtree)
        ]
        shown = ".".join(map(str, path))
        for where, step in steps:
            if id(step) in shared and where is not None and step is not None:
                raise self._refusal(
                    where,
                    f"cannot change {shown}: its value is shared through the YAML "
                    f"anchor &{step.anchor}, and lore changes only values written out "
                    "in one place",
                )

    def _refusal(self, where: Node, reason: str) -> LoreError:
        mark = where.start_mark
        return LoreError(
            f"{self.name}:{mark.line + 1}:{mark.column + 1}: {reason}; "
            "edit the file by hand"
        )

    # Text positions --------------------------------------------------------------

    def _splice(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]
        self._composed = False

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def _colon(self, key: Node) -> int:
        """The index just past the ':' that follows `key`."""
        return self.text.index(":", key.end_mark.index) + 1

    def _end(self, node: Node) -> int:
        """Where the node's own text ends (not its trailing blank lines or comments)."""
        if isinstance(node, ScalarNode):
            if nodes.is_empty(node):
                return 0  # an empty value has no text; its key's colon ends the entry
            if node.style in ("|", ">"):
                span = self.text[node.start_mark.index : node.end_mark.index]
                return int(node.start_mark.index) + len(span.rstrip())
            return int(node.end_mark.index)
        if getattr(node, "flow_style", False) or not node.value:
            return int(node.end_mark.index)
        if isinstance(node, MappingNode):
            key, value = node.value[-1]
            return self._entry_end(key, value)
        items = node.value
        bound = items[-2].end_mark.index if len(items) > 1 else node.start_mark.index
        if items[-1].start_mark.index < bound:
            raise self._refusal(
                node,
                f"cannot add after this list: it ends with the YAML alias "
                f"*{items[-1].anchor}, and lore cannot tell where an alias is written",
            )
        return self._end(items[-1])

    def _after(self, index: int, indent: int) -> int:
        """The start of the line after `index`, past comment lines indented deeper
        than `indent` (they belong to what ends at `index`)."""
        position = self._line_end(index)
        kept = position
        while position < len(self.text):
            line_end = self._line_end(position)
            line = self.text[position:line_end]
            if _BLANK.fullmatch(line):
                position = line_end
                continue
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) <= indent:
                break
            position = kept = line_end
        return kept

    def _ensure_line_break(self, at: int) -> str:
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            return self.newline
        return ""

    # Edits, in text --------------------------------------------------------------

    def _replace(self, entry: tuple[Node, Node], value: Value) -> None:
        key, node = entry
        indent = key.start_mark.column
        offset = self._sequence_offset()
        if nodes.is_empty(node):
            at = self._colon(key)
            self._splice(at, at, render.after_key(value, indent, offset, self.newline))
        elif isinstance(node, ScalarNode) and isinstance(value, str):
            if node.style in ("|", ">") and render.fits_block(value):
                indent = self._block_indent(node, indent)
                new = render.block_scalar(value, indent, node.style, self.newline)
            else:
                new = render.scalar(value, flow=self._in_flow(node), style=node.style)
            self._splice(node.start_mark.index, self._end(node), new)
        elif self._in_flow(node) or nodes.keeps_flow(node, value):
            self._splice(node.start_mark.index, self._end(node), render.flow(value))
        else:
            new = render.after_key(value, indent, offset, self.newline)
            self._splice(self._colon(key), self._end(node), new)

    def _block_indent(self, node: ScalarNode, indent: int) -> int:
        first_line = self._line_end(node.start_mark.index)
        content = self.text[first_line : self._line_end(first_line)]
        stripped = content.lstrip(" ")
        return len(content) - len(stripped) if stripped.strip() else indent + 2

    def _in_flow(self, node: Node) -> bool:
        """Whether `node` sits inside a flow collection ([...] or {...})."""
        return self._flow_ancestor(self.root, node, False)

    def _flow_ancestor(self, current: Node | None, target: Node, inside: bool) -> bool:
        if current is target:
            return inside
        inside = inside or bool(getattr(current, "flow_style", False))
        return any(
            self._flow_ancestor(child, target, inside)
            for child in nodes.children(current)
        )

    def _insert_key(self, path: PathKey, value: Value) -> None:
        key = str(path[-1])
        parent = self.node(path[:-1])
        if parent is None or nodes.is_null(parent):
            if path[:-1]:
                # The mapping may come from a merge key (<<): written out here, it
                # must keep what it had there.
                current = nodes.data_get(self.data, path[:-1])
                kept = current if isinstance(current, dict) else {}
                self.set(path[:-1], {**kept, key: value})
                return
            at = len(self.text)
            offset = self._sequence_offset()
            body = render.block_mapping({key: value}, 0, offset, self.newline)
            self._splice(at, at, self._ensure_line_break(at) + body + self.newline)
            return
        if not isinstance(parent, MappingNode):
            shown = ".".join(map(str, path[:-1]))
            raise LoreError(f"{self.name}: {shown} is not a mapping")
        order = field_names(self.model, path[:-1]) if self.model else []
        before = nodes.predecessor(parent, key, order)
        if parent.flow_style:
            self._insert_flow_key(parent, before, key, value)
            return
        first_key = parent.value[0][0].start_mark.index
        if (
            before is None
            and self.text[self._line_start(first_key) : first_key].strip()
        ):
            before = parent.value[-1]  # the first key shares its line, as in "- id: x"
        self._insert_block_key(parent, before, key, value)

    def _insert_flow_key(
        self, parent: Node, before: tuple[Node, Node] | None, key: str, value: Value
    ) -> None:
        entry = f"{render.scalar(key, flow=True)}: {render.flow(value)}"
        if not parent.value:
            start, end = parent.start_mark.index, parent.end_mark.index
            self._splice(start, end, "{" + entry + "}")
        elif before is None:
            at = parent.value[0][0].start_mark.index
            self._splice(at, at, entry + ", ")
        else:
            at = self._end(before[1])
            self._splice(at, at, ", " + entry)

    def _insert_block_key(
        self, parent: Node, before: tuple[Node, Node] | None, key: str, value: Value
    ) -> None:
        indent = parent.start_mark.column
        body = " " * indent + render.scalar(key) + ":"
        body += render.after_key(value, indent, self._sequence_offset(), self.newline)
        if before is None:
            at = self._line_start(parent.value[0][0].start_mark.index)
            self._splice(at, at, body + self.newline)
            return
        end = self._entry_end(*before)
        at = self._after(end, indent)
        prefix = self._ensure_line_break(at)
        if self._set_apart(parent, before):
            prefix += self.newline
        self._splice(at, at, prefix + body + self.newline)

    def _set_apart(self, parent: Node, entry: tuple[Node, Node]) -> bool:
        """Whether a blank line stands before and after `entry`, as between the
        sections of a file that keeps them apart; a new key after it does the same."""
        keys = [key for key, _ in parent.value]
        index = next(i for i, key in enumerate(keys) if key is entry[0])
        if index == 0 or index + 1 == len(keys):
            return False
        previous_end = self._entry_end(*parent.value[index - 1])
        return self._blank_between(previous_end, entry[0]) and self._blank_between(
            self._entry_end(*entry), keys[index + 1]
        )

    def _entry_end(self, key: Node, value: Node) -> int:
        if value.start_mark.index < key.end_mark.index:
            # An alias: the node is the anchored one, earlier in the text; the alias
            # itself is the next token after the colon.
            alias = re.compile(rf"(?:\s|#[^\n]*)*\*{re.escape(str(value.anchor))}")
            found = alias.match(self.text, self._colon(key))
            return found.end() if found else self._colon(key)
        return max(self._end(value), self._colon(key))

    def _append_block(self, node: SequenceNode, item: Value) -> None:
        items = node.value
        dash = node.start_mark.column
        gap = max(items[-1].start_mark.column - dash - 1, 1)
        last = items[-1]
        text = " " * dash + "-" + " " * gap + render.flow(item)
        flow = isinstance(last, MappingNode) and last.flow_style
        if not (flow and isinstance(item, dict) and len(text) <= render.LINE_WIDTH):
            offset = self._sequence_offset()
            text = render.sequence_item(item, dash, gap, offset, self.newline)
        at = self._after(self._end(last), dash)
        separator = self._ensure_line_break(at)
        if len(items) > 1 and self._blank_between(self._end(items[-2]), last):
            separator += self.newline
        self._splice(at, at, separator + text + self.newline)

    def _blank_between(self, end: int, second: Node) -> bool:
        """Whether a blank line separates what ends at `end` from `second`."""
        between = self.text[end : self._line_start(second.start_mark.index)]
        return any(not line.strip() for line in between.split("\n")[1:-1])

    def _sequence_offset(self) -> int:
        """How far this file indents a block list under its key (0 or 2, usually)."""
        for key, value in nodes.block_sequences(self.root):
            return max(int(value.start_mark.column - key.start_mark.column), 0)
        return 2
