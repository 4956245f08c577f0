"""Successive plans on the pages: the plan of the latest data by default, the chooser kept in the address, the
十五五's progress in Chinese and English, and the 十四五's final evaluation made from the 导出 page."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as
from tests.webapp.test_pages import ROOT, no_codes, open_page
from tracker.core.periods import month
from tracker.engine.plans import plan_view
from tracker.engine.progress import progress_rows
from tracker.register import Register
from tracker.storage.demo import last_ended_month


def app(plan: str | None, lang: str = "zh") -> AppTest:
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180), plan=plan)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_15th_plans_progress_opens_by_default(copy_url: str, demo_db: Session, full_register: Register,
                                                  lang: str) -> None:
    at = app(None, lang)
    latest = month(last_ended_month())
    assert at.sidebar.selectbox(key="plan").value == "15"  # the plan that holds the latest month with data
    assert at.query_params["plan"] == "15"  # kept in the address
    assert at.selectbox(key="as_of").value == latest.code
    view = plan_view(session=demo_db, register=full_register, plan="15")
    rows = progress_rows(session=demo_db, register=view, as_of=latest.code, include_untargeted=False)
    names = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]
    assert sorted(names) == sorted(r.name(lang) for r in rows)  # the 十五五's nine targets, no others
    assert "新规划" not in names and no_codes(at) == []
    first = next(r for r in rows if r.target == "evaluation_coverage_2030")
    assert first.value is not None  # its baseline is the stored 2025 figure: the pace is known
    assert first.expected is not None


def test_choosing_the_14th_plan_shows_its_final_evaluation(copy_url: str) -> None:
    at = app("14")
    assert at.selectbox(key="as_of").value == "2025-12"  # the plan's last month
    names = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]
    assert "零跑动事项占比" in names and len(names) == 11
    at = open_page(at, "export")
    at.selectbox(key="eval_kind").set_value("final").run()
    assert at.selectbox(key="eval_as_of_final").value == "2025-12"  # the final evaluation's checkpoint
    at.radio(key="eval_format").set_value(".xlsx").run()
    at.date_input(key="eval_date").set_value(dt.date(2026, 1, 20)).run()  # the cover's date
    at.button(key="make_eval_final_2025-12_None_.xlsx_2026-01-20").click().run()
    assert not at.exception
    export = at.session_state["file_eval_final_2025-12_None_.xlsx_2026-01-20"]
    assert export.name == "整体评估报告-2025-12.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(export.data))
    sheet = book["指标完成情况"]
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]  # the sheet names targets, never codes
    assert names[:3] == ['"好差评"满意率', "主动评价覆盖度", "差评整改率"]
    assert len(names) == 11
    zero = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[1] == "零跑动事项占比")
    assert zero[4] == "不低于 80%" and zero[5] == 80  # the target as adjusted at the mid-term, in force at the final evaluation
