"""lore.yaml `ingest:`: how ingested signals name services, and CSV/JSON mappings."""

from __future__ import annotations

import enum
from typing import Literal

from pydantic import Field, model_validator

from incidentlore.model.base import Identifier, StrictModel
from incidentlore.model.signal import SignalKind


class ServiceMapping(StrictModel):
    """Which labels of an ingested signal name a service, and how to rename them."""

    labels: list[str] = Field(
        default_factory=lambda: ["service"],
        description=(
            "Label names whose values may name a catalog service, e.g. service, job, "
            "app.kubernetes.io/name. A value that names no service stays a label only."
        ),
    )
    aliases: dict[str, Identifier] = Field(
        default_factory=dict,
        description="A label value -> the catalog service it means.",
    )


class Column(enum.StrEnum):
    """What a column of a mapped CSV or JSON export holds."""

    ID = "id"
    AT = "at"
    ENDS_AT = "ends_at"
    SUMMARY = "summary"
    SEVERITY = "severity"
    SERVICES = "services"
    URL = "url"
    LABEL = "label"
    IGNORE = "ignore"


SINGLE_COLUMNS = (Column.ID, Column.AT, Column.ENDS_AT, Column.SEVERITY, Column.URL)


class Mapping(StrictModel):
    """A source without an adapter: its columns (or JSON keys) mapped to fields."""

    format: Literal["csv", "json", "jsonl"]
    title: str | None = None
    kind: SignalKind = SignalKind.EVENT
    records: str | None = Field(
        default=None,
        description="For json: the dotted path to the list of records, e.g. data.items",
    )
    columns: dict[str, Column] = Field(
        description="Column (or JSON key, dotted for nested ones) -> field."
    )
    other_columns: Literal["label", "ignore"] = Field(
        default="label", description="What columns not listed become."
    )

    @model_validator(mode="after")
    def _fields_once(self) -> Mapping:
        fields = list(self.columns.values())
        for needed in (Column.AT, Column.SUMMARY):
            if needed not in fields:
                raise ValueError(f"columns: map one column to {needed.value!r}")
        for single in SINGLE_COLUMNS:
            if fields.count(single) > 1:
                raise ValueError(f"columns: only one column can be {single.value!r}")
        return self


class IngestSettings(StrictModel):
    services: ServiceMapping = Field(default_factory=ServiceMapping)
    mappings: dict[Identifier, Mapping] = Field(
        default_factory=dict,
        description="Sources read by mapping columns: `lore ingest NAME FILE`.",
    )
