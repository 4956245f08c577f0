"""The briefing's own sections stored per month (issue 18, finding 6), on SQLite and PostgreSQL: history kept,
planners only, audited, the data version raised, bad input refused with its own message and nothing stored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tracker.access.audit import events
from tracker.access.roles import SYSTEM, AccessDenied, Actor
from tracker.core.errors import EditConflict, OfficeTextRejected
from tracker.reports.briefing.office import (
    MAX_CHARS,
    OfficeEdit,
    current_entries,
    office_history,
    office_texts,
    save_office_texts,
    section_code,
)
from tracker.storage.db import session as open_session
from tracker.storage.models import BriefingText
from tracker.storage.values import data_version

PLANNER = Actor("planner", "planner")
NEWS = "（一）开展消防知识培训，实地进行灭火演练。\n10月13日，区政务办开展消防知识培训。"


@pytest.fixture
def s(any_engine: Engine) -> Iterator[Session]:
    with open_session(any_engine) as session:
        yield session


def rows(s: Session) -> int:
    return int(s.execute(select(func.count()).select_from(BriefingText)).scalar_one())


def counter(s: Session) -> int:
    return int(data_version(session=s).split(".")[1])


def test_an_edit_is_a_new_revision_and_the_newest_is_printed(s: Session) -> None:
    saved = save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[
        OfficeEdit("news", f"  {NEWS}\n\n"), OfficeEdit("stars", ""), OfficeEdit("ranking", "", 9.7, 7)])
    # the empty 服务之星 was never written: nothing to store for it; the text is kept trimmed
    assert saved == ["news", "ranking"]
    save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[OfficeEdit("news", "区政务办开展培训。")])
    history = office_history(session=s, month="2017-10")
    assert [(e.section, e.text, e.revision) for e in history] == [
        ("news", "区政务办开展培训。", 2), ("ranking", "", 1), ("news", NEWS, 1)]  # newest first, nothing lost
    assert all(e.user == "planner" for e in history)
    texts = office_texts(session=s, month="2017-10")
    assert (texts.texts, texts.score, texts.rank) == ({"news": "区政务办开展培训。"}, 9.7, 7)
    assert office_texts(session=s, month="2017-11").texts == {}  # per issue: another month has its own


def test_an_unchanged_section_is_not_saved_again_and_an_emptied_one_is(s: Session) -> None:
    save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[OfficeEdit("assessment", "考核达标。")])
    before = counter(s)
    assert save_office_texts(session=s, actor=PLANNER, month="2017-10",
                             edits=[OfficeEdit("assessment", "考核达标。\n")]) == []
    assert rows(s) == 1 and counter(s) == before  # nothing changed: no revision, the version stays
    assert save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[OfficeEdit("assessment", "")]) == [
        "assessment"]
    assert rows(s) == 2 and counter(s) == before + 1
    assert office_texts(session=s, month="2017-10").texts == {}  # emptied: left out of the briefing
    assert current_entries(session=s, month="2017-10")["assessment"].revision == 2  # the old text is kept


def test_saving_is_audited_and_raises_the_data_version(s: Session) -> None:
    before = counter(s)
    save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[OfficeEdit("briefs", "【区政务办】接待调研。")])
    assert counter(s) == before + 1
    trail = events(s)
    assert (trail["user"][0], trail["action"][0], trail["subject"][0]) == ("planner", "briefing_text", "2017-10 briefs")


@pytest.mark.parametrize("actor", [Actor("l", "leader"), Actor("c", "reporter", frozenset({"street_chigang"})),
                                   Actor("a", "admin")])
def test_only_planners_write_it(s: Session, actor: Actor) -> None:
    with pytest.raises(AccessDenied):
        save_office_texts(session=s, actor=actor, month="2017-10", edits=[OfficeEdit("news", "x")])
    assert rows(s) == 0 and events(s).empty


REFUSED = [
    # (edit, message key, the Chinese message: what, where, the value, the fix)
    (OfficeEdit("news", "第一段\n第二\x00段"), "office.nul",
     "2017年10月简报【工作动态】第 2 行含有空字符（NUL，\\0），未保存；请删除该字符后重试"),
    (OfficeEdit("news", "第一段\n第二段\n退格\x08"), "office.control",  # python-docx refuses it: no export
     "2017年10月简报【工作动态】第 3 行含有不可打印的控制字符（U+0008），未保存；请删除该字符后重试（多见于从终端或网页复制的文字）"),
    (OfficeEdit("news", "\ufffe"), "office.control", None),
    (OfficeEdit("briefs", "字" * (MAX_CHARS + 1)), "office.too_long",
     "2017年10月简报【政务简讯】有 20,001 字，超过上限 20,000 字，未保存；请删减后重试"),
    (OfficeEdit("ranking", "", 100.5, 7), "office.bad_score",
     "2017年10月简报的综合评分“100.5”无效，未保存：应为 0 到 100 之间的数（如 9.7 或 92.5）"),
    (OfficeEdit("ranking", "", float("nan"), None), "office.bad_score", None),
    (OfficeEdit("ranking", "", 9.7, 0), "office.bad_rank",
     "2017年10月简报的排名“0”无效，未保存：应为 1 或更大的整数（第 1 名最前）"),
    (OfficeEdit("news", "x", 9.7, None), "office.numbers_ranking_only", None),
    (OfficeEdit("honours", "x"), "office.unknown_section", None),
]


@pytest.mark.parametrize(("edit", "key", "zh"), REFUSED)
def test_bad_input_is_refused_and_nothing_is_stored(s: Session, edit: OfficeEdit, key: str, zh: str | None) -> None:
    good = OfficeEdit("assessment", "考核达标。")  # saved with the bad one: refused together
    before = counter(s)
    with pytest.raises(OfficeTextRejected) as refused:
        save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[good, edit])
    assert refused.value.key == key
    if zh:
        assert refused.value.text("zh") == zh
    assert refused.value.text("en") != refused.value.text("zh")  # said in English too
    s.rollback()
    assert rows(s) == 0 and counter(s) == before and events(s).empty


def test_the_english_message_names_the_section_and_month(s: Session) -> None:
    with pytest.raises(OfficeTextRejected) as refused:
        save_office_texts(session=s, actor=SYSTEM, month="2017-10", edits=[OfficeEdit("stars", "x" * 20_001)])
    assert refused.value.text("en") == ('"Service stars" for the Oct 2017 briefing has 20,001 characters, more '
                                        "than the 20,000 allowed; nothing was saved. Shorten it and try again")


def test_a_briefing_month_must_be_a_month(s: Session) -> None:
    with pytest.raises(OfficeTextRejected) as refused:
        save_office_texts(session=s, actor=SYSTEM, month="2017Q4", edits=[OfficeEdit("news", "x")])
    assert refused.value.key == "office.not_month"


@pytest.mark.parametrize(("name", "code"), [("工作动态", "news"), ("news", "news"), ("Work news", "news"),
                                            ("综合评分", "ranking"), ("投诉热点", "hotline_topics"),
                                            ("考核情况", "assessment"), ("服务之星", "stars"),
                                            ("中心考核情况", "assessment"), ("分中心考核情况", "assessment_branches"),
                                            ("分中心考核", "assessment_branches")])
def test_a_section_is_named_by_code_title_or_alias(name: str, code: str) -> None:
    assert section_code(name) == code


def test_an_unknown_section_lists_the_known_ones() -> None:
    with pytest.raises(OfficeTextRejected) as refused:
        section_code("荣誉榜")
    assert refused.value.text("zh") == ("没有名为“荣誉榜”的简报栏目，未保存；可用的栏目：考核情况、分中心考核情况、省“好差评”榜单、"
                                        "12345 投诉热点、效能监察情况、工作动态、政务简讯、服务之星")


# --- two planners at once: a form never overwrites another's text unseen -------------------------------------------

OTHER = Actor("planner_b", "planner")


def test_a_form_opened_before_anothers_save_is_refused_for_that_section_and_stores_nothing(s: Session) -> None:
    save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[OfficeEdit("news", NEWS)])
    shown = {e.section: e.revision for e in current_entries(session=s, month="2017-10").values()}  # news: 1
    save_office_texts(session=s, actor=OTHER, month="2017-10", edits=[OfficeEdit("news", "乙的修改。")],
                      based_on=shown)  # planner_b saves revision 2 first
    before = (rows(s), counter(s))
    with pytest.raises(EditConflict) as caught:  # planner, still on revision 1, edits news and writes 工作动态 too
        save_office_texts(session=s, actor=PLANNER, month="2017-10", based_on=shown,
                          edits=[OfficeEdit("news", "甲的修改。"), OfficeEdit("stars", "服务之星：张三")])
    said = caught.value.text("zh")
    assert said.startswith("2017年10月简报【工作动态】已由 planner_b 于 ") and "（第 2 版）" in said, said
    assert "仍保留在表单中" in said
    assert (rows(s), counter(s)) == before  # nothing stored, not even the untouched-by-others 服务之星
    assert office_texts(session=s, month="2017-10").texts == {"news": "乙的修改。"}
    # seen and saved again on the newer revision: it is taken
    now = {e.section: e.revision for e in current_entries(session=s, month="2017-10").values()}
    assert save_office_texts(session=s, actor=PLANNER, month="2017-10", based_on=now,
                             edits=[OfficeEdit("news", "甲的修改。")]) == ["news"]


def test_a_section_this_form_left_as_shown_keeps_anothers_newer_text(s: Session) -> None:
    save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[OfficeEdit("news", NEWS)])
    shown = {"news": 1}
    save_office_texts(session=s, actor=OTHER, month="2017-10", edits=[OfficeEdit("news", "乙的修改。")],
                      based_on=shown)
    # the form still holds NEWS in 工作动态 (untouched) and writes 服务之星: only 服务之星 is saved
    saved = save_office_texts(session=s, actor=PLANNER, month="2017-10", based_on=shown,
                              edits=[OfficeEdit("news", NEWS), OfficeEdit("stars", "服务之星：张三")])
    assert saved == ["stars"]
    assert office_texts(session=s, month="2017-10").texts == {"news": "乙的修改。", "stars": "服务之星：张三"}


def test_a_section_first_written_by_another_since_the_form_opened_is_a_conflict(s: Session) -> None:
    save_office_texts(session=s, actor=OTHER, month="2017-10", edits=[OfficeEdit("briefs", "乙的简讯。")],
                      based_on={})
    with pytest.raises(EditConflict):  # the form showed 政务简讯 empty (revision 0) and the user wrote one
        save_office_texts(session=s, actor=PLANNER, month="2017-10", based_on={},
                          edits=[OfficeEdit("briefs", "甲的简讯。")])
    # the command line (no form) means what it says: it replaces whatever is stored
    assert save_office_texts(session=s, actor=PLANNER, month="2017-10", edits=[OfficeEdit("briefs", "甲的简讯。")]) \
        == ["briefs"]
