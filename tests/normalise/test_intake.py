from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from incidentlore.errors import UsageError
from incidentlore.normalise import intake
from normalise.corpus import REGISTRY

LIMIT_ADVICE = (
    "lore keeps exports in the repository (GitHub refuses files over 100 MiB) and "
    "reads them whole at every build: cut the export to the incident's hours, "
    "channels or hosts and ingest that"
)


def refused(path: Path, source: str = "slack") -> str:
    with pytest.raises(UsageError) as error:
        REGISTRY.get(source).collect(path)
    return str(error.value)


def test_only_regular_files_and_folders_are_exports(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    advice = (
        "is not an export: ingest reads regular files and folders, since it keeps a "
        "copy that every build reads again; save the export to a file and ingest that"
    )
    with pytest.raises(UsageError) as error:
        intake.check_kind(pipe)
    assert str(error.value) == f"{pipe}: a named pipe (FIFO) {advice}"
    with pytest.raises(UsageError) as error:
        intake.check_kind(Path("/dev/zero"))
    assert str(error.value) == f"/dev/zero: a character device {advice}"
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(UsageError) as error:
        intake.check_kind(link)
    assert str(error.value) == f"{link}: a character device {advice}"
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "channels.json").write_text("[]", encoding="utf-8")
    os.mkfifo(folder / "pipe")
    assert refused(folder) == f"{folder / 'pipe'}: a named pipe (FIFO) {advice}"


def test_a_file_larger_than_an_export_may_be_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "MAX_EXPORT_BYTES", 1_000)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 1_001)
    assert refused(big, "alertmanager") == (
        f"{big}: the export is larger than 1000 bytes, the most an export may be; "
        + LIMIT_ADVICE
    )
    (tmp_path / "small.json").write_bytes(b" " * 1_000)
    assert REGISTRY.get("alertmanager").collect(tmp_path / "small.json") == {
        "": b" " * 1_000
    }


def test_a_folder_export_larger_than_an_export_may_be_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "MAX_EXPORT_BYTES", 1_000)
    folder = tmp_path / "export"
    (folder / "random").mkdir(parents=True)
    for day in ("2018-01-20", "2018-01-21"):
        (folder / "random" / f"{day}.json").write_bytes(b" " * 600)
    assert refused(folder) == (
        f"{folder}: the export is larger than 1000 bytes, the most an export may be; "
        + LIMIT_ADVICE
    )


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_that_unpacks_to_more_than_an_export_may_be_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "MAX_EXPORT_BYTES", 1_000)
    archive = zipped(
        tmp_path / "export.zip",
        {"channels.json": b"[]", "random/2018-01-20.json": os.urandom(999)},
    )
    assert refused(archive) == (
        f"{archive}: the zip file unpacks to more than 1000 bytes, the most an export "
        "may be; " + LIMIT_ADVICE
    )


def test_a_member_compressed_far_more_than_exports_are_is_refused(
    tmp_path: Path,
) -> None:
    archive = zipped(
        tmp_path / "bomb.zip",
        {"channels.json": b"[]", "random/2018-01-20.json": b"\0" * (4 * 1024**2)},
    )
    message = refused(archive)
    assert message.startswith(f"{archive}: random/2018-01-20.json is compressed "), (
        message
    )
    assert message.endswith(
        ":1, far more than exports are (at most 100:1 is unpacked); it looks like a "
        "zip bomb, so it is not unpacked"
    )


def test_a_damaged_zip_is_refused_with_why(tmp_path: Path) -> None:
    archive = zipped(tmp_path / "damaged.zip", {"channels.json": b"[" * 5_000 + b"]"})
    data = bytearray(archive.read_bytes())
    start = 30 + len("channels.json")  # the member's data follows its local header
    data[start : start + 4] = b"\xff" * 4
    archive.write_bytes(bytes(data))
    assert refused(archive).startswith(
        f"{archive}: the zip file cannot be unpacked (channels.json: "
    )
