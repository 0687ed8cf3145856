"""One command's edits to one incident: checked as a whole, then written atomically.

The new text of every changed file is written beside the old one and checked there,
with the rest of the incident, before anything is renamed into place. An edit that
would add a problem is refused and nothing is written; problems the incident already
had are reported but do not block an unrelated edit.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from incidentlore.author.workspace import Workspace
from incidentlore.author.yamledit import YamlText
from incidentlore.emit.write import write_beside
from incidentlore.errors import Diagnostic, Location, LoreError, ProblemsFound
from incidentlore.load.discover import IncidentFolder, incident_folder
from incidentlore.load.yamlfile import decode, read_yaml
from incidentlore.model.incident import Incident
from incidentlore.model.note import NotesFile
from incidentlore.model.postmortem import PostMortem
from incidentlore.model.signal import SignalsFile
from incidentlore.records import IncidentRecord
from incidentlore.validate.repository import check_incident

_BOM = b"\xef\xbb\xbf"

MODELS: dict[str, type[BaseModel]] = {
    "incident.yaml": Incident,
    "postmortem.yaml": PostMortem,
    "notes.yaml": NotesFile,
    "signals.yaml": SignalsFile,
}

# Which part of the checked record shows that each file passed its model.
_SOURCES = {
    "postmortem.yaml": "postmortem_source",
    "notes.yaml": "notes_source",
    "signals.yaml": "signals_source",
}


@dataclass(frozen=True, slots=True)
class EditResult:
    incident_id: str
    written: tuple[str, ...]
    # Problems the incident had before the edit and still has.
    remaining: tuple[Diagnostic, ...] = ()


@dataclass
class _Opened:
    path: Path
    document: YamlText
    original: str
    bom: bool


@dataclass
class IncidentEdit:
    workspace: Workspace
    folder: IncidentFolder
    record: IncidentRecord
    before: list[Diagnostic]
    opened: dict[str, _Opened] = field(default_factory=dict)

    @classmethod
    def begin(cls, workspace: Workspace, incident_id: str) -> IncidentEdit:
        path = workspace.folder(incident_id)
        folder = incident_folder(path, workspace.root, [])
        others = workspace.incident_folders()
        record, before = check_incident(
            workspace.root, folder, workspace.catalog, others
        )
        if record is None:
            raise ProblemsFound(_errors(before))
        return cls(workspace, folder, record, before)

    @property
    def incident_id(self) -> str:
        return self.record.id

    def file(self, name: str) -> YamlText:
        """The incident's file `name`, ready to edit; empty when it does not exist."""
        if name in self.opened:
            return self.opened[name].document
        path = self.folder.path / name
        shown = self.workspace.name(path)
        if path.exists():
            self._refuse_if_invalid(name, shown)
            raw = path.read_bytes()
            text = decode(raw, shown)
            data = read_yaml(path, shown).data
            document = YamlText(text, data, shown, MODELS[name])
            opened = _Opened(path, document, text, raw.startswith(_BOM))
        else:
            schema = name.replace(".yaml", ".schema.json")
            line = self.workspace.modeline(self.folder.path, schema)
            header = f"{line}\n" if line else ""
            document = YamlText(header, None, shown, MODELS[name])
            opened = _Opened(path, document, "", False)
        self.opened[name] = opened
        return opened.document

    def _refuse_if_invalid(self, name: str, shown: str) -> None:
        attribute = _SOURCES.get(name)
        if attribute is None or getattr(self.record, attribute) is not None:
            return
        problems = [p for p in _errors(self.before) if p.location.path == shown]
        raise ProblemsFound(
            problems or [Diagnostic(Location(shown), "cannot be read; fix it first")]
        )

    def commit(self) -> EditResult:
        changed = {
            name: opened
            for name, opened in self.opened.items()
            if opened.document.text != opened.original
        }
        staged: dict[str, Path] = {}
        try:
            for name, opened in changed.items():
                data = opened.document.text.encode("utf-8")
                staged[name] = write_beside(
                    opened.path, (_BOM if opened.bom else b"") + data
                )
            checks = {
                name: (staged[name], opened.document)
                for name, opened in changed.items()
            }
            remaining = check_written(
                self.workspace, self.folder, checks, self.before, self.incident_id
            )
            for name, opened in changed.items():
                staged[name].replace(opened.path)
                del staged[name]  # renamed: nothing to clean up
        finally:
            for temporary in staged.values():
                temporary.unlink(missing_ok=True)
        written = tuple(sorted(o.document.name for o in changed.values()))
        return EditResult(self.incident_id, written, tuple(remaining))


def check_written(
    workspace: Workspace,
    folder: IncidentFolder,
    written: dict[str, tuple[Path, YamlText]],
    before: list[Diagnostic],
    incident_id: str,
) -> list[Diagnostic]:
    """Check new text written beside the files it replaces (file name -> where it
    was written, what it should hold) with the rest of the incident; return the
    problems left, or raise if the edit adds any."""
    renames: dict[str, str] = {}
    files = dict(folder.files)
    for name, (path, document) in written.items():
        renames[workspace.name(path)] = document.name
        if read_yaml(path, document.name).data != document.data:
            raise RuntimeError(f"edit of {document.name} did not read back as intended")
        files[name] = path
    view = dataclasses.replace(folder, files=files)
    others = workspace.incident_folders()
    _, after = check_incident(workspace.root, view, workspace.catalog, others)
    after = _errors([_renamed(problem, renames) for problem in after])
    added = _added(_errors(before), after)
    if added:
        shown = "\n".join(f"  {problem}" for problem in added)
        raise LoreError(
            f"nothing was written: the edit would make {incident_id} invalid:\n{shown}"
        )
    return [problem for problem in after if problem not in added]


def _errors(problems: list[Diagnostic]) -> list[Diagnostic]:
    return [p for p in problems if p.severity == "error"]


def _added(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """Problems in `after` that `before` did not have; lines may have moved."""
    remaining = Counter((p.location.path, p.message) for p in before)
    added = []
    for problem in after:
        key = (problem.location.path, problem.message)
        if remaining[key]:
            remaining[key] -= 1
        else:
            added.append(problem)
    return added


def _renamed(problem: Diagnostic, renames: dict[str, str]) -> Diagnostic:
    def fix(location: Location) -> Location:
        path = renames.get(location.path, location.path)
        return location._replace(path=path)

    return dataclasses.replace(
        problem,
        location=fix(problem.location),
        related=tuple(fix(other) for other in problem.related),
    )
