"""Notes: human context on the timeline, each optionally about one signal."""

from __future__ import annotations

import enum

from pydantic import Field

from incidentlore.model.base import Identifier, StrictModel, Text, Time


class NoteKind(enum.StrEnum):
    NOTE = "note"
    DECISION = "decision"
    HYPOTHESIS = "hypothesis"
    QUESTION = "question"
    FINDING = "finding"


class Note(StrictModel):
    id: Identifier
    at: Time
    kind: NoteKind = NoteKind.NOTE
    author: str | None = None
    text: Text
    about: Identifier | None = Field(
        default=None, description="The id of the signal this note annotates."
    )


class NotesFile(StrictModel):
    notes: list[Note] = Field(default_factory=list)
