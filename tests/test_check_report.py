from __future__ import annotations

import json

from incidentlore.check import CheckResult, Drift
from incidentlore.check_report import check_github, check_json, check_text, failure
from incidentlore.errors import Diagnostic, Location

INCIDENT = "incidents/2018/INC-2018-0001-github-mysql-split-brain/incident.yaml"
UNKNOWN = (
    "unknown severity 'SEV9'; did you mean 'SEV4'? Known: SEV1, SEV2, SEV3, SEV4 "
    "(add new ones to lore.yaml)"
)
DIFF = (
    "--- build/README.md (checked in)\n"
    "+++ build/README.md (lore would write)\n"
    "@@ -1 +1 @@\n"
    "-old\n"
    "+new\n"
)
RESULT = CheckResult(
    problems=(
        Diagnostic(Location(INCIDENT, 3, 11), UNKNOWN),
        Diagnostic(
            Location("lore.yaml"), "a warning, with: 50% odd\ncharacters", "warning"
        ),
    ),
    drift=(
        Drift(
            "build/README.md", "changed", DIFF, "run 'lore build' and commit the result"
        ),
    ),
    steps=("validation", "build", "checked-in build outputs"),
    prefix="lore/",
)


def test_github_annotations_point_at_the_lines() -> None:
    assert check_github(RESULT) == (
        f"::error file=lore/{INCIDENT},line=3,col=11,title=lore::{UNKNOWN}\n"
        "::warning file=lore/lore.yaml,title=lore::a warning, with: 50%25 "
        "odd%0Acharacters\n"
        "::error file=lore/build/README.md,title=lore check::out of date; "
        "run 'lore build' and commit the result\n"
        "::group::build/README.md: changed\n"
        f"{DIFF}"
        "::endgroup::\n"
        "2 problems, 1 generated file out of date "
        "(checked: validation, build, checked-in build outputs)\n"
    )


def test_properties_are_escaped() -> None:
    result = CheckResult(
        (Diagnostic(Location("a,b:c.yaml", 1, 2), "x"),), (), ("validation",), ""
    )

    assert check_github(result).splitlines()[0] == (
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=lore::x"
    )


def test_text() -> None:
    assert check_text(RESULT) == (
        f"{INCIDENT}:3:11: error: {UNKNOWN}\n"
        "lore.yaml: warning: a warning, with: 50% odd\ncharacters\n"
        "build/README.md: error: out of date; run 'lore build' and commit the result\n"
        f"{DIFF}"
        "2 problems, 1 generated file out of date "
        "(checked: validation, build, checked-in build outputs)\n"
    )
    assert failure(RESULT) == ("check failed: 2 problems, 1 generated file out of date")


def test_json() -> None:
    assert json.loads(check_json(RESULT)) == {
        "ok": False,
        "checked": ["validation", "build", "checked-in build outputs"],
        "problems": [
            {
                "file": f"lore/{INCIDENT}",
                "line": 3,
                "column": 11,
                "severity": "error",
                "message": UNKNOWN,
            },
            {
                "file": "lore/lore.yaml",
                "line": None,
                "column": None,
                "severity": "warning",
                "message": "a warning, with: 50% odd\ncharacters",
            },
        ],
        "drift": [
            {
                "file": "lore/build/README.md",
                "kind": "changed",
                "message": "out of date; run 'lore build' and commit the result",
                "diff": DIFF,
            }
        ],
    }


def test_a_clean_result() -> None:
    clean = CheckResult((), (), ("validation", "build"), "")

    assert check_text(clean) == "ok: validation, build\n"
    assert check_github(clean) == "ok: validation, build\n"
    assert json.loads(check_json(clean)) == {
        "ok": True,
        "checked": ["validation", "build"],
        "problems": [],
        "drift": [],
    }


def test_control_characters_are_shown_as_codes() -> None:
    where = Location("esc\x1b[31mx\udcff.yaml", 1, 2)
    result = CheckResult((Diagnostic(where, "bell\x07"),), (), ("validation",), "")

    assert check_github(result).splitlines()[0] == (
        "::error file=esc<U+001B>[31mx<U+DCFF>.yaml,line=1,col=2,title=lore::"
        "bell<U+0007>"
    )
    assert check_text(result).splitlines()[0] == (
        "esc<U+001B>[31mx<U+DCFF>.yaml:1:2: error: bell<U+0007>"
    )
