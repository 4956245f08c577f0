"""Who has reported, in words: the summary line, the table and the missing units, from hand counts."""

from __future__ import annotations

from sqlmodel import Session

from tests.engine.test_completeness import fixture_db  # noqa: F401,F811  (the fixture)
from tracker.engine.completeness import completeness
from tracker.register import Register
from tracker.wording import completeness as words


def test_summary_table_and_missing_wording(fixture_db: Session, register: Register) -> None:  # noqa: F811
    report = completeness(session=fixture_db, register=register, period="2019-06")
    assert words.summary(report, "zh") == ("2019年6月（截止 2019-07-05）：应报 713 项，已报 19 项，按时 15 项；"
                                    "报送率 2.66%，及时率 2.10%")  # 19/713 = 2.665%, 15/713 = 2.104%
    table = words.table(report, register, "en")
    assert list(table.columns) == ["Unit", "Expected", "Received", "On time", "Late", "Missing", "Status"]
    assert table[table["Unit"] == "Nanhuaxi Street Service Centre"].values.tolist() == [
        ["Nanhuaxi Street Service Centre", 14, 4, 0, 4, 10, "partial"]]
    text = words.missing_text(report, register, "zh")
    assert text is not None and text.startswith("未报齐的单位：区政务服务数据管理局、区政务服务中心")
    assert "赤岗街政务服务中心" not in text
