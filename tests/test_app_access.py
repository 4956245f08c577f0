"""Sign-in, the pages each role sees, a reporter refused on the upload page, locks, audit and accounts pages."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as
from tests.test_app import ROOT, open_page
from tracker.access.roles import Actor
from tracker.models import utcnow
from ui_access import pages_for

ALL = ["overview", "targets", "target_detail", "units", "upload", "completeness", "history", "export", "register",
       "locks", "audit", "accounts"]
SEEN = {  # by hand, from the roles in the issue
    "leader": ["overview", "targets", "target_detail", "units", "completeness", "history", "export"],
    "reporter": ["overview", "targets", "target_detail", "units", "upload", "completeness", "history"],
    "planner": ["overview", "targets", "target_detail", "units", "upload", "completeness", "history", "export",
                "register", "locks", "audit"],
    "admin": ["overview", "targets", "target_detail", "units", "completeness", "history", "audit", "accounts"],
}


@pytest.mark.parametrize("role", list(SEEN))
def test_each_role_sees_its_pages(role: str) -> None:
    assert [Path(p).stem for p, *_ in pages_for(Actor("x", role))] == SEEN[role]


@pytest.fixture
def copy_url(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("TRACKER_DATABASE_URL", url)
    monkeypatch.setenv("TRACKER_SIGNIN_DELAY", "0")
    monkeypatch.chdir(ROOT)
    yield url


def fresh() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)


def test_sign_in_with_a_demo_account(copy_url: str) -> None:
    at = fresh()
    at.run()
    assert at.title[0].value == "登录"
    # AppTest runs the entry script once, then only the page: the page shows the same form when not signed in
    at.run()
    assert at.title[0].value == "登录"
    demo = at.dataframe[0].value
    assert demo["账号"].tolist() == ["leader", "clerk_chigang", "planner", "admin"]
    assert demo["角色"].tolist() == ["领导", "填报员", "规划员", "管理员"]
    at.text_input(key="signin_name").input("planner")
    at.text_input(key="signin_password").input("wrong password")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["用户名或密码不正确，或账号已停用"]
    at.text_input(key="signin_password").input("demo-planner")
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value != "登录"
    assert "已登录：planner（规划员） · 演示账号" in [c.value for c in at.sidebar.caption]
    # signing out is driven in the browser test (AppTest does not rerun the sidebar of a navigation app)


def test_an_idle_session_must_sign_in_again(copy_url: str) -> None:
    at = sign_in_as(fresh(), "leader")
    at.session_state["signed_in"] = {"name": "leader", "seen": utcnow() - dt.timedelta(minutes=31)}
    at.run()
    assert at.title[0].value == "登录"
    assert [w.value for w in at.warning] == ["长时间未操作，已自动退出；请重新登录"]


def test_a_page_outside_the_role_is_not_served(copy_url: str) -> None:
    at = sign_in_as(fresh(), "leader")
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")  # st.navigation does not register a page the role does not list


def test_a_reporter_is_refused_for_another_unit_on_the_upload_page(copy_url: str) -> None:
    at = sign_in_as(fresh(), "clerk_chigang")
    at.run()
    at = open_page(at, "upload")
    assert "本账号可为以下单位（及其下级单位）报送：赤岗街政务服务中心" in [c.value for c in at.caption]
    assert at.selectbox[0].options == ["赤岗街政务服务中心"]  # the template's units: its own only
    at.file_uploader[0].upload("六月.csv", "单位,期间,受理量\n新港街,2019-06,10\n".encode(), "text/csv")
    at.run()
    assert at.error[0].value.startswith("文件被拒收")
    assert at.table[0].value["问题及修改方法"].tolist() == [
        "账号“clerk_chigang”只能为 赤岗街政务服务中心（及其下级单位）报送数据，不能为“新港街政务服务中心”报送；请检查单位名称，或请管理员分配单位"]


def test_a_file_name_is_shown_as_text_not_markdown(copy_url: str) -> None:
    at = open_page(sign_in_as(fresh(), "planner").run(), "upload")
    name = "[点我](http://evil.example)![x](http://evil.example/i.png).csv"
    at.file_uploader[0].upload(name, "单位,期间,受理量\n赤岗街,2016-01,1\n".encode(), "text/csv")
    at.run()
    shown = " ".join(x.value for x in [*at.info, *at.success, *at.markdown])
    assert "](http" not in shown  # no link, no image
    assert "\\[点我\\]\\(http" in shown


def test_locks_audit_and_accounts_pages(copy_url: str) -> None:
    at = open_page(sign_in_as(fresh(), "planner").run(), "locks")
    at.selectbox[0].set_value("2019-06")
    at.text_input[0].input("第6期简报已印发")
    at.button[0].click().run()
    assert [s.value for s in at.success] == ["已锁定 2019年6月"]
    assert at.dataframe[0].value["原因"].tolist() == ["第6期简报已印发"]
    at = open_page(at, "audit")
    log = at.dataframe[0].value
    assert log["操作"].tolist()[0] == "锁定期间" and log["账号"].tolist()[0] == "planner"
    assert log["详情"].tolist()[0] == "原因：第6期简报已印发"
    added = log[log["操作"] == "添加账号"]  # the demo's accounts: role and units by name, no codes
    assert "角色：填报员；负责单位：赤岗街政务服务中心" in added["详情"].tolist()
    assert not log["详情"].str.contains("street_|reporter|{", regex=True).any()
    assert at.download_button[0].proto.label == "下载 CSV"
    admin = open_page(sign_in_as(fresh(), "admin").run(), "accounts")
    assert admin.dataframe[0].value["账号"].tolist() == ["admin", "clerk_chigang", "leader", "planner"]
