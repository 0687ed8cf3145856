"""What a change does to the metrics: medians of the key durations, per group.

A duration counts only when both of its key times are exact (minute or second
precision), as in the index's durations view. Groups: all incidents, each team and
each service an incident names.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from incidentlore.assemble.resolve import DURATIONS
from incidentlore.history.fields import Fields

Group = tuple[str, str]  # ("all", ""), ("team", "payments"), ("service", "checkout")
Members = dict[str, float]  # incident id -> minutes


@dataclass(frozen=True, slots=True)
class MetricEffect:
    """One move of a median, shared by every group where it moved the same way."""

    groups: tuple[Group, ...]
    metric: str
    before: float | None  # median minutes; None when no incident counted
    after: float | None
    because: tuple[str, ...]

    @property
    def group_label(self) -> str:
        names: dict[str, list[str]] = {}
        for kind, name in self.groups:
            names.setdefault(kind, []).append(name)
        parts = []
        for kind, members in names.items():
            if kind == "all":
                parts.append("all incidents")
            else:
                plural = "s" if len(members) > 1 else ""
                parts.append(f"{kind}{plural} {', '.join(members)}")
        return "; ".join(parts)

    @property
    def metric_label(self) -> str:
        return "median " + self.metric.replace("_", " ")


def minutes(fields: Fields, metric: str) -> float | None:
    first, last = DURATIONS[metric]
    start = fields.get(f"times.{first}")
    end = fields.get(f"times.{last}")
    if start is None or end is None or start.instant is None or end.instant is None:
        return None
    if not (start.instant.exact and end.instant.exact):
        return None
    return (end.instant.start - start.instant.start) / timedelta(minutes=1)


def measure(incidents: Mapping[str, Fields]) -> dict[tuple[Group, str], Members]:
    table: dict[tuple[Group, str], Members] = defaultdict(dict)
    for incident_id, fields in incidents.items():
        groups: list[Group] = [("all", "")]
        for kind, path in (("team", "teams"), ("service", "services")):
            value = fields.get(path)
            groups += [(kind, name) for name in (value.items if value else ())]
        for metric in DURATIONS:
            measured = minutes(fields, metric)
            if measured is not None:
                for group in groups:
                    table[group, metric][incident_id] = measured
    return table


def effects(
    before: Mapping[str, Fields], after: Mapping[str, Fields]
) -> list[MetricEffect]:
    """Every group and metric whose median moved, with the incidents that moved it."""
    old, new = measure(before), measure(after)
    moves: dict[tuple[str, float | None, float | None, tuple[str, ...]], list[Group]]
    moves = {}
    for group, metric in sorted(old.keys() | new.keys(), key=_order):
        was, now = old.get((group, metric), {}), new.get((group, metric), {})
        median_was = statistics.median(was.values()) if was else None
        median_now = statistics.median(now.values()) if now else None
        if median_was != median_now:
            because = tuple(_reasons(was, now, before, after, metric))
            moves.setdefault((metric, median_was, median_now, because), []).append(
                group
            )
    found = [
        MetricEffect(tuple(groups), metric, was, now, because)
        for (metric, was, now, because), groups in moves.items()
    ]
    return sorted(found, key=lambda effect: _order((effect.groups[0], effect.metric)))


def _order(key: tuple[Group, str]) -> tuple[int, str, int]:
    (kind, name), metric = key
    return (["all", "team", "service"].index(kind), name, list(DURATIONS).index(metric))


def _reasons(
    was: Members,
    now: Members,
    before: Mapping[str, Fields],
    after: Mapping[str, Fields],
    metric: str,
) -> list[str]:
    reasons = []
    for incident_id in sorted(was.keys() | now.keys()):
        if incident_id not in now:
            gone = incident_id not in after
            reasons.append(
                f"{incident_id} {'removed' if gone else 'no longer counted'}"
            )
        elif incident_id not in was:
            new = incident_id not in before
            reasons.append(f"{incident_id} {'added' if new else 'now counted'}")
        elif was[incident_id] != now[incident_id]:
            moved = [
                name
                for name in DURATIONS[metric]
                if not _same_time(before[incident_id], after[incident_id], name)
            ]
            reasons.append(f"{incident_id} {' and '.join(moved)} moved")
    return reasons


def _same_time(old: Fields, new: Fields, name: str) -> bool:
    first, second = old.get(f"times.{name}"), new.get(f"times.{name}")
    return first is not None and second is not None and first.same(second)
