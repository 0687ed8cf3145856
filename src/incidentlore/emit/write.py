"""Atomic file writes: a reader sees the old file or the new one, never half of one.

What lore writes gets the permissions anything else the user writes would get: a
replaced file keeps its mode, and a new file or folder gets the default for the
umask (0o666 or 0o777 without its bits), not the private 0o600 and 0o700 that
temporary files start with.
"""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from pathlib import Path

STATUS = Path("/proc/self/status")


def write_atomic(path: Path, text: str | bytes, *, durable: bool = True) -> bool:
    """Write `text` (or bytes) to `path` unless it already holds it; True if changed.

    `durable` also forces the data to disk before the rename, for files people wrote.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = write_beside(path, data, durable=durable)
    try:
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def write_beside(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """`data` in a new hidden file next to `path`, with the mode `path` has or
    would get; the caller renames it into place."""
    mode = mode_for(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise _in_folder(error, path.parent) from None
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def folder_beside(target: Path) -> Path:
    """A new hidden folder next to `target`, to fill and then rename into place."""
    try:
        folder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    except OSError as error:
        raise _in_folder(error, target.parent) from None
    folder.chmod(0o777 & ~umask())
    return folder


def mode_for(path: Path) -> int:
    """The permission bits of the file at `path`, or those a new file gets."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process's umask, read where the system shows it."""
    try:
        with STATUS.open("rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    return umask_at_start()


@functools.cache
def umask_at_start() -> int:
    # Reading the umask means setting it and putting it back, which a thread that
    # creates a file in between would notice; so it is done once, when first needed.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _in_folder(error: OSError, folder: Path) -> OSError:
    """The error of creating a temporary file, about the folder it was to go in:
    the temporary's random name would mean nothing to the reader."""
    return OSError(error.errno, error.strerror, str(folder))
