"""The printable overview (issue 17): one A4 landscape page, PDF and PNG, saying what the overview page says."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image
from sqlmodel import Session

from tracker.access.roles import AccessDenied, Actor
from tracker.core.clock import LOCAL_TZ
from tracker.engine.views import overview
from tracker.register import Register
from tracker.reports.catalogue import overview_export
from tracker.reports.overview.sheet import overview_sheet

LEADER = Actor("leader", "leader")
NOW = dt.datetime(2018, 7, 10, 9, 30, tzinfo=LOCAL_TZ)


def test_the_pdf_is_one_a4_landscape_page(demo_db: Session, register: Register) -> None:
    export = overview_export(session=demo_db, register=register, actor=LEADER, as_of="2018-06", suffix=".pdf",
                             now=NOW)
    assert export.name == "规划目标总览-2018-06.pdf" and export.mime == "application/pdf"
    pdf = export.data.decode("latin-1")
    assert len(re.findall(r"/Type\s*/Page\b", pdf)) == 1  # one page object (/Pages, the tree, does not match)
    # A4 landscape is 297 × 210 mm = 841.9 × 595.3 points (1 point = 1/72 inch)
    box = [float(x) for x in re.search(r"/MediaBox\s*\[\s*([\d.\s]+)\]", pdf).group(1).split()]  # type: ignore[union-attr]
    assert box[0] == box[1] == 0 and abs(box[2] - 841.9) < 1 and abs(box[3] - 595.3) < 1


def test_the_png_is_the_same_page_at_200_dpi(demo_db: Session, register: Register) -> None:
    export = overview_export(session=demo_db, register=register, actor=LEADER, as_of="2018-06", suffix=".png",
                             now=NOW)
    image = Image.open(io.BytesIO(export.data))
    assert image.size == (2339, 1654)  # 297 mm and 210 mm at 200 dpi: 297 / 25.4 × 200, 210 / 25.4 × 200
    assert image.getpixel((5, 5)) == (255, 255, 255)


def test_the_page_says_what_the_overview_says(demo_db: Session, register: Register) -> None:
    ov = overview(session=demo_db, register=register, as_of="2018-06")
    sheet = overview_sheet(ov, register, "zh", as_of="2018-06", window="ytd", sample=True, version="abc", now=NOW)
    assert sheet.lines[0] == "截至 2018年6月 · 年初至今 · 内容版本 abc · 生成于 2018-07-10 09:30（北京时间）"
    assert sheet.lines[1] == "当前显示的是示例数据（非真实统计），仅供演示"
    # the mid-term story of the overview page test: 3 met, 9 on track, 2 off track, 1 no data, 1 not due
    assert [(label, n) for label, n, _ in sheet.counts] == [("已达标", 3), ("正常推进", 9), ("滞后", 2), ("无数据", 1),
                                                            ("未到期", 1)]
    assert [f.name for f in sheet.faces][:3] == ["网上办结率", "零跑动事项占比", "部门事项目录化动态管理"]
    first = sheet.faces[0]
    assert (first.status, first.colour, first.rule) == ("滞后", "red", "要求：不低于 85%")
    assert first.threshold == 85 and len(first.trend) == 30  # 2016-01 … 2018-06
    assert len(sheet.faces) == 16


def test_a_reporter_may_not_export_it(demo_db: Session, register: Register) -> None:
    with pytest.raises(AccessDenied):
        overview_export(session=demo_db, register=register, actor=Actor("c", "reporter"), as_of="2018-06",
                        suffix=".pdf")


def test_a_date_given_is_the_pages_date_instead_of_the_time_it_was_made(demo_db: Session, register: Register) -> None:
    ov = overview(session=demo_db, register=register, as_of="2018-06")
    sheet = overview_sheet(ov, register, "zh", as_of="2018-06", window="ytd", sample=False, version="abc", now=NOW,
                           date=dt.date(2018, 7, 15))
    assert sheet.lines == ["截至 2018年6月 · 年初至今 · 内容版本 abc · 2018年7月15日"]  # --date (issue 18)
    en = overview_sheet(ov, register, "en", as_of="2018-06", window="ytd", sample=False, version="abc", now=NOW,
                        date=dt.date(2018, 7, 15))
    assert en.lines[0].endswith("content version abc · 2018-07-15")
    dated = [overview_export(session=demo_db, register=register, actor=LEADER, as_of="2018-06", suffix=".png",
                             now=NOW, date=dt.date(2018, 7, day)).data for day in (15, 16)]
    assert dated[0] != dated[1]  # the export prints the date it is given
