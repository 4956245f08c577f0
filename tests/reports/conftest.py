"""Every document of the demo, made once per test run as DOCX (the layout tests read them all)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import shared
from tracker.access.roles import operator
from tracker.engine.plans import plan_view
from tracker.register import Register
from tracker.reports import catalogue
from tracker.storage.db import make_engine, session

OPERATOR = operator("test")
DAY = dt.date(2018, 7, 15)


@pytest.fixture(scope=shared("session"))
def demo_documents(demo_url: str, full_register: Register) -> dict[str, bytes]:
    """name → DOCX of each document the demo makes: the three district packs, a unit's pack, a street's
    self-evaluation, the department table and the briefing (its issue number not kept: the database is shared),
    in Chinese and in English."""
    engine = make_engine(demo_url)
    made: dict[str, bytes] = {}
    with session(engine) as s:
        def view(as_of: str) -> Register:
            return plan_view(session=s, register=full_register, as_of=as_of)

        for lang, tail in (("zh", ""), ("en", " in English")):  # each in Chinese, and in English ("… in English")
            for name, kind, as_of, unit in (("mid-term pack", "midterm", "2018-06", None),
                                            ("final pack", "final", "2020-12", None),
                                            ("annual check", "annual", "2016-12", None),
                                            ("unit pack", "annual", "2019-12", "street_chigang")):
                made[name + tail] = catalogue.evaluation_export(
                    session=s, register=view(as_of), actor=OPERATOR, kind=kind, as_of=as_of, unit=unit,
                    suffix=".docx", date=DAY, lang=lang).data
            made["self-evaluation" + tail] = catalogue.self_evaluation_export(
                session=s, register=view("2016-12"), actor=OPERATOR, unit="street_nanhuaxi", year=2016,
                suffix=".docx", date=DAY, lang=lang).data
            made["department table" + tail] = catalogue.departments_export(
                session=s, register=full_register, actor=OPERATOR, period="2019H1", suffix=".docx", date=DAY,
                lang=lang).data
            made["briefing" + tail] = catalogue.briefing_export(
                session=s, register=full_register, actor=OPERATOR, month="2017-10", suffix=".docx", date=DAY,
                keep_number=False, lang=lang).data
    engine.dispose()
    return made
