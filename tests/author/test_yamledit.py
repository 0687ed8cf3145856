from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel

from incidentlore.author.yamledit import YamlText
from incidentlore.errors import LoreError
from incidentlore.load.yamlfile import read_yaml
from incidentlore.model.incident import Incident
from incidentlore.model.postmortem import PostMortem
from support import changed_lines


class Editor:
    """Edits text the way commands do, and checks it reads back as intended."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def read(self, text: str) -> object:
        self.count += 1
        path = self.folder / f"file{self.count}.yaml"
        path.write_bytes(text.encode("utf-8"))
        return read_yaml(path, path.name).data

    def open(self, text: str, model: type[BaseModel] | None = None) -> YamlText:
        return YamlText(text, self.read(text), "file.yaml", model)

    def done(self, document: YamlText) -> str:
        assert self.read(document.text) == document.data
        return document.text


@pytest.fixture
def editor(tmp_path: Path) -> Editor:
    return Editor(tmp_path)


INCIDENT = """\
# yaml-language-server: $schema=incident.schema.json
id: INC-2026-0003   # the id
title: "Checkout errors"   # quoted on purpose
severity: SEV2
status: investigating  # still open

times:
  # Berlin time is what the pager showed.
  started: 2026-11-30 14:02 Europe/Berlin
  detected: 2026-11-30 14:09 Europe/Berlin

summary: >-
  A configuration change made checkout call the payments API
  without a timeout.

tags: [deploy, timeouts]
"""


def test_set_replaces_only_the_value(editor: Editor) -> None:
    document = editor.open(INCIDENT, Incident)
    document.set(("status",), "mitigated")
    document.set(("title",), "Checkout errors after 4.2.1")
    assert changed_lines(INCIDENT, editor.done(document)) == [
        "@@ -3 +3 @@",
        '-title: "Checkout errors"   # quoted on purpose',
        '+title: "Checkout errors after 4.2.1"   # quoted on purpose',
        "@@ -5 +5 @@",
        "-status: investigating  # still open",
        "+status: mitigated  # still open",
    ]


def test_set_keeps_a_block_scalar_a_block(editor: Editor) -> None:
    document = editor.open(INCIDENT, Incident)
    document.set(("summary",), "Checkout had no timeout.\nSecond paragraph.")
    assert changed_lines(INCIDENT, editor.done(document)) == [
        "@@ -12,3 +12,3 @@",
        "-summary: >-",
        "-  A configuration change made checkout call the payments API",
        "-  without a timeout.",
        "+summary: |-",
        "+  Checkout had no timeout.",
        "+  Second paragraph.",
    ]


def test_new_key_goes_where_the_model_orders_it(editor: Editor) -> None:
    document = editor.open(INCIDENT, Incident)
    document.set(("times", "mitigated"), "2026-11-30 15:40 UTC")
    document.set(("outcome",), "degradation")
    document.set(("times", "acknowledged"), "2026-11-30 14:11 Europe/Berlin")
    assert changed_lines(INCIDENT, editor.done(document)) == [
        "@@ -5,0 +6 @@",
        "+outcome: degradation",
        "@@ -10,0 +12,2 @@",
        "+  acknowledged: 2026-11-30 14:11 Europe/Berlin",
        "+  mitigated: 2026-11-30 15:40 UTC",
    ]


def test_missing_parents_are_created_after_their_predecessor(editor: Editor) -> None:
    document = editor.open(INCIDENT, Incident)
    document.set(("roles", "commander"), "Ana Lima")
    document.append(("timeline", "hidden"), "alert-1")
    document.append(("links",), {"incident": "INC-2026-0001", "relation": "caused-by"})
    assert changed_lines(INCIDENT, editor.done(document)) == [
        "@@ -15,0 +16,3 @@",
        "+roles:",
        "+  commander: Ana Lima",
        "+",
        "@@ -16,0 +20,5 @@",
        "+links:",
        "+  - incident: INC-2026-0001",
        "+    relation: caused-by",
        "+timeline:",
        "+  hidden: [alert-1]",
    ]


def test_append_to_a_flow_list(editor: Editor) -> None:
    document = editor.open(INCIDENT, Incident)
    document.append(("tags",), "needs review")
    assert changed_lines(INCIDENT, editor.done(document))[1:] == [
        "-tags: [deploy, timeouts]",
        "+tags: [deploy, timeouts, needs review]",
    ]


NOTES = """\
notes:
  # First suspicion.
  - id: N1
    text: Payments API is slow again?

  - id: N2
    text: >-
      Roll back 4.2.1.
    # Agreed on the bridge call.

# Keep notes in time order.
"""


def test_append_copies_the_lists_layout(editor: Editor) -> None:
    document = editor.open(NOTES)
    document.append(("notes",), {"id": "N3", "text": "Rolled back: done"})
    # A blank line, as between the other items, then the item; the comment that
    # belongs to N2 stays with it and the closing comment stays last.
    assert editor.done(document) == NOTES.replace(
        "    # Agreed on the bridge call.\n",
        "    # Agreed on the bridge call.\n\n"
        "  - id: N3\n    text: 'Rolled back: done'\n",
    )


def test_append_to_an_unindented_list_of_flow_mappings(editor: Editor) -> None:
    text = "links:\n- {incident: INC-1, relation: related-to}   # first\n"
    document = editor.open(text)
    document.append(("links",), {"incident": "INC-2", "relation": "caused-by"})
    assert editor.done(document) == (
        "links:\n"
        "- {incident: INC-1, relation: related-to}   # first\n"
        "- {incident: INC-2, relation: caused-by}\n"
    )


def test_empty_flow_list_becomes_a_block_list_for_mappings(editor: Editor) -> None:
    text = "# notes\nnotes: []  # none yet\n"
    document = editor.open(text)
    document.append(("notes",), {"id": "N1", "text": "first"})
    assert editor.done(document) == (
        "# notes\nnotes:\n  - id: N1\n    text: first  # none yet\n"
    )


def test_empty_values_and_missing_documents(editor: Editor) -> None:
    document = editor.open("summary:\ntrigger: x\n")
    document.set(("summary",), "Short")
    assert editor.done(document) == "summary: Short\ntrigger: x\n"
    document = editor.open("# only a comment")
    document.append(("notes",), {"id": "N1"})
    assert editor.done(document) == "# only a comment\nnotes:\n  - id: N1\n"
    document = editor.open("lessons:\n  - one")
    document.append(("lessons",), "two")
    assert editor.done(document) == "lessons:\n  - one\n  - two\n"


def test_set_inside_a_flow_mapping_in_model_order(editor: Editor) -> None:
    text = "action_items:\n  - {id: AI-2, title: Alert, priority: P2}  # later\n"
    document = editor.open(text, PostMortem)
    document.set(("action_items", 0, "status"), "done")
    document.set(("action_items", 0, "owner"), "Ana Lima")
    assert editor.done(document) == (
        "action_items:\n"
        "  - {id: AI-2, title: Alert, owner: Ana Lima, priority: P2, status: done}"
        "  # later\n"
    )


def test_set_inside_a_block_item_whose_first_key_shares_the_dash_line(
    editor: Editor,
) -> None:
    text = "action_items:\n  - id: AI-1\n    title: Alert\n"
    document = editor.open(text, PostMortem)
    document.set(("action_items", 0, "status"), "done")
    assert editor.done(document) == (
        "action_items:\n  - id: AI-1\n    title: Alert\n    status: done\n"
    )


def test_remove(editor: Editor) -> None:
    text = "timeline:\n  hidden: [a, b, c]\n  starred:\n    - x   # one\n    - y\n"
    document = editor.open(text)
    document.remove(("timeline", "hidden"), 1)
    document.remove(("timeline", "hidden"), 1)
    document.remove(("timeline", "starred"), 0)
    assert editor.done(document) == "timeline:\n  hidden: [a]\n  starred:\n    - y\n"
    document.remove(("timeline", "hidden"), 0)
    document.remove(("timeline", "starred"), 0)
    assert editor.done(document) == "timeline:\n  hidden: []\n  starred: []\n"


def test_windows_line_endings_are_kept(editor: Editor) -> None:
    text = "status: open\r\nnotes:\r\n  - id: N1\r\n"
    document = editor.open(text)
    document.append(("notes",), {"id": "N2", "text": "x"})
    document.set(("summary",), "a\nb")
    assert editor.done(document) == (
        "status: open\r\nnotes:\r\n  - id: N1\r\n  - id: N2\r\n    text: x\r\n"
        "summary: |-\r\n  a\r\n  b\r\n"
    )


def test_a_mapping_where_a_value_is_expected_is_refused(editor: Editor) -> None:
    document = editor.open("roles: [a]\n")
    with pytest.raises(LoreError) as raised:
        document.set(("roles", "commander"), "Ana")
    assert str(raised.value) == "file.yaml: roles is not a mapping"


def test_new_keys_before_all_others_and_in_empty_flow_mappings(editor: Editor) -> None:
    text = "timeline:\n  starred: [N1]\nroles: {}\ntimes: {detected: x}\n"
    document = editor.open(text, Incident)
    document.append(("timeline", "hidden"), "N2")
    document.set(("roles", "scribe"), "Kai")
    document.set(("times", "started"), "y")
    assert editor.done(document) == (
        "timeline:\n  hidden: [N2]\n  starred: [N1]\nroles: {scribe: Kai}\n"
        "times: {started: y, detected: x}\n"
    )


def test_text_that_ruamel_cannot_compose_is_refused(editor: Editor) -> None:
    document = YamlText("a: [b\n", None, "broken.yaml")
    with pytest.raises(LoreError) as raised:
        document.set(("a",), "c")
    assert str(raised.value).startswith("broken.yaml: cannot be edited: while parsing")


ANCHORED = """\
title: &title Checkout errors
summary: *title
roles: &roles
  commander: Ana
copied_roles: *roles
times:
  started: 2026-11-30 14:02 UTC
  detected: &seen 2026-11-30 14:09 UTC
  acknowledged: *seen
tags: [deploy, *title]
lists:
  - &first [a, b]
  - *first
"""


def _shared(path: str, line: int, column: int, anchor: str) -> str:
    return (
        f"file.yaml:{line}:{column}: cannot change {path}: its value is shared "
        f"through the YAML anchor &{anchor}, and lore changes only values written "
        "out in one place; edit the file by hand"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.set(("title",), "New"), _shared("title", 1, 1, "title")),
        (lambda d: d.set(("summary",), "New"), _shared("summary", 2, 1, "title")),
        (
            lambda d: d.set(("roles", "commander"), "Kai"),
            _shared("roles.commander", 3, 1, "roles"),
        ),
        (
            lambda d: d.set(("roles", "scribe"), "Kai"),
            _shared("roles.scribe", 3, 1, "roles"),
        ),
        (
            lambda d: d.set(("times", "detected"), "x"),
            _shared("times.detected", 8, 3, "seen"),
        ),
        (
            lambda d: d.set(("times", "acknowledged"), "x"),
            _shared("times.acknowledged", 9, 3, "seen"),
        ),
        (lambda d: d.append(("tags",), "x"), _shared("tags", 10, 1, "title")),
        (lambda d: d.remove(("lists",), 0), _shared("lists", 11, 1, "first")),
        (lambda d: d.set(("lists",), []), _shared("lists", 11, 1, "first")),
        (
            lambda d: d.set(("after",), "x"),
            "file.yaml:12:3: cannot add after this list: it ends with the YAML alias "
            "*first, and lore cannot tell where an alias is written; edit the file by "
            "hand",
        ),
    ],
)
def test_values_shared_through_anchors_are_refused(
    editor: Editor, edit: Callable[[YamlText], None], message: str
) -> None:
    document = editor.open(ANCHORED)
    with pytest.raises(LoreError) as raised:
        edit(document)
    assert str(raised.value) == message
    assert document.text == ANCHORED


def test_values_beside_anchors_are_edited(editor: Editor) -> None:
    document = editor.open(ANCHORED, Incident)
    document.set(("impact",), "Half of the payments failed")
    document.set(("times", "mitigated"), "2026-11-30 15:40 UTC")
    document.set(("times", "started"), "2026-11-30 14:00 UTC")
    # impact goes after summary, whose value is the alias *title.
    assert changed_lines(ANCHORED, editor.done(document)) == [
        "@@ -2,0 +3 @@",
        "+impact: Half of the payments failed",
        "@@ -7 +8 @@",
        "-  started: 2026-11-30 14:02 UTC",
        "+  started: 2026-11-30 14:00 UTC",
        "@@ -9,0 +11 @@",
        "+  mitigated: 2026-11-30 15:40 UTC",
    ]


def test_a_key_that_comes_from_a_merge_is_written_out(editor: Editor) -> None:
    text = (
        "base: &base\n"
        "  roles: {commander: Ana, scribe: Kai}\n"
        "incident:\n"
        "  <<: *base\n"
        "  title: x\n"
    )
    document = editor.open(text)
    document.set(("incident", "roles", "commander"), "Bo")
    assert (
        editor.done(document) == text + "  roles:\n    commander: Bo\n    scribe: Kai\n"
    )
