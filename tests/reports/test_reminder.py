"""The reminder notice (催报通知): addressed to the units missing or late for the period, each with what it lacks
and its contact line, in the office's letterhead; refused to a role that may not export; audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as Docx
from sqlmodel import Session

from tracker.access.audit import events
from tracker.access.roles import AccessDenied, Actor
from tracker.register import Register
from tracker.reports.catalogue import reminder_export

PLANNER = Actor("planner", "planner")


def test_the_notice_lists_the_missing_unit_with_its_contact(demo_db: Session, register: Register) -> None:
    export = reminder_export(session=demo_db, register=register, actor=PLANNER, period="2019-08", suffix=".docx",
                             today=dt.date(2019, 9, 10))
    assert export.name == "关于报送2019年8月政务服务数据的催报通知.docx"
    doc = Docx(io.BytesIO(export.data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "关于报送2019年8月政务服务数据的催报通知" in text
    assert "各有关单位：" in text
    # due the 5th of the next month (targets.yaml reporting_deadline_day: 5); the 10th is past it
    assert "2019年8月政务服务数据报送截止日期（2019年9月5日）已过。截至2019年9月10日" in text
    assert "下列 1\u202f个单位尚未报齐或逾期报送" in text  # a number and its unit word kept on one line
    # the office's own line, data/units.yaml; in 2019-09 it is past the 2019-02 reform, so the new name
    assert "联系人：区政务服务数据管理局，综合窗口 020-0000-0001。" in text
    [table] = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["单位", "未报项目", "逾期项数", "联系方式"]
    assert rows[1][0] == "区统计局" and rows[1][3] == "综合窗口 020-0000-0048"
    assert rows[1][1].startswith("受理量、") and rows[1][1].count("、") == 10  # 11 monthly values, none received
    assert events(demo_db, action="export")["subject"].tolist()[0] == export.name


def test_before_the_deadline_the_notice_says_when_it_is_due(demo_db: Session, register: Register) -> None:
    export = reminder_export(session=demo_db, register=register, actor=PLANNER, period="2019-08", suffix=".docx",
                             today=dt.date(2019, 9, 3))
    text = "\n".join(p.text for p in Docx(io.BytesIO(export.data)).paragraphs)
    assert "2019年8月政务服务数据应于2019年9月5日前报送。截至2019年9月3日" in text


def test_a_reporter_may_not_make_it(demo_db: Session, register: Register) -> None:
    with pytest.raises(AccessDenied):
        reminder_export(session=demo_db, register=register, actor=Actor("c", "reporter"), period="2019-08",
                        suffix=".docx")
