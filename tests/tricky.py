"""A small repository whose text is hard to carry into Markdown tables and Mermaid.

It is tests/examples/base with these incidents laid over it:
INC-2024-0001 (Europe/Berlin) has signals, a note and a post-mortem full of table
pipes, line breaks, Mermaid punctuation, markup, unicode and very long text;
INC-2024-0002 is known only to the day and lasts days; INC-2024-0003 has nothing but a
start; INC-2024-0004 has more entries than the chart shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from support import BASE_INCIDENT, example_repository

LONG = "Replication lag grows on every replica in the region " * 4
# Signal id -> (kind, summary). Every chart label fits whole, except the LONG one.
SUMMARIES = {
    "percent": ("deploy", "Rollout paused at 50%: error rate 12.5%; see #4821"),
    "quotes": ("chat", "Set \"max_conns\" to [0] {was 512} in 'pool'"),
    "markup": ("log", "<b>bold</b> & <script>alert(1)</script>"),
    "pipes": ("status", "status | ok | degraded"),
    "lines": ("alert", "line one\nline two\n\nline four"),
    "backslash": ("event", "path C:\\temp\\ and a trailing \\"),
    "unicode": ("event", "café – 日本語 – 🚨 – ½ – تجربة"),
    "entities": ("event", "#quot; and #58; stay as typed"),
    "directive": ("event", "%%{init: {'theme': 'dark'}}%% in text"),
    "keywords": ("event", "section title click call href excludes"),
    "date": ("event", "2024-03-05 is when it began"),
    "backtick": ("event", "``` is not a fence here"),
    "long": ("metric", LONG),
}
LONG_LABEL = "metric " + LONG[:52].rstrip() + "…"
TITLE = 'Checkout: 50% errors; #1 "quoted" [x] | pipe'
NOTE = {
    "id": "N1",
    "at": "2024-03-05 14:20 Europe/Berlin",
    "kind": "question",
    "author": "Dana | on call",
    "text": "Roll back: v481 | v480?\nsecond line",
    "about": "pipes",
}
TRACKER = "https://tracker.example/issues?q=a|b>c"
POSTMORTEM = {
    "contributing_factors": [
        {
            "category": "change",
            "description": "a | b\nsecond line",
            "evidence": ["pipes"],
        }
    ],
    "hypotheses": [{"statement": "maybe | this\nor that", "evidence": ["lines"]}],
    "decisions": [{"decision": "Roll back", "rationale": "safe\n\nand quick"}],
    "went_well": ["Paging worked\n\nwithin a minute"],
    "action_items": [
        {"id": "AI-1", "title": "Fix | it", "owner": "x|y", "tracker": TRACKER}
    ],
}


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _incident(number: int, slug: str, **fields: Any) -> tuple[str, str]:
    """The folder of an incident and its incident.yaml."""
    incident = {
        "id": f"INC-2024-{number:04}",
        "title": slug.replace("-", " ").capitalize(),
        "severity": "SEV2",
        "status": "resolved",
        **fields,
    }
    return f"incidents/2024/INC-2024-{number:04}-{slug}", _yaml(incident)


def tricky_repository(target: Path) -> Path:
    base_times = {
        "started": "2024-03-05 14:02 Europe/Berlin",
        "detected": "2024-03-05 14:10 Europe/Berlin",
        "mitigated": "2024-03-05 14:40 Europe/Berlin",
        "resolved": "2024-03-05 15:05 Europe/Berlin",
    }
    folder, text = _incident(1, "checkout-latency", title=TITLE, times=base_times)
    assert folder == BASE_INCIDENT
    files = {
        f"{folder}/incident.yaml": text,
        f"{folder}/signals.yaml": _yaml({"signals": _tricky_signals()}),
        f"{folder}/notes.yaml": _yaml({"notes": [NOTE]}),
        f"{folder}/postmortem.yaml": _yaml(POSTMORTEM),
    }
    zone = "America/Los_Angeles"
    days_times = {
        "started": f"2024-10-28 {zone}",
        "detected": f"2024-10-28 13:37 {zone}",
        "mitigated": {"at": f"2024-10-30 13:00 {zone}", "precision": "hour"},
        "resolved": f"2024-10-31 {zone}",
    }
    folder, text = _incident(2, "known-to-the-day", times=days_times)
    files[f"{folder}/incident.yaml"] = text
    files[f"{folder}/signals.yaml"] = _yaml({"signals": _coarse_signals(zone)})
    folder, text = _incident(
        3, "only-a-start", times={"started": "2024-06-01 10:00 UTC"}
    )
    files[f"{folder}/incident.yaml"] = text
    busy_times = {"started": "2024-07-01 10:00 UTC", "resolved": "2024-07-01 12:00 UTC"}
    folder, text = _incident(4, "many-entries", times=busy_times)
    files[f"{folder}/incident.yaml"] = text
    files[f"{folder}/signals.yaml"] = _yaml({"signals": _many_signals(45)})
    return example_repository(target, files)


def _many_signals(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"s{n}",
            "kind": "log",
            "at": f"2024-07-01 10:{n:02} UTC",
            "summary": f"line {n}",
        }
        for n in range(count)
    ]


def _tricky_signals() -> list[dict[str, Any]]:
    signals: list[dict[str, Any]] = [
        {
            "id": key,
            "kind": kind,
            "at": f"2024-03-05 13:{10 + n:02} UTC",
            "summary": text,
        }
        for n, (key, (kind, text)) in enumerate(SUMMARIES.items())
    ]
    signals.append(
        {
            "id": "span",
            "kind": "deploy",
            "at": "2024-03-05 13:01 UTC",
            "ends_at": "2024-03-06 02:00 UTC",
            "summary": "Canary: 3 of 12 hosts; #2",
        }
    )
    return signals


def _coarse_signals(zone: str) -> list[dict[str, Any]]:
    return [
        {"id": "day", "kind": "event", "at": f"2024-10-28 {zone}", "summary": "A day"},
        {
            "id": "month",
            "kind": "event",
            "at": {"at": f"2024-10 {zone}", "precision": "month"},
            "summary": "Some day that month",
        },
        {
            "id": "about",
            "kind": "event",
            "at": {
                "at": f"2024-10-29 {zone}",
                "approximate": True,
                "stated": "around | then",
            },
            "summary": "About that day",
        },
        {
            "id": "hour",
            "kind": "event",
            "at": f"2024-10-30 09 {zone}",
            "summary": "An hour",
        },
        {
            "id": "second",
            "kind": "event",
            "at": f"2024-10-30 14:00:05 {zone}",
            "summary": "A second",
        },
    ]
