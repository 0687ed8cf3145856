from __future__ import annotations

from pathlib import Path

from incidentlore.normalise.storage import (
    read_export,
    stored_exports,
    stored_name,
    write_export,
)


def test_names_come_from_the_content() -> None:
    assert stored_name({"": b"abc"}, ".json", None) == "ba7816bf8f01cfea.json"
    assert stored_name({"": b"abc"}, ".log", 2016) == "ba7816bf8f01cfea.year-2016.log"
    assert stored_name({"": b"abc"}, "", None) == "ba7816bf8f01cfea.raw"
    folder = {"users.json": b"[]", "random/2018-01-20.json": b"[]"}
    assert stored_name(folder, ".json", None) == stored_name(
        dict(reversed(folder.items())), ".zip", None
    )
    assert "." not in stored_name(folder, ".json", None)


def test_folder_exports_are_written_whole_and_read_back(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_export(raw / "slack" / "abc", {"users.json": b"[]", "general/d.json": b"[1]"})
    write_export(raw / "syslog" / "0123456789abcdef.year-2016.log", {"": b"x\n"})
    (raw / "stray.json").write_text("{}")
    (raw / "slack" / ".hidden").write_text("")
    exports, problems = stored_exports(raw, tmp_path)
    assert [(e.source, e.name, e.year) for e in exports] == [
        ("slack", "raw/slack/abc", None),
        ("syslog", "raw/syslog/0123456789abcdef.year-2016.log", 2016),
    ]
    assert [str(p) for p in problems] == [
        "raw/stray.json: error: keep exports in raw/<source>/, e.g. raw/alertmanager/; "
        "lore ingest puts them there"
    ]
    folder = read_export(exports[0])
    assert [(f.name, f.member, f.data) for f in folder.files] == [
        ("raw/slack/abc/general/d.json", "general/d.json", b"[1]"),
        ("raw/slack/abc/users.json", "users.json", b"[]"),
    ]
