"""`lore action`: post-mortem action items added, closed or dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidentlore.author.ids import ACTION_PREFIX, next_numbered
from incidentlore.author.times import typed_date
from incidentlore.author.transaction import EditResult, IncidentEdit
from incidentlore.author.workspace import Workspace, require_known, typed_title
from incidentlore.author.yamlrender import Value
from incidentlore.errors import UsageError
from incidentlore.lock import writes_repository
from incidentlore.model.postmortem import ActionStatus

_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True)
class NewAction:
    title: str
    owner: str | None = None
    type: str | None = None
    priority: str | None = None
    due: str | None = None
    tracker: str | None = None


@dataclass(frozen=True, slots=True)
class ActionChanged:
    edit: EditResult
    action_id: str
    status: ActionStatus
    previous: ActionStatus | None  # None for a new item

    @property
    def changed(self) -> bool:
        return self.status != self.previous


@writes_repository
def add_action(
    workspace: Workspace, incident_id: str, request: NewAction
) -> ActionChanged:
    edit = IncidentEdit.begin(workspace, incident_id)
    title = typed_title(request.title, "the action item's title")
    if request.tracker is not None and not _URL.fullmatch(request.tracker):
        raise UsageError(f"--tracker: {request.tracker!r} is not an http(s) address")
    postmortem = edit.record.postmortem
    taken = {item.id for item in postmortem.action_items} if postmortem else set()
    action_id = next_numbered(ACTION_PREFIX, taken)
    item: dict[str, Value] = {"id": action_id, "title": title}
    for key in ("owner", "type", "priority"):
        value = getattr(request, key)
        if value is not None and value.strip():
            item[key] = value.strip()
    item["status"] = ActionStatus.OPEN.value
    if request.due is not None:
        item["due"] = typed_date("--due", request.due)
    if request.tracker is not None:
        item["tracker"] = request.tracker
    edit.file("postmortem.yaml").append(("action_items",), item)
    return ActionChanged(edit.commit(), action_id, ActionStatus.OPEN, None)


@writes_repository
def set_action_status(
    workspace: Workspace, incident_id: str, action_id: str, status: ActionStatus
) -> ActionChanged:
    """Mark an action item done, dropped, or open again."""
    edit = IncidentEdit.begin(workspace, incident_id)
    postmortem = edit.record.postmortem
    items = list(postmortem.action_items) if postmortem else []
    require_known("action item", action_id, [i.id for i in items])
    index = [item.id for item in items].index(action_id)
    previous = items[index].status
    if previous != status:
        path = ("action_items", index, "status")
        edit.file("postmortem.yaml").set(path, status.value)
    return ActionChanged(edit.commit(), action_id, status, previous)
