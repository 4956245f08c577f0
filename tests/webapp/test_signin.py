"""Sign-in, the pages each role sees, a reporter refused on the upload page, locks, audit and accounts pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as, unescaped
from tests.webapp.test_pages import ROOT, open_page
from tests.webapp.test_text_safety import made_of
from tracker.access.roles import Actor
from tracker.core.clock import utcnow
from webapp.navigation import pages_for

ALL = ["overview", "targets", "target_detail", "units", "upload", "completeness", "history", "export", "register",
       "locks", "audit", "accounts"]
SEEN = {  # by hand, from the roles in the issues: each role's landing page first (issue 17)
    "leader": ["overview", "targets", "target_detail", "units", "completeness", "history", "export"],
    # a clerk opens 导出 for its own units' self-evaluation text only (issue 18)
    "reporter": ["upload", "overview", "targets", "target_detail", "units", "completeness", "history", "export"],
    "planner": ["overview", "targets", "target_detail", "units", "upload", "completeness", "history", "export",
                "register", "locks", "audit"],
    "admin": ["accounts", "overview", "targets", "target_detail", "units", "completeness", "history", "audit"],
}


@pytest.mark.parametrize("role", list(SEEN))
def test_each_role_sees_its_pages(role: str) -> None:
    assert [Path(p).stem for p, *_ in pages_for(Actor("x", role))] == SEEN[role]


@pytest.fixture
def copy_url(copy_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shared demo copy, signing in without the failed-attempt delay."""
    monkeypatch.setenv("TRACKER_SIGNIN_DELAY", "0")
    return copy_url


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
    at.button[0].click().run()  # signed in at once (the browser fetches its cookie in the background)
    assert not at.exception
    assert at.title[0].value != "登录"
    assert "已登录：planner（规划员） · 演示账号" in [c.value for c in at.sidebar.caption]
    # signing out is driven in the browser test (AppTest does not rerun the sidebar of a navigation app)


def _session_row(url: str, **values: object) -> None:
    """Change the signed-in browser session(s) in the database as time or an administrator would."""
    from sqlalchemy import update

    from tracker.storage.db import make_engine, session
    from tracker.storage.models import BrowserSession

    engine = make_engine(url)
    with session(engine) as s:
        s.execute(update(BrowserSession).values(**values))
        s.commit()
    engine.dispose()


def _audit(url: str, action: str) -> list[str]:
    from tracker.access.audit import events
    from tracker.storage.db import make_engine, session

    engine = make_engine(url)
    with session(engine) as s:
        frame = events(s, action=action)
    engine.dispose()
    return [f"{u} {d}" for u, d in zip(frame["user"], frame["detail"], strict=True)]


def test_an_idle_session_must_sign_in_again(copy_url: str) -> None:
    at = sign_in_as(fresh(), "leader")
    at.run()
    assert at.title[0].value == "规划目标总览"
    _session_row(copy_url, last_seen_at=utcnow() - dt.timedelta(minutes=31))  # the limit is 30 minutes
    at.run()
    assert at.title[0].value == "登录"
    assert [w.value for w in at.warning] == ["长时间未操作，已自动退出；请重新登录"]
    at.run()  # still out, and the idle sign-out is in the audit trail once
    assert [x.split()[0] for x in _audit(copy_url, "sign_out")] == ["leader"]


def test_a_disabled_account_is_out_at_its_next_click(copy_url: str) -> None:
    from tracker.access.accounts import set_active
    from tracker.storage.db import make_engine, session

    at = sign_in_as(fresh(), "clerk_chigang")
    at.run()
    assert at.title[0].value == "数据报送"  # a clerk lands on its upload page
    engine = make_engine(copy_url)
    with session(engine) as s:
        set_active(s, actor=Actor("admin", "admin"), name="clerk_chigang", active=False)
    engine.dispose()
    at.run()
    assert at.title[0].value == "登录"
    assert [w.value for w in at.warning] == ["账号已停用，已退出登录"]


def test_sign_in_is_audited_once_not_on_every_rerun(copy_url: str) -> None:
    at = fresh()
    at.run()
    at.text_input(key="signin_name").input("leader")
    at.text_input(key="signin_password").input("demo-leader")
    at.button[0].click().run()
    for _ in range(3):
        at.run()
    assert at.title[0].value == "规划目标总览"
    assert [x.split()[0] for x in _audit(copy_url, "sign_in")] == ["leader"]


def test_a_ticket_the_browser_did_not_trade_in_time_is_renewed_on_the_next_run(copy_url: str) -> None:
    """On a server under load the cookie's image can come after the ticket's two minutes: the tab stays signed in,
    is handed a new ticket on its next run, and that ticket buys the cookie; once bought, no ticket is shown."""
    from tracker.access import sessions
    from tracker.storage.db import make_engine, session

    at = fresh()
    at.run()
    at.text_input(key="signin_name").input("leader")
    at.text_input(key="signin_password").input("demo-leader")
    at.button[0].click().run()
    first = at.session_state["browser_ticket"]
    at.run()
    assert at.session_state["browser_ticket"] == first  # still fresh: the same ticket
    _session_row(copy_url, ticket_expires_at=utcnow() - dt.timedelta(seconds=1))
    at.run()
    assert at.title[0].value == "规划目标总览"  # still signed in
    renewed = at.session_state["browser_ticket"]
    assert renewed != first
    engine = make_engine(copy_url)
    with session(engine) as s:
        assert sessions.claim(s, ticket=first) is None  # the old ticket stays spent
        assert sessions.claim(s, ticket=renewed) is not None
    engine.dispose()
    at.run()
    assert "browser_ticket" not in at.session_state


@pytest.mark.parametrize(("name", "landing"), [("leader", "规划目标总览"), ("planner", "规划目标总览"),
                                               ("clerk_chigang", "数据报送"), ("admin", "账号管理")])
def test_each_role_lands_on_its_page(copy_url: str, name: str, landing: str) -> None:
    at = sign_in_as(fresh(), name)
    at.run()
    assert not at.exception
    assert at.title[0].value == landing


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
    assert at.selectbox(key="template_unit").options == ["赤岗街政务服务中心"]  # the template's units: its own only
    at.file_uploader[0].upload("六月.csv", "单位,期间,受理量\n新港街,2019-06,10\n".encode(), "text/csv")
    at.run()
    assert at.error[0].value.startswith("文件被拒收")
    assert [unescaped(m) for m in at.table[0].value["问题及修改方法"]] == [
        "账号“clerk_chigang”只能为 赤岗街政务服务中心（及其下级单位）报送数据，不能为“新港街政务服务中心”报送；请检查单位名称，或请管理员分配单位"]


def test_a_file_name_is_shown_as_text_not_markdown(copy_url: str) -> None:
    at = open_page(sign_in_as(fresh(), "planner").run(), "upload")
    name = "[点我](http://evil.example)![x](http://evil.example/i.png).csv"
    at.file_uploader[0].upload(name, "单位,期间,受理量\n赤岗街,2016-01,1\n".encode(), "text/csv")
    at.run()
    shown = " ".join(x.value for x in [*at.info, *at.success, *at.markdown])
    assert made_of(shown) == []  # no link, no image
    assert "\\[点我\\]" in shown


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


def test_the_sign_in_page_shows_no_command_line(copy_url: str) -> None:
    at = fresh()
    at.run()
    said = " ".join(x.value for x in [*at.info, *at.caption, *at.markdown])
    assert "演示环境（示例数据）" in said and "python -m" not in said  # issue 17, finding 9
