"""The documents' file names, in the language the document is written in: an evaluator sending an English pack
sends a file named in English."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from tracker.access.roles import Actor
from tracker.core.i18n import Lang
from tracker.register import Register
from tracker.reports import catalogue
from tracker.reports.briefing.figures import Issue

PLANNER = Actor("planner", "planner")
NAMES = {  # what each export is named, by language
    "zh": ["中期评估报告-2018-06.docx", "2019年度检查报告-赤岗街政务服务中心-2019-12.docx",
           "政务服务简报-2019年第6期-2019-06.docx", "窗口部门绩效评估-2019H1.xlsx",
           "关于报送2019年8月政务服务数据的催报通知.docx", "规划目标总览-2018-06.png",
           "南华西街道办事处2016年度自评报告.docx"],
    "en": ["Mid-term evaluation-2018-06.docx", "2019 annual check-Chigang Street Service Centre-2019-12.docx",
           "Government services briefing-2019 no. 6-2019-06.docx", "Window departments' performance-2019H1.xlsx",
           "Reminder - government-service figures for Aug 2019.docx", "Plan progress overview-2018-06.png",
           "Nanhuaxi Street Sub-district Office 2016 self-evaluation.docx"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_document_is_named_in_its_language(demo_db: Session, register: Register, lang: Lang) -> None:
    s, r, a = demo_db, register, PLANNER
    day = dt.date(2019, 9, 10)
    made = [
        catalogue.evaluation_export(session=s, register=r, actor=a, kind="midterm", as_of="2018-06", suffix=".docx",
                                    lang=lang, date=day),
        catalogue.evaluation_export(session=s, register=r, actor=a, kind="annual", as_of="2019-12", suffix=".docx",
                                    unit="street_chigang", lang=lang, date=day),
        catalogue.briefing_export(session=s, register=r, actor=a, month="2019-06", suffix=".docx",
                                  issue=Issue(2019, 6, 12), date=day, lang=lang, keep_number=False),
        catalogue.departments_export(session=s, register=r, actor=a, period="2019H1", suffix=".xlsx", lang=lang),
        catalogue.reminder_export(session=s, register=r, actor=a, period="2019-08", suffix=".docx", lang=lang,
                                  today=day),
        catalogue.overview_export(session=s, register=r, actor=a, as_of="2018-06", suffix=".png", lang=lang),
        catalogue.self_evaluation_export(session=s, register=r, actor=a, unit="street_nanhuaxi", year=2016,
                                         suffix=".docx", lang=lang, date=day),
    ]
    assert [e.name for e in made] == NAMES[lang]


def test_a_file_name_holds_nothing_a_file_system_refuses() -> None:
    assert catalogue.file_name('Reminder: figures for Aug 2019.docx') == "Reminder - figures for Aug 2019.docx"
    assert catalogue.file_name('a/b\\c*?"<>|d\x01.docx') == "a - b - c - d - .docx"
    assert catalogue.file_name("关于报送2019年8月政务服务数据的催报通知：（一）.docx") == "关于报送2019年8月政务服务数据的催报通知：（一）.docx"
