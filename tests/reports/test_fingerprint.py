"""A document's content hash: the same values and register give the same hash; a change of either changes it."""

from __future__ import annotations

from pathlib import Path

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
