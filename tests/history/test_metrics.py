from __future__ import annotations

from incidentlore.history.fields import Fields, Value
from incidentlore.history.metrics import effects, measure, minutes
from incidentlore.model.times import parse_instant


def incident(detected: str, teams: tuple[str, ...] = ("payments",)) -> Fields:
    fields: Fields = {
        "times.started": Value("", "time", parse_instant("2025-03-04 14:00 UTC")),
        "times.detected": Value("", "time", parse_instant(detected)),
    }
    if teams:
        fields["teams"] = Value("", "items", items=teams)
    return fields


def test_only_exact_times_count() -> None:
    assert minutes(incident("2025-03-04 14:12 UTC"), "time_to_detect") == 12.0
    assert minutes(incident("2025-03-04 UTC"), "time_to_detect") is None
    assert minutes(incident("2025-03-04 14:12 UTC"), "time_to_resolve") is None


def test_measure_groups_by_all_teams_and_services() -> None:
    table = measure({"INC-1": incident("2025-03-04 14:12 UTC")})

    assert table == {
        (("all", ""), "time_to_detect"): {"INC-1": 12.0},
        (("team", "payments"), "time_to_detect"): {"INC-1": 12.0},
    }


def test_a_moved_time_moves_the_median_and_is_named() -> None:
    before = {
        "INC-1": incident("2025-03-04 14:12 UTC"),
        "INC-2": incident("2025-03-04 14:20 UTC", ("search",)),
    }
    after = before | {"INC-1": incident("2025-03-04 14:15 UTC")}

    found = effects(before, after)

    assert [
        (e.group_label, e.metric_label, e.before, e.after, e.because) for e in found
    ] == [
        (
            "all incidents",
            "median time to detect",
            16.0,
            17.5,
            ("INC-1 detected moved",),
        ),
        (
            "team payments",
            "median time to detect",
            12.0,
            15.0,
            ("INC-1 detected moved",),
        ),
    ]


def test_groups_that_moved_alike_are_told_once() -> None:
    before = {"INC-1": incident("2025-03-04 14:12 UTC", ("payments", "search"))}
    after = before | {"INC-2": incident("2025-03-04 14:30 UTC", ("payments", "search"))}

    (effect,) = effects(before, after)

    assert effect.group_label == "all incidents; teams payments, search"
    assert effect.because == ("INC-2 added",)


def test_an_incident_that_stops_counting() -> None:
    before = {"INC-1": incident("2025-03-04 14:12 UTC")}
    after = {"INC-1": incident("2025-03-04 UTC")}

    assert [(e.after, e.because) for e in effects(before, after)] == [
        (None, ("INC-1 no longer counted",)),
    ]
    assert [(e.before, e.because) for e in effects(after, before)] == [
        (None, ("INC-1 now counted",)),
    ]
    assert [e.because for e in effects(before, {})] == [("INC-1 removed",)]
