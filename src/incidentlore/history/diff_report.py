"""A reviewer's summary of a diff: text for a terminal, Markdown for a pull request
comment, JSON for bots."""

from __future__ import annotations

import json
from datetime import timedelta, tzinfo
from typing import Any

from incidentlore.emit.markdown import cell
from incidentlore.history.describe import ARROW, MINUS, describe
from incidentlore.history.diff import IncidentChange, RepositoryDiff
from incidentlore.history.metrics import MetricEffect
from incidentlore.history.report import change_json, preamble, problem_json
from incidentlore.model.times import format_duration, zone_named

_SIGNS = {"added": "+", "changed": "~", "removed": MINUS}
NONE = "none"


def diff_text(diff: RepositoryDiff) -> str:
    zone = zone_named(diff.display_timezone)
    lines = [f"{_heading(diff)}; times in {diff.display_timezone}"]
    for change in diff.incidents:
        lines.append(f"{_SIGNS[change.kind]} {change.incident_id}  {_title(change)}")
        lines.extend(f"    {line}" for line in incident_lines(change, zone))
    if diff.new_problems:
        lines += ["", f"New validation problems ({len(diff.new_problems)}):"]
        lines += [f"  {problem}" for problem in diff.new_problems]
    if diff.fixed_problems:
        lines += ["", f"Validation problems fixed: {diff.fixed_problems}"]
    if diff.effects:
        lines += ["", "Metrics:"]
        lines += [f"  {effect_line(effect)}" for effect in diff.effects]
    return "\n".join(lines) + "\n"


def diff_markdown(diff: RepositoryDiff) -> str:
    zone = zone_named(diff.display_timezone)
    lines = [
        f"### Incident changes: `{diff.base[:10]}` {ARROW} {_head_markdown(diff)}",
        "",
        f"{_counts(diff)}. Times in {diff.display_timezone}.",
    ]
    for change in diff.incidents:
        lines += [
            "",
            f"**{change.incident_id}** {_quiet(_title(change))} ({change.kind})",
            "",
        ]
        lines += [f"- {_quiet(line)}" for line in incident_lines(change, zone)]
    if diff.new_problems:
        lines += ["", f"#### New validation problems ({len(diff.new_problems)})", ""]
        lines += [f"- `{p.location}` {_quiet(p.message)}" for p in diff.new_problems]
    if diff.fixed_problems:
        lines += ["", f"Validation problems fixed: {diff.fixed_problems}."]
    if diff.effects:
        lines += [
            "",
            "#### Effect on metrics",
            "",
            "| group | metric | before | after | because |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {_quiet(e.group_label)} | {e.metric_label} | {_minutes(e.before)} | "
            f"{_minutes(e.after)} | {_quiet(', '.join(e.because))} |"
            for e in diff.effects
        ]
    return "\n".join(lines) + "\n"


def _quiet(text: str) -> str:
    """Table-safe text that mentions nobody: a pull-request comment saying @name
    would notify that person or team, which a summary of changes should not."""
    return cell(text).replace("@", "@<!-- -->")


def diff_json(diff: RepositoryDiff) -> str:
    document = {
        "base": diff.base,
        "head": diff.head,
        "display_timezone": diff.display_timezone,
        "incidents": [_incident_json(change, diff) for change in diff.incidents],
        "new_problems": [problem_json(p, 1) for p in diff.new_problems],
        "fixed_problems": diff.fixed_problems,
        "metrics": [_effect_json(effect) for effect in diff.effects],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def incident_lines(change: IncidentChange, zone: tzinfo) -> list[str]:
    lines = preamble(change.previous_folder, change.problems)
    if change.kind == "removed":
        return [*lines, "incident removed"]
    return lines + describe(change.changes, change.old, change.new, zone)


def effect_line(effect: MetricEffect) -> str:
    line = (
        f"{effect.group_label}: {effect.metric_label} "
        f"{_minutes(effect.before)} {ARROW} {_minutes(effect.after)}"
    )
    return line + (f", because {', '.join(effect.because)}" if effect.because else "")


def _heading(diff: RepositoryDiff) -> str:
    return f"lore diff {diff.base[:10]}..{diff.head_label}: {_counts(diff)}"


def _head_markdown(diff: RepositoryDiff) -> str:
    return f"`{diff.head[:10]}`" if diff.head else diff.head_label


def _counts(diff: RepositoryDiff) -> str:
    if not diff.incidents:
        return "no incident changed"
    counted = dict.fromkeys(_SIGNS, 0)
    for change in diff.incidents:
        counted[change.kind] += 1
    return ", ".join(f"{count} {kind}" for kind, count in counted.items() if count)


def _title(change: IncidentChange) -> str:
    title = change.new.get("title") or change.old.get("title")
    return title.text if title else change.folder


def _minutes(value: float | None) -> str:
    if value is None:
        return NONE
    return format_duration(timedelta(minutes=value))


def _incident_json(change: IncidentChange, diff: RepositoryDiff) -> dict[str, Any]:
    return {
        "id": change.incident_id,
        "kind": change.kind,
        "folder": change.folder,
        "previous_folder": change.previous_folder,
        "summary": incident_lines(change, zone_named(diff.display_timezone)),
        "changes": [change_json(item) for item in change.changes],
        "problems": [problem_json(p, count) for p, count in change.problems],
    }


def _effect_json(effect: MetricEffect) -> dict[str, Any]:
    return {
        "groups": [
            {"kind": kind, "name": name or None} for kind, name in effect.groups
        ],
        "metric": effect.metric,
        "median_minutes_before": effect.before,
        "median_minutes_after": effect.after,
        "because": list(effect.because),
        "text": effect_line(effect),
    }
