from __future__ import annotations

from incidentlore.errors import Diagnostic, Location


def test_a_file_name_cannot_start_a_line_of_its_own() -> None:
    where = Location("incidents/evil\n::error file=x::injected.yaml", 3, 1)
    diagnostic = Diagnostic(where, "unknown service 'a\x1b[2Jb'")
    assert str(diagnostic) == (
        "incidents/evil<U+000A>::error file=x::injected.yaml:3:1: error: "
        "unknown service 'a<U+001B>[2Jb'"
    )
