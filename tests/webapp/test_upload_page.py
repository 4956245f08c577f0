"""数据报送 as a clerk lands on it (issue 17): its units this month, the template one click away, its rejected files;
the preview opening on the changes, numbers as people write them, no "None" (finding 5), Chinese placeholders
(finding 8)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as
from tests.webapp.test_pages import ROOT, open_page

NUMBER = re.compile(r"\d{1,3}(,\d{3})*")


def signed_in(name: str) -> AppTest:
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120), name)
    at.run()
    assert not at.exception
    return at


def test_the_preview_opens_on_the_changes_with_numbers_as_people_write_them(copy_url: str) -> None:
    at = open_page(signed_in("planner"), "upload")
    # 赤岗街's June 2019 figures changed (revisions), 区统计局's August 2019 never came (new): 2 changed, 2 new
    data = "单位,期间,受理量,办结量\n赤岗街,2019-06,9471,9400\n区统计局,2019-08,12345,12300\n".encode()
    at.file_uploader[0].upload("修订.csv", data, "text/csv")
    at.run()
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["修改（2）", "新增（2）"]  # the changes first, each counted
    changed, new = (df.value for df in at.dataframe)
    assert changed["新值"].tolist() == ["9,471", "9,400"]
    assert all(NUMBER.fullmatch(v) for v in changed["原值"])
    assert new["新值"].tolist() == ["12,345", "12,300"] and new["原值"].tolist() == ["—", "—"]
    assert new["期间"].tolist() == ["2019年8月"] * 2 and new["列"].tolist() == ["C 受理量", "D 办结量"]
    cells = [str(v) for df in (changed, new) for v in df.to_numpy().ravel()]
    assert "None" not in cells and "nan" not in cells


def test_only_revisions_show_only_the_changes_tab(copy_url: str) -> None:
    at = open_page(signed_in("planner"), "upload")
    at.file_uploader[0].upload("修订.csv", "单位,期间,受理量\n赤岗街,2019-06,9471\n".encode(), "text/csv")
    at.run()
    assert [tab.label for tab in at.tabs] == ["修改（1）"]  # no empty 新增 tab (Streamlit said "empty" there)


def test_the_optional_pickers_say_so_in_chinese(copy_url: str) -> None:
    at = open_page(signed_in("planner"), "upload")
    period, unit = at.selectbox(key="upload_period"), at.selectbox(key="upload_unit")
    assert (period.value, unit.value) == (None, None)
    assert period.proto.placeholder == unit.proto.placeholder == "（不指定）"  # not Streamlit's "Choose an option"
    assert "（不指定）" not in period.options  # a placeholder, not a choice called "none"


def test_a_clerk_lands_on_its_units_this_month_with_the_template_and_its_rejected_files(copy_url: str) -> None:
    at = signed_in("clerk_chigang")
    assert at.title[0].value == "数据报送"
    at.selectbox(key="mine_month").set_value("2019-06").run()
    assert at.subheader[0].value == "我的单位 · 2019年6月"
    mine = at.dataframe[0].value
    assert mine["单位"].tolist() == ["赤岗街政务服务中心"]
    assert mine["状态"].tolist() == ["已报齐"] and mine["未报项目"].tolist() == ["—"]
    assert [s.value for s in at.success] == ["2019年6月的数据已全部报送"]
    template = next(b for b in at.get("download_button") if b.proto.label.startswith("下载本月报送模板"))
    assert template.proto.label == "下载本月报送模板（赤岗街政务服务中心）"
    at.file_uploader[0].upload("坏.csv", "单位,期间,受理量\n赤岗街,2019-06,十\n".encode(), "text/csv")
    at.run()
    at.run()  # the next visit lists the file among those rejected lately
    rejected = at.dataframe[1].value
    assert rejected["文件"].tolist() == ["坏.csv"] and rejected["问题数"].tolist() == [1]
    assert rejected["第一个问题"].tolist() == ["“十”不是数字；请填写数字，未报送请填“——”或留空"]
    assert at.query_params["mine_month"] == "2019-06"  # the month is in the address


def test_a_clerk_sees_what_is_still_missing(copy_url: str) -> None:
    from tests.helpers import sign_in_as as _  # noqa: F401  (the account is the demo's)
    from tracker.access.accounts import assign_units
    from tracker.access.roles import Actor
    from tracker.core.settings import Settings
    from tracker.storage.db import session
    from tracker.storage.opening import open_tracker

    t = open_tracker(Settings.from_env())
    with session(t.engine) as s:  # the statistics bureau's clerk: its August 2019 figures never came
        assign_units(s, t.register, actor=Actor("a", "admin"), name="clerk_chigang", units=["dept_stats"])
    at = signed_in("clerk_chigang")
    at.selectbox(key="mine_month").set_value("2019-08").run()
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("2019年8月还有 11 项未报，已过截止日期 2019-09-05")
    mine = at.dataframe[0].value
    assert mine["状态"].tolist() == ["未报送"] and mine["已报"].tolist() == ["0/11"]
    assert mine["未报项目"].iloc[0].startswith("受理量、")
