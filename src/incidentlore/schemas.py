"""JSON Schemas generated from the models, for editors and for programs."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from incidentlore.emit.export import IncidentExport
from incidentlore.model.catalog import Catalog
from incidentlore.model.incident import Incident
from incidentlore.model.note import NotesFile
from incidentlore.model.postmortem import PostMortem
from incidentlore.model.signal import SignalsFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# File name -> (model, title, whether it describes an output rather than an input).
SCHEMAS: dict[str, tuple[type[BaseModel], str, bool]] = {
    "lore.schema.json": (Catalog, "lore.yaml: catalog and settings", False),
    "incident.schema.json": (Incident, "incident.yaml", False),
    "postmortem.schema.json": (PostMortem, "postmortem.yaml", False),
    "notes.schema.json": (NotesFile, "notes.yaml", False),
    "signals.schema.json": (SignalsFile, "signals.yaml", False),
    "export.schema.json": (IncidentExport, "JSON export of one incident", True),
}


def generate() -> dict[str, str]:
    """Every schema as the text that is checked in under schemas/."""
    generated = {}
    for name, (model, title, output) in SCHEMAS.items():
        schema = model.model_json_schema(
            mode="serialization" if output else "validation"
        )
        schema = {"$schema": SCHEMA_DIALECT, **schema, "title": title}
        generated[name] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return generated


def stale(folder: Path) -> list[str]:
    """Names of schemas in `folder` that differ from what the models generate."""
    return [
        name
        for name, text in generate().items()
        if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
    ]
