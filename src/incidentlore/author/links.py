"""`lore link`: a relation from one incident to another, in incident.yaml.

Only the incident that links is edited; the build shows the link from both sides
(the other incident lists it as incoming, with the inverse relation).
"""

from __future__ import annotations

from dataclasses import dataclass

from incidentlore.author.transaction import EditResult, IncidentEdit
from incidentlore.author.workspace import Workspace
from incidentlore.author.yamlrender import Value
from incidentlore.errors import UsageError
from incidentlore.lock import writes_repository
from incidentlore.model.incident import Relation


@dataclass(frozen=True, slots=True)
class LinkAdded:
    edit: EditResult
    other: str
    relation: Relation
    added: bool


@writes_repository
def add_link(
    workspace: Workspace,
    incident_id: str,
    other: str,
    relation: Relation,
    note: str | None = None,
) -> LinkAdded:
    edit = IncidentEdit.begin(workspace, incident_id)
    if other == edit.incident_id:
        raise UsageError("an incident cannot link to itself")
    workspace.folder(other)  # the other incident must exist
    for link in edit.record.incident.links:
        if link.incident == other and link.relation == relation:
            return LinkAdded(edit.commit(), other, relation, added=False)
    item: dict[str, Value] = {"incident": other, "relation": relation.value}
    if note and note.strip():
        item["note"] = note.strip()
    edit.file("incident.yaml").append(("links",), item)
    return LinkAdded(edit.commit(), other, relation, added=True)
