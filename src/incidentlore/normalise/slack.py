"""Slack workspace exports: the export folder or its zip, or channel day files.

An export holds `channels.json`, `users.json` and one folder per channel with a file
per day (`random/2018-01-20.json`), each a list of messages. A message is named by its
channel and its `ts`, which is kept exactly as the text Slack wrote: it is Slack's own
message id, not just a time. A day file ingested alone keeps the folder it was in,
which is its channel's name.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from incidentlore.model.signal import Signal, SignalKind
from incidentlore.normalise.adapter import (
    Adapter,
    BadRecord,
    Context,
    Detection,
    Export,
    ParseResult,
    RawFile,
    Sample,
    new_signal,
)
from incidentlore.normalise.fields import epoch, one_line, optional_text, text
from incidentlore.normalise.ids import signal_id
from incidentlore.normalise.intake import check_kind, read_file, read_folder, unzip
from incidentlore.normalise.jsondoc import Broken, Lines, documents
from incidentlore.normalise.payloads import Located

CONVERSATIONS = ("channels.json", "groups.json", "mpims.json", "dms.json")
METADATA = (*CONVERSATIONS, "users.json", "integration_logs.json", "canvases.json")
_MENTION = re.compile(
    r"<([@#!])([^>|]+)(?:\|([^>]*))?>|<(https?://[^>|]+)(?:\|([^>]*))?>"
)
LABEL_KEYS = ("user", "subtype", "bot_id", "parent_user_id")


class SlackAdapter(Adapter):
    name = "slack"
    title = "Slack workspace exports (folder or zip) and channel day files"
    expected = (
        "a Slack export (channels.json, users.json, <channel>/<day>.json) or a "
        "day file: a JSON list of messages, each with a 'ts'"
    )
    folders = True

    def detect(self, sample: Sample) -> Detection | None:
        found = [name for name in METADATA if name in sample.members]
        if found:
            return Detection(95, f"an export folder with {', '.join(found[:2])}")
        messages = sample.document
        first = messages[0] if isinstance(messages, list) and messages else None
        if not isinstance(first, dict) or "ts" not in first:
            return None
        if "text" not in first and "type" not in first:
            return None
        return Detection(85, "a list of messages with Slack 'ts' values")

    def collect(self, path: Path) -> Mapping[str, bytes]:
        check_kind(path)
        if path.is_dir():
            members = read_folder(path, _hidden)
        elif zipfile.is_zipfile(path):
            members = unzip(path, _hidden)
        else:
            return {f"{path.resolve().parent.name}/{path.name}": read_file(path)}
        return _without_top_folder(members)

    def parse(self, export: Export, context: Context, result: ParseResult) -> None:
        files = {file.member: file for file in export.files}
        users = _users(files.get("users.json"), result)
        for file in export.files:
            parts = PurePosixPath(file.member).parts
            if len(parts) == 2 and parts[1].endswith(".json"):
                self._day(file, parts[0], users, result)
            elif file.member not in METADATA:
                result.reject(
                    file.at(),
                    f"not part of a Slack export: expected {self.expected}",
                )

    def _day(
        self, file: RawFile, folder: str, users: dict[str, str], result: ParseResult
    ) -> None:
        text_ = file.text(result)
        lines = Lines(text_)
        for found in documents(text_, depth=1):
            if isinstance(found, Broken):
                result.reject(file.at(*lines.at(found.offset)), found.reason)
                continue
            located = Located(file, lines, found)
            messages = found.value if isinstance(found.value, list) else [found.value]
            for index, message in enumerate(messages):
                where = (
                    located.at(index) if isinstance(found.value, list) else located.at()
                )
                with result.record(where):
                    result.add(self._message(message, folder, users), where)

    def _message(self, message: Any, folder: str, users: dict[str, str]) -> Signal:
        if not isinstance(message, dict) or "ts" not in message:
            raise BadRecord("not a Slack message: expected an object with a 'ts'")
        ts = text(message, "ts")
        channel = optional_text(message, "channel_name") or folder
        user = optional_text(message, "user")
        who = users.get(user or "") or optional_text(message, "username") or user
        body = _readable(optional_text(message, "text") or "", users)
        if not body:
            body = _files(message) or optional_text(message, "subtype") or "(no text)"
        labels = {key: optional_text(message, key) for key in LABEL_KEYS}
        thread = optional_text(message, "thread_ts")
        labels |= {
            "channel": channel,
            "user_name": who,
            "thread_ts": thread if thread and thread != ts else None,
            "files": _files(message),
        }
        return new_signal(
            id=signal_id(self.name, channel, ts),
            source=self.name,
            kind=SignalKind.CHAT,
            at=epoch(ts, "s", what="ts"),
            summary=one_line(f"{who}: {body}" if who else body),
            labels={key: value for key, value in labels.items() if value},
        )


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/"))


def _without_top_folder(members: dict[str, bytes]) -> dict[str, bytes]:
    """An export zipped with its folder around it reads like one without."""
    tops = {name.split("/", 1)[0] for name in members}
    if len(tops) != 1 or any("/" not in name for name in members):
        return members
    (top,) = tops
    inner = {name[len(top) + 1 :]: data for name, data in members.items()}
    return inner if any(name in METADATA for name in inner) else members


def _users(file: RawFile | None, result: ParseResult) -> dict[str, str]:
    if file is None:
        return {}
    text_ = file.text(result)
    names: dict[str, str] = {}
    for found in documents(text_, depth=0):
        if isinstance(found, Broken) or not isinstance(found.value, list):
            where = file.at(*Lines(text_).at(found.offset))
            result.reject(where, "users.json is not a list of users; names not shown")
            continue
        for user in found.value:
            if isinstance(user, dict) and isinstance(user.get("id"), str):
                profile = (
                    user.get("profile") if isinstance(user.get("profile"), dict) else {}
                )
                name = (
                    optional_text(profile or {}, "display_name")
                    or optional_text(user, "real_name")
                    or optional_text(user, "name")
                )
                if name:
                    names[user["id"]] = name
    return names


def _readable(body: str, users: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        sigil, target, label, url, url_label = match.groups()
        if url:
            return str(url_label or url)
        if label:
            return f"{sigil if sigil != '!' else '@'}{label}"
        if sigil == "@":
            return "@" + users.get(target, target)
        return ("@" if sigil == "!" else "#") + target

    return _MENTION.sub(replace, body)


def _files(message: dict[str, Any]) -> str | None:
    found = message.get("files")
    files = found if isinstance(found, list) else [message.get("file")]
    names = [
        str(file.get("name") or file.get("title"))
        for file in files
        if isinstance(file, dict) and (file.get("name") or file.get("title"))
    ]
    return ", ".join(names) or None
