from __future__ import annotations

from gitrepo import HISTORY_FIXTURES
from incidentlore.history.fields import FieldChange, Value, compare, flatten
from incidentlore.load.yamlfile import read_yaml
from incidentlore.model.incident import Incident
from incidentlore.model.postmortem import PostMortem
from incidentlore.model.signal import SignalsFile
from incidentlore.model.times import parse_instant

INCIDENT = {
    "id": "INC-2018-0001",
    "title": "Split-brain",
    "severity": "SEV1",
    "status": "closed",
    "services": ["github.com", "github-pages"],
    "times": {"started": "2018-10-21 22:52 UTC", "detected": "2018-10-21 22:54 UTC"},
    "roles": {"incident_coordinator": "On-call coordinator"},
    "links": [{"incident": "INC-2017-0003", "relation": "recurrence-of"}],
}


def test_an_incident_flattens_to_dotted_paths() -> None:
    fields = flatten(Incident.model_validate(INCIDENT))

    assert {path: value.text for path, value in fields.items()} == {
        "id": "INC-2018-0001",
        "title": "Split-brain",
        "severity": "SEV1",
        "status": "closed",
        "services": "github.com, github-pages",
        "times.started": "2018-10-21 22:52 UTC",
        "times.detected": "2018-10-21 22:54 UTC",
        "roles.incident_coordinator": "On-call coordinator",
        "links.INC-2017-0003": "",
        "links.INC-2017-0003.relation": "recurrence-of",
    }
    assert fields["services"].items == ("github.com", "github-pages")
    assert fields["links.INC-2017-0003"].kind == "entry"


def test_times_compare_as_instants_not_text() -> None:
    written = Incident.model_validate(INCIDENT)
    rewritten = Incident.model_validate(
        INCIDENT
        | {
            "times": {
                "started": "2018-10-21T22:52Z",
                "detected": "2018-10-22 00:54 +02:00",
            }
        }
    )

    assert compare(flatten(written), flatten(rewritten)) == []


def test_a_list_of_names_compares_as_a_set_of_names() -> None:
    old = flatten(Incident.model_validate(INCIDENT))
    new = flatten(
        Incident.model_validate(INCIDENT | {"services": ["github-pages", "github.com"]})
    )

    assert compare(old, new) == []


def test_changes_are_ordered_as_the_newer_file_gives_them() -> None:
    old = flatten(Incident.model_validate(INCIDENT))
    new = flatten(
        Incident.model_validate(
            {key: value for key, value in INCIDENT.items() if key != "roles"}
            | {"severity": "SEV2", "summary": "Written later"}
        )
    )

    assert [(c.field, c.change) for c in compare(old, new)] == [
        ("severity", "changed"),
        ("summary", "added"),
        ("roles.incident_coordinator", "removed"),
    ]


def test_action_items_are_keyed_by_id_and_repeated_categories_numbered() -> None:
    postmortem = PostMortem.model_validate(
        {
            "contributing_factors": [
                {"category": "change", "description": "A deploy"},
                {"category": "change", "description": "Another deploy"},
            ],
            "action_items": [{"id": "AI-3", "title": "Canary", "status": "done"}],
            "hypotheses": [{"statement": "DNS"}],
        }
    )

    fields = flatten(postmortem, "postmortem.")

    assert {path: value.text for path, value in fields.items()} == {
        "postmortem.contributing_factors.change": "A deploy",
        "postmortem.contributing_factors.change.description": "A deploy",
        "postmortem.contributing_factors.change#2": "Another deploy",
        "postmortem.contributing_factors.change#2.description": "Another deploy",
        "postmortem.hypotheses.1": "DNS",
        "postmortem.hypotheses.1.statement": "DNS",
        "postmortem.hypotheses.1.state": "open",
        "postmortem.action_items.AI-3": "Canary",
        "postmortem.action_items.AI-3.title": "Canary",
        "postmortem.action_items.AI-3.status": "done",
        "postmortem.review.state": "draft",
    }


def test_signals_keep_their_source_default() -> None:
    document = read_yaml(HISTORY_FIXTURES / "signals.yaml", "signals.yaml")
    fields = flatten(SignalsFile.model_validate(document.data))

    assert fields["signals.network-partition.source"] == Value("manual")
    assert fields["signals.network-partition.at"].instant == parse_instant(
        "2018-10-21 22:52 UTC"
    )
    assert fields["signals.status-red.at"].text == "2018-10-21 23:13 UTC"
    assert len([value for value in fields.values() if value.kind == "entry"]) == 17


def test_a_field_change_says_what_happened() -> None:
    value = Value("SEV1")

    assert [
        FieldChange("x", None, value).change,
        FieldChange("x", value, None).change,
        FieldChange("x", value, value).change,
    ] == ["added", "removed", "changed"]


def test_dates_and_flags_are_written_plainly() -> None:
    postmortem = PostMortem.model_validate(
        {"action_items": [{"id": "AI-1", "title": "Canary", "due": "2025-04-01"}]}
    )
    fields = flatten(postmortem, "postmortem.")

    assert fields["postmortem.action_items.AI-1.due"] == Value("2025-04-01")
    assert Value("a, b", "items", items=("b", "a")).same(
        Value("a, b", "items", items=("a", "b"))
    )
