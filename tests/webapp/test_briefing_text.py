"""The 导出 page's form for the briefing's own sections (issue 18): stored per month with who saved it when, shown
in the preview as text, refused with its message; read-only for a leader. AppTest on a copy of the demo."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as
from tests.webapp.test_pages import open_page
from tracker.reports.briefing.office import office_history
from tracker.storage.db import make_engine, session

ROOT = Path(__file__).resolve().parents[2]


def _briefing_tab(copy_url: str, name: str = "planner", role: str = "planner") -> AppTest:
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180), name, role)
    at.run()
    at = open_page(at, "export")
    at.selectbox(key="brief_month").set_value("2017-10").run()
    return at


def _preview(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_form_stores_the_sections_and_the_preview_prints_them(copy_url: str) -> None:
    at = _briefing_tab(copy_url)
    assert "五、工作动态" not in _preview(at)  # nothing written yet: no section, no placeholder
    at.text_area(key="office_2017-10_news").input("（一）开展消防知识培训。\n10月13日，区政务办开展**培训**。")
    at.text_area(key="office_2017-10_supervision").input("10月份，未收到投诉。")
    at.number_input(key="office_2017-10_score").set_value(9.7)
    at.number_input(key="office_2017-10_rank").set_value(7)
    next(b for b in at.button if b.label == "保存简报文字").click().run()
    assert not at.exception
    assert "已保存：省“好差评”榜单、效能监察情况、工作动态" in [s.value for s in at.success]
    preview = _preview(at)
    assert "## 五、效能监察情况" in preview and "## 六、工作动态" in preview and "### （一）开展消防知识培训。" in preview
    assert "全市各区排名第 7 名" in preview
    assert "**培训**" not in preview  # the user's asterisks are text, not bold
    assert any(c.value.startswith("planner 于 ") and c.value.endswith("（第 1 次修订）") for c in at.caption)
    with session(make_engine(copy_url)) as s:
        stored = {(e.section, e.text, e.score, e.rank, e.user) for e in office_history(session=s, month="2017-10")}
    assert stored == {("news", "（一）开展消防知识培训。\n10月13日，区政务办开展**培训**。", None, None, "planner"),
                      ("supervision", "10月份，未收到投诉。", None, None, "planner"),
                      ("ranking", "", 9.7, 7, "planner")}
    # an edit is a second revision; the first stays
    at.text_area(key="office_2017-10_supervision").input("10月份，中心未收到投诉或异常情况。")
    next(b for b in at.button if b.label == "保存简报文字").click().run()
    assert any(c.value.endswith("（第 2 次修订）") for c in at.caption)
    assert [e.label for e in at.expander if e.label.startswith("简报文字修订记录")] == ["简报文字修订记录（4 次）"]
    # another month is another issue: its own empty sections
    at.selectbox(key="brief_month").set_value("2017-11").run()
    assert at.text_area(key="office_2017-11_news").value == ""


def test_a_refusal_is_said_and_nothing_is_stored(copy_url: str) -> None:
    at = _briefing_tab(copy_url)
    at.text_area(key="office_2017-10_briefs").input("第一段\n第二\x00段")
    next(b for b in at.button if b.label == "保存简报文字").click().run()
    assert [e.value for e in at.error] == ["2017年10月简报【政务简讯】第 2 行含有空字符（NUL，\\\\0），未保存；请删除该字符后重试"]
    with session(make_engine(copy_url)) as s:
        assert office_history(session=s, month="2017-10") == []


def test_a_leader_reads_the_form_but_does_not_write(copy_url: str) -> None:
    at = _briefing_tab(copy_url, "boss", "leader")
    assert "只有规划员可以填写简报文字；已填写的内容见下方预览。" in [i.value for i in at.info]
    assert "保存简报文字" not in [b.label for b in at.button]
    assert not [x for x in at.text_area if str(x.key).startswith("office_")]


def test_anothers_save_since_the_form_opened_is_never_overwritten_unseen(copy_url: str) -> None:
    from tracker.access.roles import Actor
    from tracker.reports.briefing.office import OfficeEdit, office_texts, save_office_texts

    at = _briefing_tab(copy_url)  # planner's form opens with every section empty
    with session(make_engine(copy_url)) as s:  # meanwhile planner_b saves 工作动态 from another browser
        save_office_texts(session=s, actor=Actor("planner_b", "planner"), month="2017-10",
                          edits=[OfficeEdit("news", "乙：消防培训。")], based_on={})
    at.text_area(key="office_2017-10_news").input("甲：窗口改造。")
    at.text_area(key="office_2017-10_stars").input("服务之星：张三")
    next(b for b in at.button if b.label == "保存简报文字").click().run()
    assert not at.exception
    said = [e.value.replace("\\", "") for e in at.error]  # shown as text: Markdown escapes removed to read it
    assert len(said) == 1 and said[0].startswith("2017年10月简报【工作动态】已由 planner_b 于 "), said
    assert at.text_area(key="office_2017-10_news").value == "甲：窗口改造。"  # what the user typed is still there
    with session(make_engine(copy_url)) as s:
        assert office_texts(session=s, month="2017-10").texts == {"news": "乙：消防培训。"}  # nothing stored
    # 载入最新内容 drops the user's edits and shows planner_b's text
    at.button(key="office_2017-10_reload").click().run()
    assert at.text_area(key="office_2017-10_news").value == "乙：消防培训。"
    assert at.text_area(key="office_2017-10_stars").value == ""
    assert not [b for b in at.button if b.key == "office_2017-10_reload"]


def test_after_the_conflict_is_said_saving_again_replaces_on_purpose(copy_url: str) -> None:
    from tracker.access.roles import Actor
    from tracker.reports.briefing.office import OfficeEdit, office_texts, save_office_texts

    at = _briefing_tab(copy_url)
    with session(make_engine(copy_url)) as s:
        save_office_texts(session=s, actor=Actor("planner_b", "planner"), month="2017-10",
                          edits=[OfficeEdit("news", "乙：消防培训。")], based_on={})
    at.text_area(key="office_2017-10_news").input("甲：窗口改造。")
    next(b for b in at.button if b.label == "保存简报文字").click().run()
    assert at.error  # said once
    next(b for b in at.button if b.label == "保存简报文字").click().run()
    assert not at.error and "已保存：工作动态" in [x.value for x in at.success]
    with session(make_engine(copy_url)) as s:
        assert office_texts(session=s, month="2017-10").texts == {"news": "甲：窗口改造。"}
        assert [e.text for e in office_history(session=s, month="2017-10")] == ["甲：窗口改造。", "乙：消防培训。"]
