"""Markdown pages through jinja2 templates that a repository may override."""

from __future__ import annotations

import re
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from incidentlore.assemble.resolve import ResolvedIncident, ResolvedLink
from incidentlore.assemble.timeline import Entry
from incidentlore.emit.display import Row, rows, show_instant
from incidentlore.emit.mermaid import gantt
from incidentlore.errors import Diagnostic, Location, ProblemsFound, relative
from incidentlore.model.catalog import Catalog
from incidentlore.model.times import Instant
from incidentlore.resources import shipped
from incidentlore.wording import plural, printable

INCIDENT_TEMPLATE = "incident.md.j2"
INDEX_TEMPLATE = "index.md.j2"
TIMELINE_TEMPLATE = "timeline.md.j2"


_CELL_SPECIAL = re.compile(r"[\\|<>\n\r]")


def cell(value: object) -> str:
    """Text that stays inside one GitHub table cell."""
    if value is None:
        return ""
    text = printable(str(value)).strip()
    if _CELL_SPECIAL.search(text) is None:
        return text
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return "<br>".join(line.strip() for line in text.splitlines())


def block(value: object) -> str:
    """Text for a paragraph: angle brackets shown as typed, not read as HTML."""
    if value is None:
        return ""
    return printable(str(value)).strip().replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One line of the index page, already shown as text."""

    id: str
    page: str
    title: str
    severity: str
    status: str
    started: str
    time_to_resolve: str
    services: tuple[str, ...]


def autolink(value: object) -> str:
    """An address as a Markdown autolink that also holds inside a table cell."""
    if value is None:
        return ""
    # An autolink ends at > or space, and a table cell at |; their %-escapes name the
    # same address (GitHub writes | as %7C in the link anyway).
    return "<" + re.sub(r"[\s<>|]", _percent, str(value)) + ">"


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


_VALUE_TYPES: frozenset[type] = frozenset(
    (Row, Entry, Instant, IndexEntry, ResolvedLink, Location)
)


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with a fast path for the data lore hands to its templates.

    Checking every attribute of every timeline row made the sandbox the slowest part
    of a build. Fields of lore's own value types and models are plain data, so they
    are read directly; anything else (and any name with an underscore in front)
    still goes through the sandbox's checks.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(attribute, str) and not attribute.startswith("_"):
            kind = type(obj)
            plain = kind in _VALUE_TYPES or (
                isinstance(obj, BaseModel) and attribute in kind.model_fields
            )
            if plain:
                try:
                    return getattr(obj, attribute)
                except AttributeError:
                    pass
        return super().getattr(obj, attribute)


class Renderer:
    def __init__(
        self, root: Path, catalog: Catalog, zone: tzinfo, zone_name: str
    ) -> None:
        self.root = root
        self.catalog = catalog
        self.zone = zone
        self.zone_name = zone_name
        folders = [root / "templates", shipped("templates")]
        # Sandboxed: a repository's templates run in CI on every pull request, so they
        # may read the data they are given but not reach into Python.
        self.environment = _Sandbox(
            loader=jinja2.FileSystemLoader([str(f) for f in folders if f.is_dir()]),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters["cell"] = cell
        self.environment.filters["plural"] = lambda count, noun: plural(count, noun)
        self.environment.filters["block"] = block
        self.environment.filters["autolink"] = autolink
        self.environment.filters["instant"] = lambda value: show_instant(value, zone)

    def incident(self, resolved: ResolvedIncident, shown: list[Row]) -> str:
        """The incident's page; `shown` is its whole timeline as rows in this zone."""
        record = resolved.record
        if any(row.entry.hidden for row in shown):
            # Dates are shown where they change, so the rows are laid out again
            # without the hidden entries rather than filtered.
            shown = rows(resolved.timeline, self.zone, hidden=False)
        context = {
            "incident": record.incident,
            "postmortem": record.postmortem,
            "rows": shown,
            "durations": {
                name: str(value) if value else None
                for name, value in resolved.durations.items()
            },
            "links": resolved.links,
            "mermaid": gantt(resolved, self.zone, self.zone_name),
            "zone_name": self.zone_name,
            "catalog": self.catalog,
        }
        return self._render(INCIDENT_TEMPLATE, context)

    def timeline(self, resolved: ResolvedIncident) -> str:
        return self._render(
            TIMELINE_TEMPLATE,
            {"rows": rows(resolved.timeline, self.zone, hidden=False)},
        )

    def index_entry(self, resolved: ResolvedIncident, page: str) -> IndexEntry:
        incident = resolved.record.incident
        time_to_resolve = resolved.durations["time_to_resolve"]
        return IndexEntry(
            id=incident.id,
            page=page,
            title=incident.title,
            severity=incident.severity,
            status=incident.status,
            started=show_instant(incident.times.started, self.zone),
            time_to_resolve=str(time_to_resolve) if time_to_resolve else "",
            services=tuple(incident.services),
        )

    def index(self, entries: Sequence[IndexEntry]) -> str:
        context = {"incidents": entries, "zone_name": self.zone_name}
        return self._render(INDEX_TEMPLATE, context)

    def _render(self, name: str, context: dict[str, Any]) -> str:
        try:
            template = self.environment.get_template(name)
            return template.render(context)
        except jinja2.TemplateSyntaxError as error:
            where = self._location(error.filename, error.lineno)
            raise ProblemsFound(
                [Diagnostic(where, f"template error: {error.message}")]
            ) from None
        except jinja2.TemplateNotFound as error:
            message = f"template {error.name!r} not found in templates/"
            raise ProblemsFound([Diagnostic(Location(name), message)]) from None
        except (
            jinja2.UndefinedError,
            SecurityError,
            TypeError,
            ValueError,
            OverflowError,  # the sandbox's limit on range()
            RecursionError,
        ) as error:
            where = self._failing_line(error, name)
            reason = str(error).rstrip(".")
            message = f"template error: {reason}; fix the template or the data it names"
            raise ProblemsFound([Diagnostic(where, message)]) from None

    def check_templates(self) -> list[Diagnostic]:
        """Syntax errors in the repository's own templates, found without rendering."""
        folder = self.root / "templates"
        problems = []
        for path in sorted(folder.glob("*.j2")) if folder.is_dir() else []:
            try:
                self.environment.get_template(path.name)
            except jinja2.TemplateSyntaxError as error:
                where = self._location(error.filename, error.lineno)
                problems.append(Diagnostic(where, f"template error: {error.message}"))
        return problems

    def _location(self, filename: str | None, line: int) -> Location:
        shown = relative(Path(filename), self.root) if filename else "template"
        return Location(shown, line, 1)

    def _failing_line(self, error: BaseException, name: str) -> Location:
        # jinja2 rewrites tracebacks so that template frames carry template lines.
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename.endswith(".j2") and frame.lineno is not None:
                return self._location(frame.filename, frame.lineno)
        return Location(name)
