"""The 导出 page's form for what a street adds to its self-evaluation: entered, stored with who saved it, refused
with the problem named (nothing stored), printed in the DOCX; read-only for a leader. AppTest on a demo copy."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from docx import Document as Docx
from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as
from tests.webapp.test_pages import ROOT, open_page

KEY = "selftext_street_nanhuaxi_2016"
# seed 003's items, as a user adds three rows to the table
ROWS = [{"name": "再生育子女审批", "applications": 5, "accepted": 5, "on_time": 5},
        {"name": "广东省居住证核发", "applications": 2952, "accepted": 2952, "on_time": 2952},
        {"name": "廉租房申请初审", "applications": 757, "accepted": 757, "on_time": 757, "approved": 731}]


def _page(role: str, name: str | None = None, units: tuple[str, ...] = ()) -> AppTest:
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180), name or role, role, units)
    at.run()
    at = open_page(at, "export")
    at.selectbox(key="self_unit").set_value("street_nanhuaxi").run()
    at.selectbox(key="self_year").set_value(2016).run()
    assert not at.exception
    return at


@pytest.fixture
def planner(copy_url: str) -> Iterator[AppTest]:
    yield _page("planner")


def _save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "保存自评内容").click().run()
    assert not at.exception, at.exception
    return at


def test_entered_stored_and_printed(planner: AppTest) -> None:
    at = planner
    assert "南华西街政务服务中心2016年尚未保存任何自评内容；报告只含系统数据和起草的部分。" in [i.value for i in at.info]
    at.text_area(key=f"{KEY}_reform").input("（一） 落实调整行政审批事项的部署。\n街道共有行政许可事项1项。")
    at.text_area(key=f"{KEY}_plan").input("**统一制定**便民服务指南。")
    at.number_input(key=f"{KEY}_share").set_value(70.0)
    at.number_input(key=f"{KEY}_banners").set_value(3)
    at.number_input(key=f"{KEY}_complaints").set_value(0)
    assert json.loads(at.dataframe[0].proto.columns)["name"]["pinned"] is True  # in view when a phone scrolls
    at.session_state[f"{KEY}_items"] = {"edited_rows": {}, "added_rows": ROWS, "deleted_rows": []}
    at = _save(at)
    assert "已保存（第 1 版）" in [s.value for s in at.success]
    saved_by = [c.value for c in at.caption if c.value.startswith("当前版本：")]
    assert len(saved_by) == 1 and saved_by[0].startswith("当前版本：planner 于 ") and "（第 1 版，共 1 版）" in saved_by[0]
    assert at.text_area(key=f"{KEY}_plan").value == "**统一制定**便民服务指南。"  # the form shows what is stored
    at.button(key="make_self_street_nanhuaxi_2016_.docx_" + str(at.date_input(key="self_date").value)).click().run()
    export = at.session_state["file_self_street_nanhuaxi_2016_.docx_" + str(at.date_input(key="self_date").value)]
    texts = [p.text for p in Docx(io.BytesIO(export.data)).paragraphs]
    assert any("收到“广东省居住证核发”申请2952\u202f件" in x for x in texts)
    assert any("其中审批同意731\u202f件，审批不同意26\u202f件" in x for x in texts)  # 757 − 731
    assert "70%受理事项达到即办即走。" in texts and "**统一制定**便民服务指南。" in texts  # as typed, no markup
    at.number_input(key=f"{KEY}_banners").set_value(2)  # an edit of the stored version, its items as the page has them
    at = _save(at)
    assert "已保存（第 2 版）" in [s.value for s in at.success] and not at.error
    assert [e.label for e in at.expander if e.label == "历史版本"] == ["历史版本"]  # the first version is kept


def test_a_refusal_names_the_item_and_stores_nothing(planner: AppTest) -> None:
    at = planner
    at.session_state[f"{KEY}_items"] = {"edited_rows": {}, "deleted_rows": [],
                                        "added_rows": [{"name": "廉租房申请初审", "applications": 757, "approved": 758}]}
    at = _save(at)
    errors = [e.value for e in at.error]
    assert errors and "自评报告内容有 1 处问题，未保存任何内容" in errors[0]
    shown = "\n".join(str(v) for df in at.table for v in df.value.to_numpy().ravel())
    assert "事项“廉租房申请初审”的审批同意（件）为 758，大于收到申请（件） 757" in shown
    assert not at.success and any("尚未保存任何自评内容" in i.value for i in at.info)


def test_a_leader_reads_but_does_not_write(copy_url: str) -> None:
    at = _page("leader")
    assert "您的账号可查看但不能修改本单位的自评内容。" in [c.value for c in at.caption]
    assert "保存自评内容" not in [b.label for b in at.button]


def test_a_streets_clerk_writes_its_own_text_and_exports_nothing(copy_url: str) -> None:
    at = _page("reporter", "clerk_nanhuaxi", ("street_nanhuaxi",))
    assert not at.tabs and not [b for b in at.button if b.label == "生成"]  # nothing to export
    assert at.selectbox(key="self_unit").options == ["南华西街政务服务中心"]  # its own unit only
    at.number_input(key=f"{KEY}_banners").set_value(3)
    at = _save(at)
    saved_by = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("当前版本：")]  # Markdown-escaped
    assert saved_by and saved_by[0].startswith("当前版本：clerk_nanhuaxi 于 ")


def test_anothers_save_since_the_form_opened_is_never_overwritten_unseen(planner: AppTest, copy_url: str) -> None:
    from tracker.access.roles import Actor
    from tracker.register import load_register
    from tracker.reports.selfeval.entry import SelfText
    from tracker.reports.selfeval.stored import current_self_text, save_self_text
    from tracker.storage.db import make_engine, session

    at = planner  # the planner's form opens on nothing saved
    with session(make_engine(copy_url)) as s:  # the street's clerk saves version 1 meanwhile
        save_self_text(session=s, register=load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml"),
                       actor=Actor("clerk_nanhuaxi", "reporter", frozenset({"street_nanhuaxi"})),
                       unit="street_nanhuaxi", year=2016, text=SelfText(plan="街道的计划。"), based_on=0)
    at.text_area(key=f"{KEY}_plan").input("规划员的计划。")
    at = _save(at)
    said = [e.value.replace("\\", "") for e in at.error]  # shown as text: Markdown escapes removed to read it
    assert len(said) == 1 and said[0].startswith("南华西街政务服务中心 2016 年的自评内容已由 clerk_nanhuaxi 于 "), said
    assert at.text_area(key=f"{KEY}_plan").value == "规划员的计划。"  # kept in the form
    with session(make_engine(copy_url)) as s:
        stored = current_self_text(session=s, unit="street_nanhuaxi", year=2016)
        assert stored is not None and stored.text.plan == "街道的计划。" and stored.revision == 1
    at.button(key=f"{KEY}_reload").click().run()  # 载入最新内容: the clerk's version in the form
    assert at.text_area(key=f"{KEY}_plan").value == "街道的计划。"
