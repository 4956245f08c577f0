"""Units that reorganise, at the import: a former name is taken for the months it was in use and refused after
them with today's name given; a unit that has ceased is refused for later months, naming the one that continues it;
a value for a month of a later plan (2026-10) is stored like one of the first (2018-06)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from tests.engine.test_plans import PLANS, UNITS
from tests.helpers import csv_bytes, register_of, synced
from tests.importer.test_apply import plan, rejected, store, stored
from tracker.register import Register

HEAD = ["单位", "期间", "依申请公开申请数"]


def test_the_offices_former_name_is_taken_until_the_reform_and_refused_after(db: Session, register: Register) -> None:
    # the 2019 reform renamed 区政务管理办公室 区政务服务数据管理局 (data/units.yaml: former name until 2019-02)
    ok = plan(db, register, csv_bytes([HEAD, ["区政务管理办公室", "2018-06", "30"], ["区政务服务数据管理局", "2019-06", "31"]]))
    assert ok.count("new") == 2 and set(ok.rows["unit"]) == {"office"}
    assert rejected(db, register, csv_bytes([HEAD, ["区政务管理办公室", "2019-06", "30"]])) == [
        "f.csv:2:A 单位: “区政务管理办公室”是“区政务服务数据管理局”的旧称，只用到 2019年2月；2019年6月 请使用现名“区政务服务数据管理局”"]


def test_a_ceased_unit_is_refused_for_later_months_naming_its_successor(engine: Engine, tmp_path: Path) -> None:
    reg = register_of(tmp_path, PLANS, UNITS).for_plan("old")
    with synced(engine, reg) as s:
        head = ["单位", "期间", "办结量"]
        assert rejected(s, reg, csv_bytes([head, ["甲街", "2019-05", "10"]])) == [
            "f.csv:2:A 单位: “甲街”在 2019年5月 已不存在（机构改革），其职能由“甲街（新）”承接；请以承接单位报送"]
        ok = plan(s, reg, csv_bytes([head, ["甲街", "2019-03", "10"], ["甲街（新）", "2019-05", "12"]]))
        assert [(r.unit, r.period) for r in ok.rows.itertuples()] == [("a", "2019-03"), ("a2", "2019-05")]


def test_values_of_any_plan_are_stored_and_a_month_not_yet_ended_is_refused(db: Session, register: Register) -> None:
    today = dt.date(2026, 11, 30)  # November 2026 has not ended in China; October has
    p = plan(db, register, csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2026-10", "1200"], ["赤岗街", "2018-06", "900"]]),
             today=today)
    store(db, p)
    assert stored(db) == {("street_chigang", "accepted", "2026-10"): 1200.0,
                          ("street_chigang", "accepted", "2018-06"): 900.0}
    assert rejected(db, register, csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2026-11", "1"]]), today=today) == [
        "f.csv:2:C 受理量: 期间 2026-11 尚未结束（今天是 2026-11-30，北京时间），不能报送；请检查年份和月份"]
