"""Reading what a user names at ingest: regular files and folders, within limits.

An export is kept in the repository and read whole at every build, so it has to be
something that ends (not a pipe or a device) and of a size git hosts accept: GitHub
refuses files over 100 MiB, and an incident's export is far smaller than that (a Slack
export of a few channels and days is a few MB). The same limit holds for a folder's
files together and for what a zip file unpacks to, since a zip is stored unpacked.

A zip member compressed more than 100:1 is refused before it is unpacked: JSON exports
compress about 10 to 20 times, while a zip bomb compresses about 1,000 times.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from incidentlore.errors import UsageError

MAX_EXPORT_BYTES = 100 * 1024**2
MAX_ZIP_RATIO = 100
RATIO_FROM_BYTES = 1024**2  # smaller members cannot do harm whatever their ratio
_CHUNK = 1024**2
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_kind(path: Path) -> None:
    """Refuse anything but a regular file or a folder (links are followed)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    raise UsageError(
        f"{path}: {kind} is not an export: ingest reads regular files and folders, "
        "since it keeps a copy that every build reads again; save the export to a "
        "file and ingest that"
    )


def read_file(path: Path, budget: int | None = None) -> bytes:
    """A regular file's bytes, refused past `budget` (what the export may still use)."""
    check_kind(path)
    limit = MAX_EXPORT_BYTES if budget is None else budget
    with path.open("rb") as stream:
        data = stream.read(limit + 1)  # a file may grow while it is read
    if len(data) > limit:
        raise UsageError(_too_large(path, "the export is larger"))
    return data


def read_folder(folder: Path, hidden: Callable[[str], bool]) -> dict[str, bytes]:
    """The files of a folder export by their paths inside it, except `hidden` ones."""
    members: dict[str, bytes] = {}
    left = MAX_EXPORT_BYTES
    for entry in sorted(folder.rglob("*")):
        name = entry.relative_to(folder).as_posix()
        if hidden(name):
            continue
        check_kind(entry)
        if entry.is_dir():
            continue
        if entry.stat().st_size > left:
            raise UsageError(_too_large(folder, "the export is larger"))
        members[name] = read_file(entry, left)
        left -= len(members[name])
    return members


def unzip(path: Path, hidden: Callable[[str], bool]) -> dict[str, bytes]:
    """The files of a zip export by their paths inside it, except `hidden` ones."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _unpacked(path, archive, hidden)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise UsageError(f"{path}: the zip file cannot be unpacked ({error})") from None


def _unpacked(
    path: Path, archive: zipfile.ZipFile, hidden: Callable[[str], bool]
) -> dict[str, bytes]:
    entries = [info for info in archive.infolist() if not info.is_dir()]
    for info in entries:
        name = PurePosixPath(info.filename)
        if name.is_absolute() or ".." in name.parts:
            raise UsageError(
                f"{path}: the zip file holds an unsafe path {info.filename!r}"
            )
        _check_ratio(path, info)
    members: dict[str, bytes] = {}
    left = MAX_EXPORT_BYTES
    for info in entries:
        if hidden(info.filename):
            continue
        data = _member(archive, info, left, path)
        members[PurePosixPath(info.filename).as_posix()] = data
        left -= len(data)
    return dict(sorted(members.items()))


def _check_ratio(path: Path, info: zipfile.ZipInfo) -> None:
    if info.file_size < RATIO_FROM_BYTES:
        return
    ratio = info.file_size // max(info.compress_size, 1)
    if ratio > MAX_ZIP_RATIO:
        raise UsageError(
            f"{path}: {info.filename} is compressed {ratio}:1, far more than exports "
            f"are (at most {MAX_ZIP_RATIO}:1 is unpacked); it looks like a zip bomb, "
            "so it is not unpacked"
        )


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, left: int, path: Path
) -> bytes:
    """A member's bytes, counted as they are unpacked: sizes in a zip can lie."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > left:
                    raise UsageError(_too_large(path, "the zip file unpacks to more"))
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise zipfile.BadZipFile(f"{info.filename}: {error}") from None
    return b"".join(chunks)


def _too_large(path: Path, what: str) -> str:
    return (
        f"{path}: {what} than {_size(MAX_EXPORT_BYTES)}, the most an export "
        "may be; lore keeps exports in the repository (GitHub refuses files over "
        "100 MiB) and reads them whole at every build: cut the export to the "
        "incident's hours, channels or hosts and ingest that"
    )


def _size(count: int) -> str:
    if count % 1024**2 == 0:
        return f"{count // 1024**2} MiB"
    return f"{count} bytes"
