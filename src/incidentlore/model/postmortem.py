"""postmortem.yaml: the structured write-up reviewed after the incident."""

from __future__ import annotations

import datetime
import enum
import re
from typing import Annotated

from pydantic import BeforeValidator, Field

from incidentlore.model.base import Identifier, StrictModel, Text, Url


class ContributingFactor(StrictModel):
    category: Identifier
    description: Text
    evidence: list[Identifier] = Field(
        default_factory=list, description="Ids of signals or notes that show it."
    )


class HypothesisState(enum.StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Hypothesis(StrictModel):
    statement: Text
    state: HypothesisState = HypothesisState.OPEN
    evidence: list[Identifier] = Field(default_factory=list)


class Decision(StrictModel):
    decision: Text
    rationale: str | None = None
    by: str | None = None
    note: Identifier | None = Field(
        default=None, description="The id of the timeline note that records it."
    )


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: object) -> object:
    # Dates are written as YYYY-MM-DD; anything else is refused rather than guessed
    # (pydantic alone would read "1767225600" as a Unix time).
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or _DATE.fullmatch(value) is None:
        raise ValueError(f"{_short(value)} is not a date; write it as YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


Date = Annotated[datetime.date, BeforeValidator(_iso_date)]


class ActionItem(StrictModel):
    id: Identifier
    title: Text
    owner: str | None = None
    type: Identifier | None = Field(
        default=None, description="e.g. prevent, mitigate, detect, process"
    )
    priority: Identifier | None = None
    status: ActionStatus = ActionStatus.OPEN
    due: Date | None = None
    tracker: Url | None = None


class ReviewState(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in-review"
    REVIEWED = "reviewed"
    PUBLISHED = "published"


class Review(StrictModel):
    state: ReviewState = ReviewState.DRAFT
    reviewers: list[Text] = Field(default_factory=list)
    reviewed_on: Date | None = None


class PostMortem(StrictModel):
    summary: str | None = None
    impact: str | None = None
    detection: str | None = None
    response: str | None = None
    recovery: str | None = None
    trigger: str | None = None
    contributing_factors: list[ContributingFactor] = Field(default_factory=list)
    hypotheses: list[Hypothesis] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    went_well: list[Text] = Field(default_factory=list)
    went_badly: list[Text] = Field(default_factory=list)
    lucky: list[Text] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    lessons: list[Text] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
