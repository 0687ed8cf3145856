from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from incidentlore.normalise.testkit import check_adapter, parse_path
from normalise.corpus import REGISTRY, fixture, read, rejected, rows, utc


def test_export_thread_and_day_file_pass_the_adapter_checks() -> None:
    check_adapter(
        REGISTRY.get("slack"),
        [
            fixture("slack", "export"),
            fixture("slack", "thread-replies-out-of-order.json"),
            fixture("slack", "export", "random", "2018-01-20.json"),
        ],
    )


def test_export_folder() -> None:
    result = read("slack", "slack", "export")
    assert len(result.signals) == 11
    assert result.rejected == []
    first, where = result.signals[0]
    assert (first.id, first.at.text, first.at.start) == (
        "slack:random:1516454398.000069",
        "1516454398.000069",
        utc(2018, 1, 20, 13, 19, 58, 69),
    )
    assert first.summary == "User Four: @User Four has joined the channel"
    assert str(where) == "export/random/2018-01-20.json:2:5"
    assert {s.at.start.date() for s, _ in result.signals} == {utc(2018, 1, 20).date()}
    share = result.signals[3][0]
    assert share.labels["files"] == "dirac72.md"
    assert share.summary == (
        "user-1: @user-1 uploaded a file: dirac72.md and commented: test upload "
        "attachment"
    )
    near_duplicates = [
        s.id for s, _ in result.signals if s.summary == "User Two: @everyone"
    ]
    assert near_duplicates == [
        "slack:random:1516468505.000010",
        "slack:random:1516468518.000115",
    ]


def test_zip_reads_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(fixture("slack", "export").rglob("*.json")):
            name = (
                "Workspace Export/"
                + path.relative_to(fixture("slack", "export")).as_posix()
            )
            zipped.write(path, name)
    from_zip = parse_path(REGISTRY.get("slack"), archive)
    assert rows(from_zip) == rows(read("slack", "slack", "export"))


def test_a_day_file_alone_takes_its_channel_from_its_folder(tmp_path: Path) -> None:
    day = tmp_path / "incident-war-room" / "2018-01-20.json"
    day.parent.mkdir()
    shutil.copy(fixture("slack", "export", "random", "2018-01-20.json"), day)
    result = parse_path(REGISTRY.get("slack"), day)
    assert result.signals[0][0].id == "slack:incident-war-room:1516454398.000069"
    assert (
        result.signals[0][0].summary == "U8VAHEVUY: @U8VAHEVUY has joined the channel"
    )


def test_threads_out_of_order_are_all_kept() -> None:
    result = read("slack", "slack", "thread-replies-out-of-order.json")
    assert rows(result) == [
        ("slack:random:1434139102.000002", utc(2015, 6, 12, 19, 58, 22, 2), None),
        ("slack:random:1439868294.000007", utc(2015, 8, 18, 3, 24, 54, 7), None),
        ("slack:random:1539868294.000007", utc(2018, 10, 18, 13, 11, 34, 7), None),
        ("slack:random:1449868294.000007", utc(2015, 12, 11, 21, 11, 34, 7), None),
    ]
    reply = result.signals[3][0]
    assert reply.labels["thread_ts"] == "1539868294.000007"
    assert "thread_ts" not in result.signals[0][0].labels


def test_files_that_are_not_part_of_an_export_are_reported(tmp_path: Path) -> None:
    shutil.copytree(fixture("slack", "export"), tmp_path / "export")
    (tmp_path / "export" / "notes.txt").write_text("hello\n")
    result = parse_path(REGISTRY.get("slack"), tmp_path / "export")
    assert len(result.signals) == 11
    assert rejected(result) == [
        "export/notes.txt: warning: not part of a Slack export: expected a Slack "
        "export (channels.json, users.json, <channel>/<day>.json) or a day file: a "
        "JSON list of messages, each with a 'ts'"
    ]
