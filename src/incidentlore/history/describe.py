"""Field changes in words a reviewer reads: `severity SEV2 → SEV1`, `signals + 3`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import tzinfo

from incidentlore.emit.display import show_instant
from incidentlore.history.fields import FieldChange, Fields, Value
from incidentlore.model.times import Instant, format_duration

MINUS = "\u2212"
ARROW = "\u2192"
_SHORT = 50
_QUOTABLE = 120

# Collection path -> (plural, singular, attribute shown beside a new entry's key).
COLLECTIONS: dict[str, tuple[str, str, str | None]] = {
    "signals": ("signals", "signal", None),
    "notes": ("notes", "note", None),
    "postmortem.action_items": ("action items", "action item", "title"),
    "postmortem.contributing_factors": (
        "contributing_factors",
        "contributing factor",
        None,
    ),
    "postmortem.hypotheses": ("hypotheses", "hypothesis", "statement"),
    "postmortem.decisions": ("decisions", "decision", "decision"),
    "links": ("links", "link", "relation"),
    "sources": ("sources", "source", "title"),
}
# Entries counted rather than listed, by the attribute that groups them.
COUNTED = {"signals": "source", "notes": "kind"}
_INCIDENT_TEXT = ("summary", "impact")


def describe(
    changes: Sequence[FieldChange], old: Fields, new: Fields, zone: tzinfo
) -> list[str]:
    summary = _Summary(changes, old, new, zone)
    for change in changes:
        summary.add(change)
    return summary.lines()


class _Summary:
    """Lines in the order their first change comes, some gathering several changes."""

    def __init__(
        self, changes: Sequence[FieldChange], old: Fields, new: Fields, zone: tzinfo
    ) -> None:
        self.old, self.new, self.zone = old, new, zone
        self.whole = _whole_files(old, new)
        self.entries = {
            change.field
            for change in changes
            if _value(change).kind == "entry" and change.change != "changed"
        }
        self.told: dict[str, str | Counter[str]] = {}

    def add(self, change: FieldChange) -> None:
        file = _file_of(change.field)
        if file in self.whole:
            self.told.setdefault(f"file {file}", self.whole[file])
            return
        owner = _entry_of(change.field, self.old, self.new)
        changed_entry = _value(change).kind == "entry" and change.change == "changed"
        if owner in self.entries or changed_entry:
            return  # told by the entry's own line, or by its changed attribute
        if change.field not in self.entries:
            shown = _values(change, self.zone)
            self.told[change.field] = (
                f"{label(change.field, self.old, self.new)} {shown}"
            )
            return
        collection, key = _split_entry(change.field)
        sign = "+" if change.change == "added" else MINUS
        if collection not in COUNTED:
            fields = self.old | self.new
            self.told[change.field] = _entry_line(
                collection, key, sign, change.field, fields
            )
            return
        fields = self.new if change.change == "added" else self.old
        group = fields.get(f"{change.field}.{COUNTED[collection]}")
        tally = self.told.setdefault(f"{collection} {sign}", Counter())
        assert isinstance(tally, Counter)
        tally[group.text if group else "?"] += 1

    def lines(self) -> list[str]:
        return [
            told if isinstance(told, str) else _counted(key, told)
            for key, told in self.told.items()
        ]


def _file_of(path: str) -> str:
    for prefix in ("postmortem", "signals", "notes"):
        if path.startswith(prefix + "."):
            return prefix
    return "incident"


def _whole_files(old: Fields, new: Fields) -> dict[str, str]:
    """One line for an incident or post-mortem file added or removed as a whole."""
    before = {_file_of(path) for path in old}
    after = {_file_of(path) for path in new}
    lines: dict[str, str] = {}
    for file in ("incident", "postmortem"):
        if file in before and file not in after:
            lines[file] = f"{'post-mortem' if file == 'postmortem' else file} removed"
        elif file in after and file not in before:
            lines[file] = _added_file(file, new)
    return lines


def _added_file(file: str, new: Fields) -> str:
    if file == "incident":
        parts = [new[name].text for name in ("severity", "status") if name in new]
        title = new.get("title")
        shown = _quoted(title.text if title else "")
        return f"incident added: {shown} ({', '.join(parts)})"
    counted = []
    for collection in ("postmortem.contributing_factors", "postmortem.action_items"):
        count = sum(
            1
            for path, value in new.items()
            if value.kind == "entry" and path.startswith(collection + ".")
        )
        if count:
            plural, singular, _ = COLLECTIONS[collection]
            name = singular if count == 1 else plural.replace("_", " ")
            counted.append(f"{count} {name}")
    if "postmortem.review.state" in new:
        counted.append(f"review {new['postmortem.review.state'].text}")
    return "post-mortem added" + (": " + ", ".join(counted) if counted else "")


def label(path: str, old: Fields, new: Fields) -> str:
    """How a field is named in a summary: `detected`, `action item AI-3 status`."""
    owner = _entry_of(path, old, new)
    if owner is not None:
        collection, key = _split_entry(owner)
        rest = path[len(owner) + 1 :].replace(".", " ")
        return f"{COLLECTIONS[collection][1]} {key} {rest}"
    if path.startswith("times."):
        return path.removeprefix("times.")
    if path.startswith("roles."):
        return "role " + path.removeprefix("roles.")
    if path.startswith("postmortem."):
        rest = path.removeprefix("postmortem.")
        prefix = "post-mortem " if rest in _INCIDENT_TEXT else ""
        return prefix + rest.replace(".", " ")
    return path


def _show_value(value: Value, zone: tzinfo) -> str:
    if value.instant is not None:
        return _moment(value.instant, zone)
    if value.kind == "items":
        return ", ".join(_quoted(item) for item in value.items)
    return _quoted(value.text)


def _value(change: FieldChange) -> Value:
    value = change.new or change.old
    assert value is not None
    return value


def _entry_of(path: str, old: Fields, new: Fields) -> str | None:
    """The entry (`signals.<id>`) that holds `path`, if any."""
    for collection in COLLECTIONS:
        if path.startswith(collection + "."):
            parts = path.split(".")
            depth = collection.count(".") + 2
            for end in range(len(parts) - 1, depth - 1, -1):
                candidate = ".".join(parts[:end])
                found = new.get(candidate) or old.get(candidate)
                if found is not None and found.kind == "entry":
                    return candidate
    return None


def _split_entry(path: str) -> tuple[str, str]:
    for collection in COLLECTIONS:
        if path.startswith(collection + "."):
            return collection, path[len(collection) + 1 :]
    raise ValueError(path)


def _entry_line(collection: str, key: str, sign: str, path: str, fields: Fields) -> str:
    plural, _, shown = COLLECTIONS[collection]
    detail = fields.get(f"{path}.{shown}") if shown else None
    if detail is not None and (key.isdigit() or collection == "sources"):
        return f"{plural} {sign} {_quoted(detail.text)}"
    suffix = f" ({_short(detail.text)})" if detail is not None else ""
    return f"{plural} {sign} {key}{suffix}"


def _counted(key: str, tally: Counter[str]) -> str:
    collection, sign = key.split(" ")
    groups = ", ".join(f"{name} {tally[name]}" for name in sorted(tally))
    return f"{collection} {sign} {sum(tally.values())} ({groups})"


def _values(change: FieldChange, zone: tzinfo) -> str:
    old, new = change.old, change.new
    if old is None or new is None:
        sign, value = ("+", new) if old is None else (MINUS, old)
        assert value is not None
        return f"{sign} {_show_value(value, zone)}"
    if new.kind == "items":
        removed = Counter(old.items) - Counter(new.items)
        added = Counter(new.items) - Counter(old.items)
        parts = [f"+ {_quoted(item)}" for item in added.elements()]
        parts += [f"{MINUS} {_quoted(item)}" for item in removed.elements()]
        return " ".join(parts) or "reordered"
    if old.instant is not None and new.instant is not None:
        return _times(old.instant, new.instant, zone)
    if _long(old.text) or _long(new.text):
        return "changed"
    return f"{_quoted(old.text)} {ARROW} {_quoted(new.text)}"


def _moment(instant: Instant, zone: tzinfo) -> str:
    """Date and time in `zone`; the heading that names the zone says the offset."""
    shown = show_instant(instant, zone)
    return shown.rsplit(" ", 1)[0] if instant.exact else shown


def _times(old: Instant, new: Instant, zone: tzinfo) -> str:
    before, after = _moment(old, zone), _moment(new, zone)
    if old.exact and new.exact:
        same_day = before.split(" ")[0] == after.split(" ")[0]
        if same_day:
            before, after = before.split(" ", 1)[1], after.split(" ", 1)[1]
        delta = new.start - old.start
        sign = MINUS if delta.total_seconds() < 0 else "+"
        return f"{before} {ARROW} {after} ({sign}{format_duration(abs(delta))})"
    return f"{before} {ARROW} {after}"


def _long(text: str) -> bool:
    # Worth quoting, shortened: a title; not worth it: a paragraph.
    return len(text) > _QUOTABLE or "\n" in text


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHORT else flat[: _SHORT - 1] + "…"


def _quoted(text: str) -> str:
    shown = _short(text)
    return shown if shown and not any(c.isspace() for c in shown) else f'"{shown}"'
