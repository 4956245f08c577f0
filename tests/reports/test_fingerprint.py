"""A document's content hash: the same values and register give the same hash; a change of either changes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from tests.engine.test_engine import TARGETS, UNITS, put
from tests.helpers import register_of
from tracker.register import Register
from tracker.reports.fingerprint import content_hash


def test_the_content_hash_covers_the_register_as_well_as_the_values(edb: Session, reg: Register,
                                                                    tmp_path: Path) -> None:
    """A deliberate fault the tests missed: the document's data version ignoring the register (a planner's new
    threshold changes every verdict of a pack while its stated version stayed the same)."""
    put(edb, [("a", "completed", "2019-06", 100), ("a", "evaluated", "2019-06", 60)])
    (tmp_path / "other").mkdir()
    stricter = register_of(tmp_path / "other", TARGETS.replace("threshold: 70", "threshold: 75", 1), UNITS)
    assert stricter.fingerprint != reg.fingerprint
    units, end = sorted(reg.units), 2019 * 12 + 5
    same = content_hash(session=edb, register=reg, units=units, end=end)
    assert content_hash(session=edb, register=reg, units=units, end=end) == same
    assert content_hash(session=edb, register=stricter, units=units, end=end) != same
    put(edb, [("a", "evaluated", "2019-06", 61)])
    assert content_hash(session=edb, register=reg, units=units, end=end) != same


def test_the_hash_of_values_already_read_is_the_hash_read_from_the_database(demo_db: Session,
                                                                            full_register: Register) -> None:
    """A workbook reads every value it lists once and hashes those rows; a report hashes what it reads for the
    hash alone: both state the same version for the same data (the demo's 2018-06 mid-term)."""
    from tracker.engine.plans import plan_view
    from tracker.storage.used import values_with_revisions

    view = plan_view(session=demo_db, register=full_register, as_of="2018-06")
    units, end = sorted(view.units), 2018 * 12 + 5
    listed = values_with_revisions(session=demo_db, units=units, end=end)
    assert len(listed) > 10_000  # the demo's values up to 2018-06
    assert (content_hash(session=demo_db, register=view, units=units, end=end, values=listed)
            == content_hash(session=demo_db, register=view, units=units, end=end))


def test_the_hash_does_not_depend_on_the_order_the_database_gave_the_rows_in() -> None:
    """PostgreSQL orders text by its collation, SQLite by code point: the hash sorts the keys itself."""
    from tracker.reports.fingerprint import hash_of

    rows = [("street_b", "accepted", "2019-06", 10.0), ("streetb", "accepted", "2019-06", 11.0),
            ("street_b", "accepted", "2019-Q2", None), ("a", "evaluated", "2019-06", 60.5)]
    assert hash_of("f", rows) == hash_of("f", list(reversed(rows))) == hash_of("f", sorted(rows, key=str))
    assert hash_of("f", rows) != hash_of("f", [*rows[:3], ("a", "evaluated", "2019-06", 60.0)])
    assert hash_of("f", rows) != hash_of("g", rows)
    nan = [("a", "evaluated", "2019-06", float("nan"))]  # a missing value read through pandas
    assert hash_of("f", nan) == hash_of("f", [("a", "evaluated", "2019-06", None)])


def test_a_report_does_not_read_every_value_and_a_workbook_does(demo_db: Session, full_register: Register) -> None:
    from tracker.engine.plans import plan_view
    from tracker.reports.evaluation.figures import evaluation_pack

    view = plan_view(session=demo_db, register=full_register, as_of="2018-06")
    report = evaluation_pack(session=demo_db, register=view, kind="midterm", as_of="2018-06", with_values=False)
    workbook = evaluation_pack(session=demo_db, register=view, kind="midterm", as_of="2018-06")
    assert report.values.empty and list(report.values.columns) == list(workbook.values.columns)
    assert len(workbook.values) > 10_000 and report.version == workbook.version


def test_the_keys_of_many_units_are_picked_out_of_every_current_value(edb: Session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Past KEYS_WHOLE_FROM units the statement names none and the rows of other units are dropped afterwards:
    the keys are the same as when the statement names them (a superseded value, a later period and another
    unit's value left out either way)."""
    from tracker.storage import used as values

    put(edb, [("a", "completed", "2019-06", 100), ("a", "evaluated", "2019-06", 60),
              ("b", "completed", "2019-06", 7), ("a", "completed", "2019-07", 5)])
    put(edb, [("a", "evaluated", "2019-06", 61)])  # supersedes 60
    end = 2019 * 12 + 5
    wanted = {("a", "completed", "2019-06", 100.0), ("a", "evaluated", "2019-06", 61.0)}
    named = values.current_value_keys(session=edb, units=["a"], end=end)
    monkeypatch.setattr(values, "KEYS_WHOLE_FROM", 1)
    picked = values.current_value_keys(session=edb, units=["a"], end=end)
    assert set(named) == set(picked) == wanted and len(picked) == 2


def test_the_hash_is_the_sha256_of_the_keys_written_one_per_line() -> None:
    """Pinned by hand: a document made before and after a change of the code states the same version for the
    same data (the fingerprint, then unit, metric, period and the value's repr, tab-separated, in key order)."""
    import hashlib

    from tracker.reports.fingerprint import hash_of

    text = "fp" + "a\taccepted\t2019-06\t\nb\taccepted\t2019-06\t1.5\nb\taccepted\t2019-07\t10.0\n"
    assert hash_of("fp", [("b", "accepted", "2019-07", 10), ("a", "accepted", "2019-06", None),
                          ("b", "accepted", "2019-06", 1.5)]) == hashlib.sha256(text.encode()).hexdigest()[:12]
    # each distinct value is written once and repeated: -0.0 is not 0.0, and a value repeated is written alike
    text = "fp" + "c\tm\t2019-05\t1.5\nc\tm\t2019-06\t-0.0\nc\tm\t2019-07\t0.0\nc\tm\t2019-08\t1.5\n"
    assert hash_of("fp", [("c", "m", "2019-07", 0.0), ("c", "m", "2019-06", -0.0), ("c", "m", "2019-08", 1.5),
                          ("c", "m", "2019-05", 1.5)]) == hashlib.sha256(text.encode()).hexdigest()[:12]


def test_codes_holding_a_tab_or_less_are_still_hashed_in_key_order() -> None:
    """The lines are sorted as text only when that is the keys' order: a code holding a tab (or a character below
    it) would sort its line elsewhere ("a\\tb" before "a" as text, after it as a key)."""
    import hashlib

    from tracker.reports.fingerprint import hash_of

    rows = [("a\tb", "m", "2019-06", 1.0), ("a", "m", "2019-06", 2.0), ("a", "m\x01", "2019-06", 3.0)]
    text = "fp" + "a\tm\t2019-06\t2.0\n" + "a\tm\x01\t2019-06\t3.0\n" + "a\tb\tm\t2019-06\t1.0\n"
    assert hash_of("fp", rows) == hashlib.sha256(text.encode()).hexdigest()[:12]


def test_a_content_hash_read_in_chunks_is_the_hash_of_its_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys read chunk by chunk hash as all of them at once, in key order, codes with a tab included (they are
    then read again whole and sorted by key); the values of a workbook (a frame) hash the same."""
    import types

    import pandas as pd

    from tracker.reports import fingerprint

    for rows in ([("b", "m", "2019-06", 1.0), ("a", "m", "2019-06", None), ("a", "m", "2019-05", 2.5)],
                 [("a\tb", "m", "2019-06", 1.0), ("a", "m", "2019-06", 2.0), ("a", "m\x01", "2019-06", 3.0)],
                 # a frame's values are written once each: -0.0 apart from 0.0, a NaN as no value
                 [("c", "m", "2019-06", -0.0), ("c", "m", "2019-07", 0.0), ("c", "m", "2019-08", None),
                  ("c", "m", "2019-09", 0.0), ("c", "m", "2019-10", -0.0)]):
        monkeypatch.setattr(fingerprint, "current_value_chunks", lambda rows=rows, **_: iter([rows[:1], rows[1:]]))
        monkeypatch.setattr(fingerprint, "current_value_keys", lambda rows=rows, **_: list(rows))
        register = types.SimpleNamespace(fingerprint="fp")
        want = fingerprint.hash_of("fp", rows)
        got = fingerprint.content_hash(session=None, register=register, units=[], end=0)  # type: ignore[arg-type]
        frame = pd.DataFrame(rows, columns=["unit", "metric", "period", "value"])
        listed = fingerprint.content_hash(session=None, register=register, units=[], end=0,  # type: ignore[arg-type]
                                          values=frame)
        assert got == listed == want
