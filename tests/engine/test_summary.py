"""The figures kept ready (tracker/engine/summary.py): equal to a recomputation from raw rows on the demo, kept in
step by an import in its own transaction, left unused after a raw write, and the trend read both ways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select, update
from sqlmodel import Session

from tests.engine.test_engine import TARGETS, UNITS, put
from tests.helpers import csv_bytes, register_of, synced
from tracker.access.roles import SYSTEM
from tracker.core.periods import parse_period
from tracker.engine import summary
from tracker.engine.query import (
    PAIRS,
    Item,
    indicator_item,
    metric_item,
    period_figures,
    unit_figures,
)
from tracker.engine.views import plan_series
from tracker.engine.windows import Scope
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register
from tracker.storage.values import SUMMARY_REGISTER, get_meta, latest_period_end, set_meta


def _raw(s: Session, register: Register, units: list[str], start: int, end: int) -> pd.DataFrame:
    items = [indicator_item(i, register) for i in register.indicators.values()]
    return period_figures(session=s, items=items, units=units, start=start, end=end)


def _kept(s: Session, register: Register, key: str, start: int, end: int) -> pd.DataFrame:
    scope = Scope() if key == summary.DISTRICT else Scope("subtree", key)
    out = summary.read_series(s, register, scope, list(register.indicators), start, end)
    assert out is not None
    return out


def test_every_kept_figure_equals_its_recomputation_from_raw_rows_on_the_demo(demo_db: Session,
                                                                                register: Register) -> None:
    assert summary.is_ready(demo_db, register)
    end = latest_period_end(session=demo_db)
    assert end is not None
    scopes = summary.kept_scopes(register)
    assert len(scopes) > 1  # the district and at least one unit with units under it
    for key, units in scopes.items():
        raw = _raw(demo_db, register, units, register.first_month, end)
        kept = _kept(demo_db, register, key, register.first_month, end)
        assert len(kept) > 100, key
        pd.testing.assert_frame_equal(kept.reset_index(drop=True), raw.reset_index(drop=True), check_dtype=False,
                                      rtol=1e-12)


def test_an_import_keeps_the_figures_in_step_in_its_transaction(any_engine: Engine, register: Register) -> None:
    with synced(any_engine, register) as db:
        _import_and_correct(db, register)


def _import_and_correct(db: Session, register: Register) -> None:
    assert summary.is_ready(db, register)  # made (empty) by the register sync
    today = dt.date(2026, 11, 22)
    first = csv_bytes([["单位", "期间", "办结量(件)", "评价数"], ["南华西街", "2019-06", "1000", "900"],
                       ["赤岗街", "2019-06", "100", "50"]])
    store_import(session=db, plan=plan_import(session=db, register=register, actor=SYSTEM, name="a.csv",
                                              data=first, today=today), actor=SYSTEM)
    june = parse_period("2019-06").end
    kept = _kept(db, register, summary.DISTRICT, june, june).set_index("key")
    # (900 + 50) evaluated of (1000 + 100) completed, two units
    assert (kept.loc["evaluation_rate", "numerator"], kept.loc["evaluation_rate", "denominator"],
            kept.loc["evaluation_rate", "units"]) == (950, 1100, 2)
    again = csv_bytes([["单位", "期间", "办结量(件)", "评价数"], ["赤岗街", "2019-06", "200", "150"]])
    store_import(session=db, plan=plan_import(session=db, register=register, actor=SYSTEM, name="b.csv",
                                              data=again, today=today), actor=SYSTEM)
    kept = _kept(db, register, summary.DISTRICT, june, june).set_index("key")
    # 赤岗街 corrected: 900 + 150 of 1000 + 200
    assert (kept.loc["evaluation_rate", "numerator"], kept.loc["evaluation_rate", "denominator"]) == (1050, 1200)
    pd.testing.assert_frame_equal(_kept(db, register, summary.DISTRICT, june, june),
                                  _raw(db, register, list(register.units), june, june), check_dtype=False)
    # the unit's own pair kept with it: 赤岗街's June now 150 evaluated of 200 completed
    t = PAIRS.c
    pair = db.execute(select(t.numerator, t.denominator, t.agg).where(
        t.unit == "street_chigang", t.key == "evaluation_rate", t.period == "2019-06")).one()
    assert tuple(pair) == (150, 200, "sum")
    compared, differ = summary.differences(session=db, register=register)
    assert compared > 0 and differ == 0


def test_a_write_that_does_not_keep_the_figures_leaves_them_unused_until_rebuilt(edb: Session,
                                                                                 reg: Register) -> None:
    assert summary.is_ready(edb, reg)
    put(edb, [("a", "evaluated", "2019-06", 90), ("a", "completed", "2019-06", 100)])
    assert not summary.is_ready(edb, reg)  # raw rows answer, never a stale figure
    assert summary.read_series(edb, reg, Scope(), ["evaluation_rate"], 0, 10**6) is None
    sync_register(session=edb, register=reg)  # the next start-up makes them afresh
    assert summary.is_ready(edb, reg)
    june = parse_period("2019-06").end
    assert _kept(edb, reg, summary.DISTRICT, june, june).set_index("key").loc["evaluation_rate", "numerator"] == 90


JUNE = parse_period("2019-06").end


def _district_numerator(s: Session, register: Register) -> float:
    return float(_kept(s, register, summary.DISTRICT, JUNE, JUNE).set_index("key").loc["evaluation_rate", "numerator"])


def _tampered(s: Session) -> None:
    """A kept figure changed behind the summary's back: still there after a sync only if nothing remade it."""
    s.execute(update(summary.SUMMARY).where(summary.SUMMARY.c.scope == summary.DISTRICT,
                                            summary.SUMMARY.c.key == "evaluation_rate",
                                            summary.SUMMARY.c.period_end == JUNE).values(numerator=12345))


MADE_OF = {  # edits to what the kept figures are made of
    "a unit more": (TARGETS, UNITS + "  - {code: d, name_zh: 丁街, name_en: D, type: street, parent: district}\n"),
    "a unit moved": (TARGETS, UNITS.replace("name_en: C, type: street, parent: district",
                                            "name_en: C, type: street, parent: b")),
    "the metrics' frequency": (TARGETS.replace("aggregation: last, frequency: quarter",
                                               "aggregation: last, frequency: month"), UNITS),
    "an indicator's factor": (TARGETS.replace("numerator: days, denominator: releases, factor: 1",
                                              "numerator: days, denominator: releases, factor: 10"), UNITS),
}


@pytest.mark.parametrize("edit", list(MADE_OF))
def test_an_edit_to_targets_or_names_keeps_the_figures_and_one_to_what_they_are_made_of_remakes_them(
        engine: Engine, tmp_path: Path, edit: str) -> None:
    folders = {name: tmp_path / name for name in ("old", "names", "units")}
    for folder in folders.values():
        folder.mkdir()
    old = register_of(folders["old"], TARGETS, UNITS)
    names = register_of(folders["names"], TARGETS.replace("clause: 评价率不低于70%, indicator: evaluation_rate, "
                                                          "comparison: \">=\", threshold: 70", "clause: 评价率不低于75%, "
                                                          "indicator: evaluation_rate, comparison: \">=\", threshold: 75"
                                                          ).replace("name_zh: 评价数", "name_zh: 主动评价件数"),
                        UNITS.replace("name_zh: 甲街", "name_zh: 甲街道"))
    units = register_of(folders["units"], *MADE_OF[edit])
    assert names.fingerprint != old.fingerprint and names.summary_fingerprint == old.summary_fingerprint
    with synced(engine, old) as s:
        put(s, [("a", "evaluated", "2019-06", 90), ("a", "completed", "2019-06", 100)])
        summary.rebuild(session=s, register=old)
        _tampered(s)
        assert sync_register(session=s, register=names) is True  # the names stored anew, the threshold changed
        assert summary.is_ready(s, names) and _district_numerator(s, names) == 12345  # the figures not remade
        assert sync_register(session=s, register=units) is True  # the figures made afresh
        assert summary.is_ready(s, units) and _district_numerator(s, units) == 90


def test_a_summary_marked_with_this_registers_whole_fingerprint_is_marked_anew_not_remade(
        engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    reg = register_of(tmp_path, TARGETS, UNITS)
    other = register_of(tmp_path / "other", TARGETS, UNITS.replace("name_zh: 甲街", "name_zh: 甲街道"))
    with synced(engine, reg) as s:
        put(s, [("a", "evaluated", "2019-06", 90), ("a", "completed", "2019-06", 100)])
        summary.rebuild(session=s, register=reg)
        assert get_meta(session=s, key=SUMMARY_REGISTER) == reg.summary_fingerprint
        # what the release before (9a88565) computed for this register: a register without translations keeps
        # the fingerprint it had, or no database's mark would be adopted on upgrade
        assert reg.fingerprint == "7b8b8c81c08964a4c51d34e50006fd8d4a29b6e35d88aab509738d1795a23fc6"
        set_meta(session=s, key=SUMMARY_REGISTER, value=reg.fingerprint)  # as the release before marked it
        _tampered(s)
        assert sync_register(session=s, register=reg) is False  # this register, already synced
        assert get_meta(session=s, key=SUMMARY_REGISTER) == reg.summary_fingerprint
        assert _district_numerator(s, reg) == 12345  # marked anew, not remade
        set_meta(session=s, key=SUMMARY_REGISTER, value=other.fingerprint)  # made for another register
        sync_register(session=s, register=reg)
        assert summary.is_ready(s, reg) and _district_numerator(s, reg) == 90  # remade


@pytest.fixture(params=["summary", "raw"])
def figures_from(request: pytest.FixtureRequest, edb: Session, reg: Register) -> Iterator[str]:
    """The test's values are written with `put` (which leaves the summary unused); `summary` rebuilds it first."""
    yield request.param


def _prepare(how: str, s: Session, reg: Register) -> None:
    if how == "summary":
        summary.rebuild(session=s, register=reg)
    assert summary.is_ready(s, reg) == (how == "summary")


def test_the_trend_is_the_same_from_the_summary_and_from_raw_rows(figures_from: str, edb: Session,
                                                                   reg: Register) -> None:
    put(edb, [("a", "evaluated", "2019-05", 900), ("a", "completed", "2019-05", 1000),
              ("b", "evaluated", "2019-05", 50), ("b", "completed", "2019-05", 100),
              ("a", "evaluated", "2019-06", 80), ("a", "completed", "2019-06", 100),
              ("district", "evaluated", "2019-06", 500), ("district", "completed", "2019-06", 600)])
    _prepare(figures_from, edb, reg)
    series = plan_series(session=edb, register=reg, as_of=parse_period("2019-06"), scope=Scope(),
                         indicators=["evaluation_rate"], start=parse_period("2019-05").end)
    got = [(int(r.end), r.numerator, r.denominator, int(r.units)) for r in series.itertuples()]
    # May: (900 + 50) / (1000 + 100) from a and b; June: the district's own total replaces a's (one unit counted)
    may, june = parse_period("2019-05").end, parse_period("2019-06").end
    assert got == [(may, 950, 1100, 2), (june, 500, 600, 1)]


def test_a_window_read_from_the_kept_pairs_equals_raw_rows_on_the_demo(demo_db: Session, register: Register) -> None:
    """Every figure of the district's and a street's units, for the months, quarters and years to date of the
    demo's last year, the same from the kept pairs as from raw rows."""
    end = latest_period_end(session=demo_db)
    assert end is not None
    items = [indicator_item(i, register) for i in register.indicators.values()]
    everyone = list(register.units)
    assert summary.covers(demo_db, register, items, everyone)
    for start in (end, end - 2, end - 11):
        raw = unit_figures(session=demo_db, items=items, units=everyone, start=start, end=end)
        kept = unit_figures(session=demo_db, items=items, units=everyone, start=start, end=end, kept=True)
        assert len(raw) > 100
        order = ["key", "unit", "cover"]
        pd.testing.assert_frame_equal(kept.sort_values(order).reset_index(drop=True),
                                      raw.sort_values(order).reset_index(drop=True), check_dtype=False, rtol=1e-12)


def test_the_kept_pairs_answer_only_for_the_registers_indicators_over_many_units(demo_db: Session,
                                                                                register: Register) -> None:
    items = [indicator_item(i, register) for i in register.indicators.values()]
    everyone = list(register.units)
    assert summary.covers(demo_db, register, items, everyone)
    assert not summary.covers(demo_db, register, [metric_item(register.metrics["accepted"])], everyone)
    few = everyone[: len(everyone) // 10 - 1]  # under a tenth of the units: raw rows, found by the unit index
    assert not summary.covers(demo_db, register, items, few)
    assert summary.covers(demo_db, register, items, everyone[: -(-len(everyone) // 10)])  # a tenth
    other = Item(items[0].key, items[0].components, "last" if items[0].aggregation != "last" else "sum")
    assert not summary.covers(demo_db, register, [other], everyone)  # paired or totalled otherwise


def test_0017_leaves_the_summary_to_be_made_afresh_pairs_and_all(any_engine: Engine, register: Register) -> None:
    """A database from before the pairs (0016, its summary ready) upgraded: the summary is no longer taken as
    ready, and the next start-up's sync makes it with every unit's pairs."""
    from alembic import command

    from tracker.storage.db import alembic_config

    with synced(any_engine, register) as db:
        _import_and_correct(db, register)
        db.commit()
    config = alembic_config(any_engine)
    command.downgrade(config, "0016")
    with synced(any_engine, register) as db:  # the sync of 0016's day marked it ready, without pairs
        assert summary.is_ready(db, register)
    command.upgrade(config, "head")
    with session(any_engine) as db:
        assert not summary.is_ready(db, register)  # raw rows answer until it is made
        assert db.execute(select(func.count()).select_from(PAIRS)).scalar_one() == 0
        sync_register(session=db, register=register)  # the next start-up
        assert summary.is_ready(db, register)
        t = PAIRS.c
        pair = db.execute(select(t.numerator, t.denominator).where(
            t.unit == "street_chigang", t.key == "evaluation_rate", t.period == "2019-06")).one()
        assert tuple(pair) == (150, 200)  # 赤岗街's corrected June, as the import left it
        compared, differ = summary.differences(session=db, register=register)
        assert compared > 0 and differ == 0
