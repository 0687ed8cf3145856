from __future__ import annotations

import os
from pathlib import Path

from normalise.plugin import plugin
from repos import FOLDER, INCIDENT, sample_repository, status
from support import FIXTURES, run_lore

__all__ = ["plugin"]

FIRING = FIXTURES / "alertmanager" / "firing-large-group-19-alerts.json"
DOCKER = FIXTURES / "logs" / "docker-json-file-corrupted-line.log"
STORED = f"{FOLDER}/raw/alertmanager/c696cdd03793b23c.json"


def test_ingest_reports_what_it_added_then_nothing(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    first = run_lore(
        "-C", root, "ingest", "alertmanager", FIRING, "--incident", INCIDENT
    )
    # The corpus file is from January 2019, the sample incident from October 2018.
    assert (first.exit_code, first.stderr) == (
        0,
        f"{FIRING}: note: 19 of 19 signals lie more than a day outside the incident "
        "(2018-10-21 22:52 to 2018-10-22 23:04 UTC): from 2019-01-09 15:20 to "
        "2019-01-10 02:58 UTC; check that the export belongs to this incident\n",
    )
    assert first.stdout == (
        f"stored {FIRING} as {STORED}\n"
        "alertmanager: 19 signals (0 resolved), 0 duplicates, 0 lines rejected\n"
    )
    again = run_lore(
        "-C", root, "ingest", "alertmanager", FIRING, "--incident", INCIDENT
    )
    assert again.stdout == (
        f"nothing new in {FIRING}; not stored\n"
        "alertmanager: 0 signals (0 resolved), 19 duplicates, 0 lines rejected\n"
    )
    validate = run_lore("-C", root, "validate")
    assert validate.stdout == "ok: 1 incident, 36 signals, 3 notes\n"


def test_rejected_lines_are_warnings_unless_strict(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    strict = run_lore(
        "-C", root, "ingest", "docker", DOCKER, "--incident", INCIDENT, "--strict"
    )
    assert (strict.exit_code, strict.stdout) == (1, "")
    assert strict.stderr == (
        f"{DOCKER}:7:1: error: not a json-file log line: it does not start with '{{' "
        "(corrupted?)\n1 error\n"
    )
    assert status(root) == ""
    lenient = run_lore("-C", root, "ingest", "docker", DOCKER, "--incident", INCIDENT)
    assert lenient.exit_code == 0
    assert lenient.stderr == (
        f"{DOCKER}: note: 20 of 20 signals lie more than a day outside the incident "
        "(2018-10-21 22:52 to 2018-10-22 23:04 UTC): from 2016-03-02 22:58 to "
        "2016-03-02 23:00 UTC; check that the export belongs to this incident\n"
        f"{DOCKER}:7:1: warning: not a json-file log line: it does not start with "
        "'{' (corrupted?)\n"
    )
    assert lenient.stdout.endswith(
        "docker: 20 signals (0 resolved), 0 duplicates, 1 line rejected\n"
    )


def test_a_truncated_payload_is_refused_without_a_traceback(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    cut = tmp_path / "cut.json"
    cut.write_bytes(FIRING.read_bytes()[:5000])
    result = run_lore("-C", root, "ingest", "alertmanager", cut, "--incident", INCIDENT)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{cut}: error: alertmanager: no signals in this file; expected a JSON object "
        "with 'alerts', a list of alerts with 'labels' and 'startsAt' (Alertmanager's "
        "webhook body, version 4)\n"
        f"{cut}:1:1: error: not valid JSON: the text ends in the middle of a value "
        "(truncated?)\n2 errors\n"
    )


def test_detect_names_the_adapter_and_why(tmp_path: Path) -> None:
    docker = run_lore("ingest", "--detect", FIRING, DOCKER, cwd=tmp_path)
    assert docker.exit_code == 0
    assert docker.stdout == (
        f"{FIRING}: alertmanager (an 'alerts' list with 'startsAt' and version "
        '"4")\n'
        f'{DOCKER}: docker (lines of JSON objects with "log", "stream" and '
        '"time"); also possible: jsonlines (lines of JSON objects with a time in '
        "'time')\n"
    )
    windows = tmp_path / "utf16.log"  # as PowerShell's Out-File writes
    windows.write_bytes(DOCKER.read_text().encode("utf-16"))
    utf16 = run_lore("ingest", "--detect", windows, cwd=tmp_path)
    assert utf16.stdout == (
        f'{windows}: docker (lines of JSON objects with "log", "stream" and '
        '"time"); also possible: jsonlines (lines of JSON objects with a time in '
        "'time')\n"
    )
    unknown = tmp_path / "notes.txt"
    unknown.write_text("just words\n")
    result = run_lore("ingest", "--detect", unknown, cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (1, f"{unknown}: unknown\n")
    assert result.stderr == (
        f"lore: no adapter recognises {unknown}; name the source yourself, or map "
        "its columns under ingest.mappings in lore.yaml\n"
    )


def test_misuse_exits_2(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    unknown = run_lore("-C", root, "ingest", "nagios", FIRING, "--incident", INCIDENT)
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("lore: no adapter named 'nagios'; known: ")
    year = run_lore(
        "-C",
        root,
        "ingest",
        "alertmanager",
        FIRING,
        "--incident",
        INCIDENT,
        "--year",
        "2020",
    )
    assert (year.exit_code, year.stderr) == (
        2,
        "lore: --year means nothing to the alertmanager adapter; leave it out\n",
    )
    bare = run_lore("-C", root, "ingest", "alertmanager")
    assert (bare.exit_code, bare.stderr) == (
        2,
        "lore: usage: lore ingest SOURCE FILE... --incident ID (see --help)\n",
    )
    both = run_lore("-C", root, "ingest", "--detect", FIRING, "--strict")
    assert (both.exit_code, both.stderr) == (
        2,
        "lore: --detect only reads the files; it takes no other option\n",
    )


def test_a_third_party_adapter_from_the_command_line(
    plugin: Path, tmp_path: Path
) -> None:
    root = sample_repository(tmp_path)
    export = tmp_path / "status.txt"
    export.write_text("1540162800|p1|Status page: degraded\n", encoding="utf-8")
    detected = run_lore("-C", root, "ingest", "--detect", export)
    assert (
        detected.stdout
        == f"{export}: statusline (lines of three fields between bars)\n"
    )
    result = run_lore(
        "-C", root, "ingest", "statusline", export, "--incident", INCIDENT
    )
    assert result.stdout.endswith(
        "statusline: 1 signal (0 resolved), 0 duplicates, 0 lines rejected\n"
    )
    timeline = run_lore("-C", root, "timeline", INCIDENT)
    assert "statusline:p1" in timeline.stdout


def test_an_export_inside_the_incident_window_brings_no_note(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    created = run_lore(
        "-C",
        root,
        "new",
        "Memory",
        "--severity",
        "SEV3",
        "--service",
        "github.com",
        "--started",
        "2018-03-07 11:30 UTC",
    )
    assert created.exit_code == 0, created.stderr
    export = FIXTURES / "alertmanager" / "firing-two-alerts-offset-nanos.json"
    result = run_lore(
        "-C", root, "ingest", "alertmanager", export, "--incident", "INC-2018-0002"
    )
    assert (result.exit_code, result.stderr) == (0, "")


def test_following_the_year_advice_changes_the_timeline(tmp_path: Path) -> None:
    bsd = FIXTURES / "logs" / "syslog-bsd-no-year-multiline.log"
    root = sample_repository(tmp_path)
    run_lore("-C", root, "ingest", "syslog", bsd, "--incident", INCIDENT)
    again = run_lore(
        "-C", root, "ingest", "syslog", bsd, "--incident", INCIDENT, "--year", "2016"
    )
    raw = f"{FOLDER}/raw/syslog"
    assert (again.exit_code, again.stdout) == (
        0,
        f"stored {bsd} as {raw}/d89c1d6e68e84dcc.year-2016.log\n"
        f"replaced {raw}/d89c1d6e68e84dcc.log (read as 2016 instead of 2018)\n"
        "syslog: 0 signals (0 resolved), 3 duplicates, 0 lines rejected, 3 updated\n",
    )
    timeline = run_lore("-C", root, "timeline", INCIDENT)
    assert "2016-12-13" in timeline.stdout and "2018-12-13" not in timeline.stdout


def test_a_device_or_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    advice = (
        "is not an export: ingest reads regular files and folders, since it keeps a "
        "copy that every build reads again; save the export to a file and ingest that"
    )
    zero = run_lore(
        "-C", root, "ingest", "alertmanager", "/dev/zero", "--incident", INCIDENT
    )
    assert (zero.exit_code, zero.stdout, zero.stderr) == (
        2,
        "",
        f"lore: /dev/zero: a character device {advice}\n",
    )
    detect = run_lore("-C", root, "ingest", "--detect", pipe)
    assert (detect.exit_code, detect.stderr) == (
        2,
        f"lore: {pipe}: a named pipe (FIFO) {advice}\n",
    )
    assert status(root) == ""


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    root = sample_repository(tmp_path)
    odd = tmp_path / "alerts\n::error::x.json"
    odd.write_bytes(FIRING.read_bytes())
    result = run_lore("-C", root, "ingest", "alertmanager", odd, "--incident", INCIDENT)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"stored {tmp_path}/alerts<U+000A>::error::x.json as {STORED}"
    )
    assert all(not line.startswith("::") for line in result.stderr.splitlines())
