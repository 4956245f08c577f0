"""报送情况's reminder list (催报, issue 17): the units missing or late with their contact lines, to copy, as CSV and
as the reminder notice (for those who may export)."""

from __future__ import annotations

from tests.webapp.test_pages import open_page
from tests.webapp.test_upload_page import signed_in


def test_the_reminder_list_names_the_missing_unit_and_its_contact(copy_url: str) -> None:  # noqa: F811
    at = open_page(signed_in("planner"), "completeness")
    at.selectbox(key="complete_period").set_value("2019-08").run()
    assert at.subheader[0].value == "催报名单"
    reminders = at.dataframe[1].value
    # the demo's story: 区统计局 sent nothing for August 2019 (11 monthly values); data/units.yaml's contact line
    assert reminders["单位"].tolist() == ["区统计局"]
    assert reminders["情况"].tolist() == ["11 项未报"]
    assert reminders["联系方式"].tolist() == ["综合窗口 020-0000-0048"]
    assert reminders["未报项目"].iloc[0].startswith("受理量、")
    assert at.query_params["complete_period"] == "2019-08"
    at.button(key="remind_make").click().run()
    notice = next(b for b in at.get("download_button") if b.proto.label == "下载催报通知（Word）")
    assert notice is not None


def test_a_late_unit_is_listed_as_late(copy_url: str) -> None:  # noqa: F811
    at = open_page(signed_in("planner"), "completeness")
    at.selectbox(key="complete_period").set_value("2019-07").run()
    reminders = at.dataframe[1].value
    assert reminders["单位"].tolist() == ["区统计局"] and reminders["情况"].tolist() == ["已报齐，11 项逾期"]


def test_a_clerk_sees_the_list_but_no_notice_button(copy_url: str) -> None:  # noqa: F811
    at = open_page(signed_in("clerk_chigang"), "completeness")
    at.selectbox(key="complete_period").set_value("2019-08").run()
    assert not [b for b in at.button if b.key == "remind_make"]  # a reporter may not export documents
    assert [b.proto.label for b in at.get("download_button")] == ["下载催报名单（CSV）"]


def test_a_period_everyone_reported_on_time_needs_no_reminder(copy_url: str) -> None:  # noqa: F811
    at = open_page(signed_in("planner"), "completeness")
    at.selectbox(key="complete_period").set_value("2019").run()  # the yearly values: 2 of 2, both on time
    assert "2019年 没有需要催报的单位" in [s.value for s in at.success]


