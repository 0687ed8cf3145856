from __future__ import annotations

from pathlib import Path

from incidentlore.model.catalog import Catalog
from incidentlore.normalise.adapter import Context
from incidentlore.normalise.storage import stored_exports
from incidentlore.normalise.stored import KnownSignals, YearCopies
from incidentlore.normalise.testkit import parse_path
from normalise.corpus import REGISTRY, fixture, utc

BSD = fixture("logs", "syslog-bsd-no-year-multiline.log")
CATALOG = Catalog.model_validate(
    {"severities": [{"id": "SEV1"}], "statuses": [{"id": "open"}]}
)
WINDOW = (utc(2018, 10, 21), utc(2018, 10, 22))
DIGEST = "d89c1d6e68e84dcc"


def copies_of_the_log(tmp_path: Path, stored: str, year: int | None) -> YearCopies:
    """What ingesting the BSD log with `year` finds, with one copy stored as `stored`."""
    raw = tmp_path / "raw"
    (raw / "syslog").mkdir(parents=True)
    (raw / "syslog" / stored).write_bytes(BSD.read_bytes())
    exports, _ = stored_exports(raw, tmp_path)
    known = KnownSignals(exports, REGISTRY, Context("UTC", WINDOW), CATALOG)
    assert len(known.signals) == 3
    adapter = REGISTRY.get("syslog")
    target = raw / "syslog" / (f"{DIGEST}.year-{year}.log" if year else f"{DIGEST}.log")
    result = parse_path(adapter, BSD, zone="UTC", window=WINDOW, year=year)
    return YearCopies(adapter, known, target, Context("UTC", WINDOW, year), result)


def test_a_copy_read_with_another_year_is_replaced(tmp_path: Path) -> None:
    found = copies_of_the_log(tmp_path, f"{DIGEST}.log", 2016)
    assert [copy.name for copy in found.replaced] == [f"raw/syslog/{DIGEST}.log"]
    assert [read.year for read in found.read.values()] == [2018]
    assert (found.stored, found.notes(BSD)) == (False, ())


def test_a_copy_read_the_same_way_makes_the_ingest_a_no_op(tmp_path: Path) -> None:
    found = copies_of_the_log(tmp_path, f"{DIGEST}.log", 2018)
    assert (found.stored, found.replaced, found.notes(BSD)) == (True, [], ())


def test_without_a_year_a_copy_stays_with_a_note(tmp_path: Path) -> None:
    found = copies_of_the_log(tmp_path, f"{DIGEST}.year-2016.log", None)
    assert (found.stored, found.replaced) == (True, [])
    assert [str(note) for note in found.notes(BSD)] == [
        f"{BSD}: note: already stored as raw/syslog/{DIGEST}.year-2016.log, read as "
        "2016; ingest with --year to read it as another year"
    ]


def test_the_same_name_is_the_same_reading(tmp_path: Path) -> None:
    found = copies_of_the_log(tmp_path, f"{DIGEST}.year-2016.log", 2016)
    assert (found.stored, found.read, found.replaced) == (True, {}, [])
