"""Checks any adapter should pass, for its own tests; third-party adapters included.

```python
from incidentlore.normalise.testkit import check_adapter, parse_path

def test_contract():
    check_adapter(StatuspageAdapter(), [Path("tests/data/incidents.json")])

def test_values():
    result = parse_path(StatuspageAdapter(), Path("tests/data/incidents.json"))
    assert [s.id for s, _ in result.signals] == ["statuspage:p1kx..."]
```

`check_adapter` reads each sample twice (the signals must be the same), checks every
signal (source, id, aware times, a place in the file), that `detect` recognises the
sample, and that mangled copies of it (truncated, cut, flipped bytes) are rejected
record by record instead of raising.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from incidentlore.normalise.adapter import (
    IDENTIFIER,
    Adapter,
    Context,
    Export,
    ParseResult,
    RawFile,
)
from incidentlore.normalise.derive import parse
from incidentlore.normalise.detect import sample_of


def parse_path(
    adapter: Adapter,
    path: Path,
    *,
    zone: str | None = None,
    window: tuple[datetime, datetime] | None = None,
    year: int | None = None,
) -> ParseResult:
    """What `adapter` finds in a file (or a folder export), as a build would read it."""
    members = adapter.collect(path)
    files = tuple(
        RawFile(f"{path.name}/{member}" if member else path.name, member, data)
        for member, data in sorted(members.items())
    )
    return parse_files(adapter, files, Context(zone, window, year))


def parse_bytes(
    adapter: Adapter, data: bytes, name: str = "export", context: Context | None = None
) -> ParseResult:
    return parse_files(adapter, (RawFile(name, "", data),), context or Context())


def parse_files(
    adapter: Adapter, files: tuple[RawFile, ...], context: Context
) -> ParseResult:
    export = Export(adapter.name, files[0].name if files else "export", files)
    return parse(adapter.parse, export, context)


def mangled(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Broken copies of an export, each with what was done to it."""
    middle = len(data) // 2
    yield "empty", b""
    yield "only white space", b" \n\t\n"
    yield "cut in the middle", data[:middle]
    yield "last byte missing", data[:-1]
    yield "first byte missing", data[1:]
    yield "a byte that is not UTF-8", data[:middle] + b"\xff" + data[middle:]
    yield "a NUL byte", data[:middle] + b"\x00" + data[middle + 1 :]
    yield "lines in reverse", b"\n".join(reversed(data.split(b"\n")))
    yield (
        "every line cut short",
        b"\n".join(line[: len(line) // 2] for line in data.split(b"\n")),
    )
    yield "twice over", data + data
    yield "nested deeply", b"[" * 5_000 + b"]" * 5_000


def problems(
    adapter: Adapter, samples: Iterable[Path], context: Context | None = None
) -> list[str]:
    """What is wrong with `adapter`, judged on sample exports; empty if nothing."""
    found = [f"{adapter!r}: {problem}" for problem in _attributes(adapter)]
    for path in samples:
        found += [f"{path}: {problem}" for problem in _sample(adapter, path, context)]
    return found


def check_adapter(
    adapter: Adapter, samples: Iterable[Path], context: Context | None = None
) -> None:
    """Raise AssertionError listing every problem `problems` finds."""
    found = problems(adapter, samples, context)
    if found:
        raise AssertionError("\n".join(found))


def _attributes(adapter: Adapter) -> Iterator[str]:
    if not IDENTIFIER.fullmatch(adapter.name or ""):
        yield f"name {adapter.name!r} is not a usable source name"
    if not adapter.title or not adapter.expected:
        yield "title and expected should each say something"


def _sample(adapter: Adapter, path: Path, context: Context | None) -> Iterator[str]:
    context = context or Context()
    files = tuple(
        RawFile(f"{path.name}/{member}" if member else path.name, member, data)
        for member, data in sorted(adapter.collect(path).items())
    )
    first = parse_files(adapter, files, context)
    again = parse_files(adapter, files, context)
    if not first.signals:
        yield "no signals found"
    if first != again:
        yield "reading the same export twice gave different results"
    names = {file.name for file in files}
    for signal, where in first.signals:
        yield from _signal_problems(
            adapter, signal.source, signal.id, where.path, names
        )
        for instant in (signal.at, signal.ends_at):
            if instant is not None and instant.start.tzinfo is None:
                yield f"{signal.id}: a time without a zone"
    if adapter.detect(sample_of(path)) is None:
        yield "detect() does not recognise the sample"
    if len(files) == 1:
        for what, data in mangled(files[0].data):
            try:
                parse_bytes(adapter, data, files[0].name, context)
            except Exception as error:  # the check is that nothing escapes
                yield f"raised {error!r} reading it with {what}"


def _signal_problems(
    adapter: Adapter, source: str, signal_id: str, path: str, names: set[str]
) -> Iterator[str]:
    if source != adapter.name:
        yield f"{signal_id}: source is {source!r}, not {adapter.name!r}"
    if not IDENTIFIER.fullmatch(signal_id):
        yield f"{signal_id!r} is not a usable id"
    if path not in names:
        yield f"{signal_id}: its place names {path!r}, not a file of the export"
