"""`lore check` results for people, for GitHub Actions and for other CI systems."""

from __future__ import annotations

import json

from incidentlore.check import CheckResult, Drift
from incidentlore.errors import Diagnostic
from incidentlore.wording import plural, printable, printable_line


def check_text(result: CheckResult) -> str:
    lines = [str(problem) for problem in result.problems]
    for drift in result.drift:
        lines.append(printable_line(f"{drift.path}: error: {_drift_message(drift)}"))
        lines.append(printable(drift.diff.rstrip("\n")))
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def check_github(result: CheckResult) -> str:
    """Workflow commands: each problem becomes an annotation on its file and line."""
    lines = [_annotation(result.prefix, problem) for problem in result.problems]
    for drift in result.drift:
        lines.append(
            f"::error file={_property(result.prefix + drift.path)},"
            f"title={_property('lore check')}::{_data(_drift_message(drift))}"
        )
        lines.append(f"::group::{_data(drift.path)}: {drift.kind}")
        lines.append(printable(drift.diff.rstrip("\n")))
        lines.append("::endgroup::")
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def check_json(result: CheckResult) -> str:
    document = {
        "ok": result.ok,
        "checked": list(result.steps),
        "problems": [
            {
                "file": result.prefix + problem.location.path,
                "line": problem.location.line or None,
                "column": problem.location.column or None,
                "severity": problem.severity,
                "message": problem.message,
            }
            for problem in result.problems
        ],
        "drift": [
            {
                "file": result.prefix + drift.path,
                "kind": drift.kind,
                "message": _drift_message(drift),
                "diff": drift.diff,
            }
            for drift in result.drift
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def failure(result: CheckResult) -> str:
    return f"check failed: {_counts(result)}"


def _summary(result: CheckResult) -> str:
    checked = ", ".join(result.steps)
    if result.ok:
        return f"ok: {checked}"
    return f"{_counts(result)} (checked: {checked})"


def _counts(result: CheckResult) -> str:
    problems, drift = len(result.problems), len(result.drift)
    parts = []
    if problems:
        parts.append(plural(problems, "problem"))
    if drift:
        parts.append(f"{plural(drift, 'generated file')} out of date")
    return ", ".join(parts)


def _drift_message(drift: Drift) -> str:
    what = {
        "changed": "out of date",
        "missing": "missing",
        "stale": "left over",
    }[drift.kind]
    return f"{what}; {drift.remedy}"


def _annotation(prefix: str, problem: Diagnostic) -> str:
    level = "error" if problem.severity == "error" else "warning"
    where = problem.location
    properties = [f"file={_property(prefix + where.path)}"]
    if where.line:
        properties.append(f"line={where.line}")
        if where.column:
            properties.append(f"col={where.column}")
    properties.append(f"title={_property('lore')}")
    return f"::{level} {','.join(properties)}::{_data(problem.message)}"


def _data(text: str) -> str:
    # GitHub's escaping for the message of a workflow command; control characters
    # are shown as codes, as everywhere else (the runner's log would strip them).
    text = printable(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
