"""Guessing an export's source from its content, with the reason for the guess."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from incidentlore.normalise.adapter import UTF16_MARKS, Sample
from incidentlore.normalise.intake import check_kind
from incidentlore.normalise.jsondoc import Document, documents
from incidentlore.normalise.registry import Registry

HEAD_BYTES = 1024 * 1024
WHOLE_BYTES = 16 * 1024 * 1024  # files up to this size are decoded whole


@dataclass(frozen=True, slots=True)
class Guess:
    source: str
    score: int
    reason: str


@dataclass(frozen=True, slots=True)
class DetectResult:
    path: Path
    guesses: tuple[Guess, ...]  # best first
    problems: tuple[str, ...]  # adapters that could not be loaded

    @property
    def chosen(self) -> Guess | None:
        return self.guesses[0] if self.guesses else None


def sample_of(path: Path) -> Sample:
    check_kind(path)
    if path.is_dir():
        members = sorted(p.relative_to(path).as_posix() for p in path.rglob("*"))
        return Sample(path.name, "", tuple(members))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [
                name.split("/", 1)[-1] if "/" in name else name
                for name in archive.namelist()
            ]
        return Sample(path.name, "", tuple(sorted({*names, *archive.namelist()})))
    with path.open("rb") as stream:
        return sample_from(path.name, stream.read(WHOLE_BYTES + 1))


def sample_from(name: str, data: bytes) -> Sample:
    """A sample of a file's bytes; only the start of a large file is looked at."""
    head = data if len(data) <= WHOLE_BYTES else data[:HEAD_BYTES]
    encoding = "utf-16" if head.startswith(UTF16_MARKS) else "utf-8"
    text = head.decode(encoding, errors="replace").removeprefix("\ufeff")
    first = next(iter(documents(text, depth=0)), None)
    document = first.value if isinstance(first, Document) else None
    return Sample(name, text, (), document)


def detect(path: Path, registry: Registry) -> DetectResult:
    sample = sample_of(path)
    adapters, problems = registry.everything()
    guesses = [
        Guess(adapter.name, found.score, found.reason)
        for adapter in adapters
        if (found := adapter.detect(sample)) is not None and found.score > 0
    ]
    guesses.sort(key=lambda guess: (-guess.score, guess.source))
    return DetectResult(path, tuple(guesses), tuple(problems))
