"""`lore set` and `lore status`: one value of incident.yaml changed in place."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from incidentlore.author.times import is_time_of_day, typed_time, zone_rule
from incidentlore.author.transaction import EditResult, IncidentEdit
from incidentlore.author.workspace import Workspace, require_known
from incidentlore.errors import UsageError
from incidentlore.load.yamlfile import PathKey
from incidentlore.lock import writes_repository
from incidentlore.model.base import Identifier
from incidentlore.model.incident import KEY_TIMES, Incident
from incidentlore.model.times import Instant, TimeError, zone_named

# Fields `lore set` changes; lists and links have commands of their own.
TEXT_FIELDS = ("title", "summary", "impact")
CATALOG_FIELDS = {"severity": "severities", "status": "statuses", "outcome": "outcomes"}
SETTABLE = (*TEXT_FIELDS, *CATALOG_FIELDS, "timezone", *KEY_TIMES, "roles.<role>")
_IDENTIFIER: TypeAdapter[str] = TypeAdapter(Identifier)


@dataclass(frozen=True, slots=True)
class FieldSet:
    edit: EditResult
    field: str
    old: str | None
    new: str
    instant: Instant | None = None
    # A key time named like the new status that the incident does not have yet.
    unset_time: str | None = None

    @property
    def changed(self) -> bool:
        return self.old != self.new


@writes_repository
def set_field(
    workspace: Workspace, incident_id: str, field: str, value: str
) -> FieldSet:
    """Set a scalar field, a key time (`mitigated` or `times.mitigated`) or a role."""
    return _set(workspace, IncidentEdit.begin(workspace, incident_id), field, value)


@writes_repository
def set_status(workspace: Workspace, incident_id: str, status: str) -> FieldSet:
    edit = IncidentEdit.begin(workspace, incident_id)
    times = edit.record.incident.times
    result = _set(workspace, edit, "status", status)
    if status in KEY_TIMES and result.changed and getattr(times, status) is None:
        return dataclasses.replace(result, unset_time=status)
    return result


def _set(workspace: Workspace, edit: IncidentEdit, field: str, value: str) -> FieldSet:
    incident = edit.record.incident
    path, old = _field(incident, field)
    instant = None
    if path[0] == "times":
        instant = _key_time(workspace, incident, str(path[1]), value)
        value = instant.text
    else:
        value = _checked(workspace, path, value)
    if value != old:
        edit.file("incident.yaml").set(path, value)
    shown = ".".join(map(str, path))
    return FieldSet(edit.commit(), shown, old, value, instant)


def _field(incident: Incident, field: str) -> tuple[PathKey, str | None]:
    name = field.removeprefix("times.")
    if name in KEY_TIMES:
        instant = getattr(incident.times, name)
        return ("times", name), instant.text if instant else None
    if field.startswith("roles."):
        role = field.removeprefix("roles.")
        if not _identifier(role):
            raise UsageError(f"{field!r}: a role is a name such as roles.commander")
        return ("roles", role), incident.roles.get(role)
    if field in (*TEXT_FIELDS, *CATALOG_FIELDS, "timezone"):
        return (field,), getattr(incident, field)
    raise UsageError(
        f"cannot set {field!r}; settable fields: {', '.join(SETTABLE)}. "
        "Edit lists in incident.yaml, or use lore link, lore hide and lore star"
    )


def _identifier(text: str) -> bool:
    try:
        _IDENTIFIER.validate_python(text)
    except ValidationError:
        return False
    return True


def _checked(workspace: Workspace, path: PathKey, value: str) -> str:
    field = str(path[0])
    value = value.strip() if field != "summary" and field != "impact" else value
    if not value.strip():
        raise UsageError(f"{field}: give a value; it must not be empty")
    catalog = workspace.catalog
    if field in CATALOG_FIELDS:
        known = [entry.id for entry in getattr(catalog, CATALOG_FIELDS[field])]
        require_known(field, value, known, catalog=True)
    if field == "timezone":
        try:
            zone_named(value)
        except TimeError as error:
            raise UsageError(f"timezone: {error}") from None
    return value


def _key_time(
    workspace: Workspace, incident: Incident, name: str, value: str
) -> Instant:
    zone = zone_rule(incident, workspace.catalog)
    started = incident.times.started
    instant = typed_time(name, value, zone, started)
    if name != "started" and is_time_of_day(value) and instant.start < started.start:
        raise UsageError(
            f"{name}: {value!r} on {instant.text.split()[0]} is before the incident "
            f"started ({started.text}); give the date too, e.g. "
            f"'YYYY-MM-DD {value.strip()}'"
        )
    return instant
