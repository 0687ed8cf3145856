from __future__ import annotations

from incidentlore.history.describe import describe, label
from incidentlore.history.fields import Fields, Value, compare
from incidentlore.model.times import parse_instant, zone_named


def time(text: str) -> Value:
    return Value(text, "time", instant=parse_instant(text))


def items(*names: str) -> Value:
    return Value(", ".join(names), "items", items=names)


def lines(old: Fields, new: Fields, zone: str = "UTC") -> list[str]:
    return describe(compare(old, new), old, new, zone_named(zone))


def test_times_show_the_move_in_minutes() -> None:
    old = {"times.detected": time("2025-03-04 14:12 UTC")}
    new = {"times.detected": time("2025-03-04 13:58 UTC")}

    assert lines(old, new) == ["detected 14:12 → 13:58 (−14 min)"]
    assert lines(new, old) == ["detected 13:58 → 14:12 (+14 min)"]


def test_times_across_days_and_zones_show_dates() -> None:
    old = {"times.resolved": time("2025-03-04 23:30 UTC")}
    new = {"times.resolved": time("2025-03-05 01:10 UTC")}

    assert lines(old, new) == [
        "resolved 2025-03-04 23:30 → 2025-03-05 01:10 (+1 h 40 min)"
    ]
    assert lines(old, new, "Asia/Tokyo") == ["resolved 08:30 → 10:10 (+1 h 40 min)"]


def test_a_coarse_time_has_no_minute_delta() -> None:
    old = {"times.started": time("2021-10-28 America/Los_Angeles")}
    new = {"times.started": time("2021-10-28 13:37 America/Los_Angeles")}

    assert lines(old, new) == ["started 2021-10-28 (day precision) → 2021-10-28 20:37"]


def test_added_and_removed_values() -> None:
    old = {
        "times.acknowledged": time("2025-03-04 14:20 UTC"),
        "outcome": Value("degradation"),
    }
    new = {"times.mitigated": time("2025-03-04 15:00 UTC")}

    assert lines(old, new) == [
        "mitigated + 2025-03-04 15:00",
        "acknowledged − 2025-03-04 14:20",
        "outcome − degradation",
    ]


def test_lists_of_names_show_what_joined_and_left() -> None:
    old = {"services": items("checkout", "payments-api")}
    new = {"services": items("checkout", "ledger")}

    assert lines(old, new) == ["services + ledger − payments-api"]


def test_text_short_quoted_long_summarised() -> None:
    old = {"title": Value("Checkout errors"), "summary": Value("x" * 200)}
    new = {"title": Value("Checkout errors after a push"), "summary": Value("y" * 200)}

    assert lines(old, new) == [
        'title "Checkout errors" → "Checkout errors after a push"',
        "summary changed",
    ]


def test_entries_are_counted_or_listed() -> None:
    review = {"postmortem.review.state": Value("draft")}
    old: Fields = review | {
        "signals.a": Value("A", "entry"),
        "signals.a.source": Value("manual"),
    }
    new: Fields = review | {
        "signals.b": Value("B", "entry"),
        "signals.b.source": Value("alertmanager"),
        "signals.c": Value("C", "entry"),
        "signals.c.source": Value("alertmanager"),
        "signals.d": Value("D", "entry"),
        "signals.d.source": Value("manual"),
        "postmortem.contributing_factors.configuration": Value("Bad rule", "entry"),
        "postmortem.action_items.AI-4": Value("Add a canary", "entry"),
        "postmortem.action_items.AI-4.title": Value("Add a canary"),
        "postmortem.hypotheses.1": Value("DNS", "entry"),
        "postmortem.hypotheses.1.statement": Value("It was DNS"),
    }

    assert lines(old, new) == [
        "signals + 3 (alertmanager 2, manual 1)",
        "contributing_factors + configuration",
        "action items + AI-4 (Add a canary)",
        'hypotheses + "It was DNS"',
        "signals − 1 (manual 1)",
    ]


def test_changes_inside_an_entry_name_it() -> None:
    old: Fields = {
        "postmortem.action_items.AI-3": Value("Canary", "entry"),
        "postmortem.action_items.AI-3.status": Value("open"),
        "signals.deploy.v1.2": Value("Deploy", "entry"),
        "signals.deploy.v1.2.at": time("2025-03-04 14:00 UTC"),
    }
    new: Fields = {
        "postmortem.action_items.AI-3": Value("Canary", "entry"),
        "postmortem.action_items.AI-3.status": Value("done"),
        "signals.deploy.v1.2": Value("Deploy", "entry"),
        "signals.deploy.v1.2.at": time("2025-03-04 14:05 UTC"),
    }

    assert lines(old, new) == [
        "action item AI-3 status open → done",
        "signal deploy.v1.2 at 14:00 → 14:05 (+5 min)",
    ]


def test_whole_files() -> None:
    incident: Fields = {
        "title": Value("Checkout errors"),
        "severity": Value("SEV2"),
        "status": Value("open"),
    }
    postmortem: Fields = {
        "postmortem.action_items.AI-1": Value("Canary", "entry"),
        "postmortem.review.state": Value("draft"),
    }

    assert lines({}, incident | postmortem) == [
        'incident added: "Checkout errors" (SEV2, open)',
        "post-mortem added: 1 action item, review draft",
    ]
    assert lines(incident | postmortem, incident) == ["post-mortem removed"]


def test_labels() -> None:
    assert [
        label(path, {}, {})
        for path in (
            "times.detected",
            "roles.scribe",
            "postmortem.summary",
            "postmortem.review.state",
            "severity",
        )
    ] == ["detected", "role scribe", "post-mortem summary", "review state", "severity"]
